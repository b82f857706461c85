"""Server-rendered bar charts for the figures: geometry only, the SVG is a template.

Bars compare like with like, so there is one chart per unit, and only for
units with at least two figures (a single bar compares nothing; the table
shows every figure anyway).
"""

from dataclasses import dataclass, field

from .models import Figure

CHART_WIDTH = 640
BAR_AREA = 520  # leaves room for the value after the longest bar
ROW_HEIGHT = 56
BAR_HEIGHT = 22


@dataclass
class Bar:
    figure: Figure
    y: int
    width: int

    @property
    def label_y(self) -> int:
        return self.y - 6

    @property
    def value_x(self) -> int:
        return self.width + 8

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 6


@dataclass
class Chart:
    unit: str
    unit_label: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 8


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
        for row, figure in enumerate(members):
            width = max(2, round(float(figure.value / top) * BAR_AREA))
            chart.bars.append(Bar(figure, row * ROW_HEIGHT + 26, width))
        charts.append(chart)
    return charts
