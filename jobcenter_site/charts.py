"""Server-rendered bar charts for the figures: geometry only, the markup is a template.

Bars compare like with like, so there is one chart per unit, and only for
units with at least two figures (a single bar compares nothing; the table
shows every figure anyway).
"""

from dataclasses import dataclass, field

from .models import Figure

BAR_AREA = 480  # the longest bar fills the track; the value stands in its own column


@dataclass
class Bar:
    figure: Figure
    width: int  # in track units (0–BAR_AREA)


@dataclass
class Chart:
    unit: str
    unit_label: str
    bars: list[Bar] = field(default_factory=list)
    bar_area: int = BAR_AREA


def number_sources(figures: list[Figure]) -> list[Figure]:
    """Give each figure `source_no`; return one figure per source, in number order.

    Chart rows and table rows then point at one numbered list of sources.
    """
    first: dict[str, Figure] = {}
    for figure in figures:
        figure.source_no = (
            list(first).index(figure.source) + 1 if figure.source in first else len(first) + 1
        )
        first.setdefault(figure.source, figure)
    return list(first.values())


def bar_charts(figures: list[Figure]) -> list[Chart]:
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(figure.unit, []).append(figure)
    charts = []
    for unit, members in groups.items():
        if len(members) < 2:
            continue
        top = max(f.value for f in members) or 1
        chart = Chart(unit, members[0].get_unit_display())
        for figure in members:
            width = max(2, round(float(figure.value / top) * BAR_AREA))
            chart.bars.append(Bar(figure, width))
        charts.append(chart)
    return charts
