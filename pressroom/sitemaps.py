from django.contrib.sitemaps import Sitemap

from .models import PressRelease, Series


class PressReleaseSitemap(Sitemap):
    """Published releases; hreflang alternates only for the languages a release has."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return PressRelease.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        return item.languages()


class SeriesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Series.objects.public().order_by("pk")
