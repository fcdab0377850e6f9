"""Heat maps of member by member, side by side (this plan, the other), coloured with cividis on
one shared scale, with a colour bar; the numbers in the cells while they stay readable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .axes import GAP, SMALL, TEXT, TICK, Scale, nice_ticks, tick_text, widest
from .cividis import cividis
from .writer import Rect, Svg

BAR_SLICES = 64  # the colour bar, drawn as thin bands


@dataclass(frozen=True)
class HeatMap:
    title: str
    values: Sequence[Sequence[int]]  # row by column, in the order of the names


def draw_heat_maps(maps: Sequence[HeatMap], names: Sequence[str], *, top: float, label: str,
                   numbers: bool) -> Svg:
    """`maps` side by side on one scale from 0 to `top`, each `names` by `names`."""
    count = max(1, len(names))
    cell = 40.0 if count <= 8 else max(14.0, min(40.0, 960 / count))
    side = cell * count
    left = widest(names, SMALL) + TICK + GAP
    head = TEXT + 3 * GAP
    between = 4 * GAP
    ticks = nice_ticks(top)
    bar_left = left + len(maps) * side + (len(maps) - 1) * between + 5 * GAP
    width = bar_left + 16 + TICK + GAP + widest([tick_text(t) for t in ticks], TEXT) + 2 * GAP + TEXT + GAP
    height = head + side + TICK + GAP + widest(names, SMALL) + 2 * GAP
    svg = Svg(width, height)
    for number, shown in enumerate(maps):
        x0 = left + number * (side + between)
        _cells(svg, shown, x0, head, cell, top, numbers)
        svg.text(x0 + side / 2, head / 2, shown.title, size=TEXT, anchor="middle")
        for i, name in enumerate(names):
            middle = i * cell + cell / 2
            svg.line(x0 - TICK, head + middle, x0, head + middle)
            svg.line(x0 + middle, head + side, x0 + middle, head + side + TICK)
            svg.text(x0 + middle, head + side + TICK + GAP / 2, name, size=SMALL, anchor="end", rotate=90)
            if number == 0:  # the names once, on the left; the panels share them
                svg.text(x0 - TICK - GAP / 2, head + middle, name, size=SMALL, anchor="end")
    _colour_bar(svg, bar_left, head + side * 0.15, side * 0.7, top, ticks, label)
    return svg


def _cells(svg: Svg, shown: HeatMap, x0: float, y0: float, cell: float, top: float, numbers: bool) -> None:
    shapes: dict[str, list[Rect]] = defaultdict(list)
    for i, row in enumerate(shown.values):
        for j, value in enumerate(row):
            shapes[cividis(value, top)].append((x0 + j * cell, y0 + i * cell, cell, cell))
    for colour, rects in shapes.items():
        svg.rects(rects, colour)
    if not numbers:
        return
    peak = max((max(row, default=0) for row in shown.values), default=0) or 1
    for i, row in enumerate(shown.values):
        for j, value in enumerate(row):
            # Dark text on the light end of the scale, light text on the dark end.
            svg.text(x0 + (j + 0.5) * cell, y0 + (i + 0.5) * cell, str(value), size=SMALL, anchor="middle",
                     colour="#000000" if value > peak / 2 else "#ffffff")


def _colour_bar(svg: Svg, x: float, y: float, tall: float, top: float, ticks: Sequence[float],
                label: str) -> None:
    scale = Scale(0, ticks[-1], y + tall, y)
    slices = [(k + 0.5) / BAR_SLICES * ticks[-1] for k in range(BAR_SLICES)]
    for k, value in enumerate(slices):
        low, high = scale(k / BAR_SLICES * ticks[-1]), scale((k + 1) / BAR_SLICES * ticks[-1])
        svg.rect(x, high, 16, low - high + 0.5, cividis(value, top))
    svg.line(x + 16, y, x + 16, y + tall)
    for tick in ticks:
        svg.line(x + 16, scale(tick), x + 16 + TICK, scale(tick))
        svg.text(x + 16 + TICK + GAP / 2, scale(tick), tick_text(tick), size=TEXT)
    room = widest([tick_text(t) for t in ticks], TEXT)
    svg.text(x + 16 + TICK + GAP + room + GAP + TEXT / 2, y + tall / 2, label, size=TEXT, anchor="middle",
             rotate=90)
