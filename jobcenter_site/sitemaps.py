from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pressroom.sitemaps import PressReleaseSitemap, SeriesSitemap


class StaticViewSitemap(Sitemap):
    """Pages that exist in every language because only UI strings change."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "static": StaticViewSitemap,
    "press": PressReleaseSitemap,
    "series": SeriesSitemap,
}
