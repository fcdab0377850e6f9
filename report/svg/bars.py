"""Bar charts: grouped (this plan beside the other), stacked (kinds of exception, outcomes per
member), upright (per day) or lying (per member), with a dashed reference line (capacity)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .axes import (
    GAP,
    SMALL,
    TEXT,
    TICK,
    Box,
    Key,
    Scale,
    category_axis,
    category_room,
    legend,
    legend_width,
    nice_ticks,
    tick_text,
    value_axis,
    widest,
)
from .writer import Rect, Svg

ROTATE_OVER = 7  # more categories than this (a rhythm's days) and their labels turn, smaller


@dataclass(frozen=True)
class Series:
    """One bar per category: `values`, in one colour or one each, with a text at each bar's end."""

    name: str
    values: Sequence[float]
    colour: str | Sequence[str]
    texts: Sequence[str] | None = None

    def colour_of(self, index: int) -> str:
        return self.colour if isinstance(self.colour, str) else self.colour[index]


@dataclass(frozen=True)
class BarChart:
    categories: Sequence[str]
    series: Sequence[Series]
    axis_label: str  # what the values are
    width: float = 1000
    height: float = 340
    horizontal: bool = False  # categories down the left, first at the top
    stacked: bool = False
    whole: bool = False  # counts: ticks on whole numbers
    reference: tuple[float, str] | None = None  # a dashed line across, and its name
    legend: bool | None = None  # None: when there are several series or a reference line
    legend_columns: int | None = None  # a legend under the chart, in rows of this many

    @property
    def turn(self) -> float:
        """Degrees the category labels turn: many days under upright bars stand on their end."""
        return 60 if not self.horizontal and len(self.categories) > ROTATE_OVER else 0

    def keys(self) -> list[Key]:
        shown = self.legend if self.legend is not None else len(self.series) > 1 or bool(self.reference)
        if not shown:
            return []
        keys = [Key(self.reference[1], "#000000", dashed=True)] if self.reference else []
        return keys + [Key(s.name, s.colour_of(0)) for s in self.series]


def draw_bars(chart: BarChart) -> Svg:
    svg = Svg(chart.width, chart.height)
    keys = chart.keys()
    below = bool(keys) and chart.legend_columns is not None
    ends = _ends(chart)
    ticks = nice_ticks(max([*(e for e, _ in ends.values()), chart.reference[0] if chart.reference else 0]),
                       whole=chart.whole)
    box = _box(chart, keys, below, ticks)
    if chart.horizontal:
        scale = Scale(0, ticks[-1], box.left, box.right)
        band = box.height / max(1, len(chart.categories))
        places = [box.top + band * (i + 0.5) for i in range(len(chart.categories))]
    else:
        scale = Scale(0, ticks[-1], box.bottom, box.top)
        band = box.width / max(1, len(chart.categories))
        places = [box.left + band * (i + 0.5) for i in range(len(chart.categories))]
    _draw(svg, chart, places, band, scale, ends)
    value_axis(svg, box, scale, ticks, chart.axis_label, horizontal=chart.horizontal)
    category_axis(svg, box, places, chart.categories, horizontal=chart.horizontal,
                  size=SMALL if chart.turn else TEXT, rotate=chart.turn)
    if chart.reference:
        at = scale(chart.reference[0])
        if chart.horizontal:
            svg.line(at, box.top, at, box.bottom, dashed=True)
        else:
            svg.line(box.left, at, box.right, at, dashed=True)
    if below:
        wide, first = legend_width(keys[:chart.legend_columns]), (TEXT + GAP) * _rows(chart, keys)
        legend(svg, (chart.width - wide) / 2, chart.height - GAP - first + TEXT / 2, keys,
               columns=chart.legend_columns)
    elif keys:
        legend(svg, box.right - legend_width(keys), GAP + TEXT / 2, keys)
    return svg


def _box(chart: BarChart, keys: list[Key], below: bool, ticks: Sequence[float]) -> Box:
    legend_room = (TEXT + GAP) * _rows(chart, keys)
    top = GAP + (0 if below else legend_room) + SMALL + GAP  # the legend, numbers over the bars
    bottom = GAP + (legend_room if below else 0)
    texts = [t for s in chart.series for t in (s.texts or ())]
    if chart.horizontal:
        left = widest(chart.categories, TEXT) + TICK + 2 * GAP
        right = (widest(texts, SMALL) + GAP if texts else 0) + 2 * GAP
        bottom += TICK + 3 * GAP + 2 * TEXT
    else:
        left = widest([tick_text(v) for v in ticks], TEXT) + TICK + 3 * GAP + TEXT
        right = 2 * GAP
        bottom += category_room(chart.categories, SMALL if chart.turn else TEXT, chart.turn)
    return Box(left, top, max(10.0, chart.width - left - right), max(10.0, chart.height - top - bottom))


def _rows(chart: BarChart, keys: list[Key]) -> int:
    return -(-len(keys) // (chart.legend_columns or len(keys))) if keys else 0


def _ends(chart: BarChart) -> dict[tuple[int, int], tuple[float, float]]:
    """Where each bar (series, category) ends and starts on the value axis."""
    ends: dict[tuple[int, int], tuple[float, float]] = {}
    floor = [0.0] * len(chart.categories)
    for number, series in enumerate(chart.series):
        for i, value in enumerate(series.values):
            start = floor[i] if chart.stacked else 0.0
            ends[number, i] = (start + value, start)
            if chart.stacked:
                floor[i] += value
    return ends


def _draw(svg: Svg, chart: BarChart, places: Sequence[float], band: float, scale: Scale,
          ends: dict[tuple[int, int], tuple[float, float]]) -> None:
    count = 1 if chart.stacked else max(1, len(chart.series))
    thick = 0.8 * band / count
    shapes: dict[str, list[Rect]] = defaultdict(list)  # one path per colour
    texts: list[tuple[float, float, str, str]] = []  # drawn over the bars
    for (number, i), (end, start) in ends.items():
        series = chart.series[number]
        across = places[i] - 0.4 * band + thick * ((0 if chart.stacked else number) + 0.5)
        low, high = sorted((scale(start), scale(end)))
        if chart.horizontal:
            shapes[series.colour_of(i)].append((low, across - thick / 2, high - low, thick))
        else:
            shapes[series.colour_of(i)].append((across - thick / 2, low, thick, high - low))
        if series.texts and i < len(series.texts):
            if chart.horizontal:
                texts.append((scale(end) + GAP / 2, across, series.texts[i], "start"))
            else:
                texts.append((across, scale(end) - GAP / 2 - SMALL / 2, series.texts[i], "middle"))
    for colour, rects in shapes.items():
        svg.rects(rects, colour)
    for x, y, text, anchor in texts:
        svg.text(x, y, text, size=SMALL, anchor=anchor)


def fits_texts(categories: Sequence[str], series_count: int) -> bool:
    """Numbers on the bars while they stay readable (matplotlib's charts had the same limit)."""
    return len(categories) * series_count <= 24
