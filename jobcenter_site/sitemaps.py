from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from locations.sitemaps import OfficeSitemap
from pressroom.sitemaps import PressReleaseSitemap, SeriesSitemap

from .models import Page


class StaticViewSitemap(Sitemap):
    """Pages that exist in every language because only UI strings change."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["home", "feedback"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    """Information pages, listed only in the languages their content exists in."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("pk")

    def get_languages_for_item(self, item):
        return item.languages()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "static": StaticViewSitemap,
    "press": PressReleaseSitemap,
    "series": SeriesSitemap,
    "offices": OfficeSitemap,
    "pages": PageSitemap,
}
