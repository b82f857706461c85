"""Press sections of the sitemap index: releases (paged), series, topics, years, press pages."""

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse

from core.sitemaps import I18nSitemap, PagedI18nSitemap
from core.translation_state import outdated_in
from locations.models import Municipality

from .models import REQUIRED_TEXT_FIELDS, SOURCE_LANGUAGE, PressRelease, Series, Topic

# The columns a sitemap entry needs; never the texts themselves.
ENTRY_FIELDS = ("pk", "slug", "publish_at", "embargo_until", "first_published_at")
ENTRY_FIELDS += ("public_updated_at",)


def _complete_in(code: str) -> ExpressionWrapper:
    """True when title, lead and body exist in `code` and none of its translations is
    outdated: languages(), computed in SQL."""
    complete = ~Q(outdated_in(PressRelease, code))
    for field in REQUIRED_TEXT_FIELDS:
        complete &= Q(**{f"{field}_{code}__isnull": False}) & ~Q(**{f"{field}_{code}": ""})
    return ExpressionWrapper(complete, output_field=BooleanField())


class PressReleaseSitemap(PagedI18nSitemap):
    """Published releases, paged by pk; hreflang only for the languages a release has."""

    changefreq = "monthly"

    def items(self):
        others = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
        return (
            PressRelease.objects.published()
            .only(*ENTRY_FIELDS)
            .annotate(**{f"in_{code}": _complete_in(code) for code in others})
            .order_by("pk")
        )

    def get_languages_for_item(self, item):
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == SOURCE_LANGUAGE or getattr(item, f"in_{code}")
        ]

    def lastmod(self, item):
        return item.last_public_change


class SeriesSitemap(PagedI18nSitemap):
    """Public series, paged like releases (a large archive has thousands)."""

    changefreq = "weekly"
    limit = 40  # every series exists in all six languages

    def items(self):
        return Series.objects.public().only("pk", "slug").order_by("pk")


class TopicSitemap(I18nSitemap):
    """Topic lists with at least one public release."""

    changefreq = "weekly"

    def items(self):
        return Topic.objects.with_published_releases().order_by("pk")


class YearSitemap(I18nSitemap):
    """The yearly archives: every year with a public release."""

    changefreq = "monthly"

    def items(self):
        return [day.year for day in PressRelease.objects.published().years()]

    def location(self, year):
        return reverse("pressroom:year", kwargs={"year": year})


class PressPageSitemap(I18nSitemap):
    """The press index and the press-service page (UI text in every language)."""

    changefreq = "daily"

    def items(self):
        return ["pressroom:list", "pressroom:service"]

    def location(self, name):
        return reverse(name)


class TownSitemap(I18nSitemap):
    """The news page of every town with a public release about it."""

    changefreq = "weekly"

    def items(self):
        about = PressRelease.objects.published().filter(municipalities=OuterRef("pk"))
        return Municipality.objects.filter(Exists(about)).order_by("pk")

    def location(self, town):
        return reverse("pressroom:town", kwargs={"ags": town.ags})
