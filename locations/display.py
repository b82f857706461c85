"""What the office pages show, computed from prefetched rows: the week table,
upcoming special days and the schematic map."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.tz import BERLIN

from . import opening

# The schematic map: an equirectangular projection of the county's extent,
# with longitude shrunk by cos(52°) so the shape is not stretched.
MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = 6.40, 7.36, 51.73, 52.25
MAP_WIDTH = 600
LON_SCALE = 0.616
MAP_HEIGHT = round(MAP_WIDTH * (MAP_NORTH - MAP_SOUTH) / ((MAP_EAST - MAP_WEST) * LON_SCALE))
# Labels sit right of their point, except where a neighbour or the edge is in the way.
LABEL_LEFT = {"suedlohn", "vreden", "gescher", "legden"}
LABEL_BELOW = {"bocholt", "heiden", "isselburg", "schoeppingen"}


@dataclass
class WeekRow:
    weekday: int
    label: str
    hours: list
    is_today: bool


def week_table(hours, today: date) -> list[WeekRow]:
    from .models import OpeningHours

    rows = []
    for weekday, label in OpeningHours.Weekday.choices:
        slots = [h for h in hours if h.weekday == weekday]
        rows.append(WeekRow(weekday, label, slots, weekday == today.weekday()))
    return rows


@dataclass
class SpecialDay:
    day: date
    reason: str
    slots: list


def upcoming_holidays(hours, closures, today: date, days: int = 30) -> list[SpecialDay]:
    """NRW holidays in the next `days` on which the office would otherwise open."""
    special = []
    weekdays = {h.weekday for h in hours}
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day.weekday() not in weekdays or not opening.is_holiday(day):
            continue
        if opening.closure_on(day, closures) is None:
            special.append(SpecialDay(day, opening.nrw_holidays(day.year).get(day), []))
    return special


@dataclass
class MapPoint:
    office: object
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start, end or middle


def map_points(offices) -> list[MapPoint]:
    """One point per local office whose town has (approximate) coordinates."""
    points = []
    for office in offices:
        town = office.municipality
        if office.is_county or town is None or town.latitude is None:
            continue
        x = (float(town.longitude) - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH
        y = (MAP_NORTH - float(town.latitude)) / (MAP_NORTH - MAP_SOUTH) * MAP_HEIGHT
        points.append(MapPoint(office, round(x, 1), round(y, 1), *_label(town.slug, x, y)))
    return points


def _label(slug: str, x: float, y: float) -> tuple[float, float, str]:
    if slug in LABEL_BELOW:
        if x < 60:  # at the west edge a centred name would be cut off by the map's border
            return round(x - 6, 1), round(y + 18, 1), "start"
        return round(x, 1), round(y + 18, 1), "middle"
    if slug in LABEL_LEFT:
        return round(x - 9, 1), round(y, 1), "end"
    return round(x + 9, 1), round(y, 1), "start"


def verified_label(office) -> str:
    """ "2021" when only the year is known, else "12.03.2024"; "" when unknown."""
    if office.data_verified_on is None:
        return ""
    if office.data_verified_year_only:
        return str(office.data_verified_on.year)
    return f"{office.data_verified_on:%d.%m.%Y}"


def with_status(offices, now: datetime) -> list:
    """Attach the open-now status and its badge text to each office."""
    for office in offices:
        office.current_status = office.status(now)
        office.status_text = opening.status_label(now, office.current_status)
    return offices


ACCESSIBILITY_FIELDS = [
    "step_free_entrance",
    "lift",
    "accessible_wc",
    "disabled_parking",
    "hearing_loop",
]


def accessibility(office) -> list[tuple[str, bool | None]]:
    """(label, True/False/None) per feature; None means not known."""
    return [
        (office._meta.get_field(name).verbose_name, getattr(office, name))
        for name in ACCESSIBILITY_FIELDS
    ]


def missing_facts(office) -> list[str]:
    """What the page lacks, named for the reader (and the admin filter's twin)."""
    from django.utils.translation import gettext as _

    missing = []
    if not office.has_address:
        missing.append(_("Anschrift"))
    if not office.phone:
        missing.append(_("Telefonnummer"))
    if not any(True for _h in office.hours.all()):
        missing.append(_("Öffnungszeiten"))
    return missing


@dataclass
class Today:
    day: date
    slots: list  # opening.Slot, today's (local) slots
    closure: object | None  # the closure covering today, own or county-wide
    holiday: str  # the NRW public holiday's name, or ""


def today(office, now: datetime) -> Today:
    """Today's hours of an office (its effective closures attached)."""
    day = now.astimezone(BERLIN).date()
    closures = office.effective_closures
    hours = list(office.hours.all())
    holiday = opening.nrw_holidays(day.year).get(day, "")
    closure = opening.closure_on(day, closures)
    return Today(day, opening.slots_on(day, hours, closures), closure, holiday)
