from django.urls import reverse

from core.sitemaps import I18nSitemap
from locations.sitemaps import OfficeSitemap, ServiceSitemap
from pressroom.sitemaps import (
    PressPageSitemap,
    PressReleaseSitemap,
    SeriesSitemap,
    TopicSitemap,
    TownSitemap,
    YearSitemap,
)

from .models import Page


class StaticViewSitemap(I18nSitemap):
    """Pages that exist in every language because only UI strings change."""

    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "feedback",
            "locations:list",
            "locations:finder",
            "glossary",
            "services:list",
        ]

    def location(self, item):
        return reverse(item)


class PageSitemap(I18nSitemap):
    """Information pages, listed only in the languages their content exists in."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("pk")

    def get_languages_for_item(self, item):
        return item.languages()

    def lastmod(self, item):
        return item.updated_at


# The sitemap index (/sitemap.xml) lists one child per section, and several
# pages of the release section (/sitemap-press.xml?p=2 …) as it grows.
SITEMAPS = {
    "static": StaticViewSitemap,
    "press": PressReleaseSitemap,
    "press-pages": PressPageSitemap,
    "series": SeriesSitemap,
    "topics": TopicSitemap,
    "years": YearSitemap,
    "towns": TownSitemap,
    "offices": OfficeSitemap,
    "services": ServiceSitemap,
    "pages": PageSitemap,
}
