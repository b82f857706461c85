"""Press context that many pages show, memoised per content generation (core.memo).

Each was recomputed on every cold page: the home page's series teaser was
a third of its cost, the year links a third of the list's (bench/README.md,
profile). They change only with an edit or a scheduled release going live,
which is exactly what a memo of core.memo is bounded by. The values are
lists of model instances; templates only read them.
"""

from core.memo import per_generation

from .models import PressOffice, PressRelease, Series, Topic


@per_generation
def latest_releases(count: int) -> list[PressRelease]:
    """The newest published releases (one query)."""
    return list(PressRelease.objects.published().for_list()[:count])


@per_generation
def town_releases(municipality_pk: int, count: int) -> list[PressRelease]:
    """The newest published releases about one town (one query)."""
    releases = PressRelease.objects.published().for_list()
    return list(releases.filter(municipalities=municipality_pk)[:count])


@per_generation
def series_teaser() -> tuple[Series | None, list[PressRelease]]:
    """The newest series that has a published part, with its published parts (two queries)."""
    series = Series.objects.public().first()
    if series is None:
        return None, []
    parts = PressRelease.objects.published().for_list().filter(series=series)
    return series, list(parts.order_by("part_number"))


@per_generation
def years() -> list:
    """1 January of each year with a published release, newest first."""
    return PressRelease.objects.published().years()


@per_generation
def topics() -> list[Topic]:
    """Topics with at least one published release."""
    return list(Topic.objects.with_published_releases())


@per_generation
def press_office() -> PressOffice | None:
    return PressOffice.load()


@per_generation
def series_neighbours(release_pk: int, series_id: int | None, part_number: int | None) -> tuple:
    """Previous and next *published* part of a release's series (one query)."""
    if not series_id or not part_number:
        return None, None
    parts = list(
        PressRelease.objects.published()
        .filter(series_id=series_id)
        .exclude(pk=release_pk)
        .only("title", "slug", "publish_at", "part_number")
        .order_by("part_number")
    )
    before = [p for p in parts if p.part_number < part_number]
    after = [p for p in parts if p.part_number > part_number]
    return (before[-1] if before else None), (after[0] if after else None)
