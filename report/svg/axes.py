"""The parts every chart shares: where a value lands, the ticks of a value axis, the axis lines
with their labels, and the legend. Sizes are pixels; text sizes are matplotlib's points at the
100 dpi the charts were drawn at (10 pt is 14 px)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .writer import Svg, text_width

TEXT = 14.0  # 10 pt: axis labels, legends
SMALL = 11.0  # 8 pt: tick labels of long lists, numbers on bars and cells
TICK = 4.0
GAP = 6.0


@dataclass(frozen=True)
class Box:
    """The plotting area of a chart, in pixels from the top left."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Scale:
    """Values from `low` to `high` onto pixels from `start` to `end` (end < start turns it up)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def nice_ticks(top: float, most: int = 8, *, whole: bool = False) -> list[float]:
    """Ticks from 0 to the first round value at or above `top`: steps of 1, 2, 2.5 or 5 times a
    power of ten, at most `most` steps, as matplotlib's axes choose them; `whole` numbers only
    for counts of people or meetings."""
    if top <= 0:
        return [0.0, 1.0]
    power = 10.0 ** math.floor(math.log10(top / most))
    steps = [power * f for f in (1, 2, 2.5, 5, 10, 20) if not whole or (power * f >= 1 and f != 2.5)]
    step = next((s for s in steps if math.ceil(top / s - 1e-9) <= most), 1.0)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def tick_text(value: float) -> str:
    return f"{value:g}"


def widest(labels: Sequence[str], size: float) -> float:
    return max((text_width(label, size) for label in labels), default=0.0)


def value_axis(svg: Svg, box: Box, scale: Scale, ticks: Sequence[float], label: str,
               *, horizontal: bool = False) -> None:
    """The value axis with its ticks and label: left of the box, or below it (`horizontal`)."""
    if horizontal:
        svg.line(box.left, box.bottom, box.right, box.bottom)
        for tick in ticks:
            x = scale(tick)
            svg.line(x, box.bottom, x, box.bottom + TICK)
            svg.text(x, box.bottom + TICK + GAP + TEXT / 2, tick_text(tick), anchor="middle")
        svg.text(box.left + box.width / 2, box.bottom + TICK + 2 * GAP + 1.5 * TEXT, label, anchor="middle")
        return
    svg.line(box.left, box.top, box.left, box.bottom)
    for tick in ticks:
        y = scale(tick)
        svg.line(box.left - TICK, y, box.left, y)
        svg.text(box.left - TICK - GAP / 2, y, tick_text(tick), anchor="end")
    room = widest([tick_text(t) for t in ticks], TEXT) + TICK + GAP
    svg.text(box.left - room - GAP - TEXT / 2, box.top + box.height / 2, label, anchor="middle", rotate=90)


def category_axis(svg: Svg, box: Box, places: Sequence[float], labels: Sequence[str],
                  *, horizontal: bool = False, size: float = TEXT, rotate: float = 0) -> None:
    """The axis of the bars' categories: below the box, or left of it (`horizontal`)."""
    if horizontal:
        svg.line(box.left, box.top, box.left, box.bottom)
        for y, label in zip(places, labels, strict=True):
            svg.line(box.left - TICK, y, box.left, y)
            svg.text(box.left - TICK - GAP / 2, y, label, size=size, anchor="end")
        return
    svg.line(box.left, box.bottom, box.right, box.bottom)
    for x, label in zip(places, labels, strict=True):
        svg.line(x, box.bottom, x, box.bottom + TICK)
        if rotate:
            svg.text(x, box.bottom + TICK + GAP / 2, label, size=size, anchor="end", rotate=rotate)
        else:
            svg.text(x, box.bottom + TICK + GAP + size / 2, label, size=size, anchor="middle")


def category_room(labels: Sequence[str], size: float, rotate: float) -> float:
    """The height the category labels under a box take (rotated labels stand on their end)."""
    if not rotate:
        return TICK + GAP + size + GAP
    return TICK + GAP + widest(labels, size) * math.sin(math.radians(rotate)) + size


@dataclass(frozen=True)
class Key:
    """One legend entry: a swatch of `colour` (a dashed line when `dashed`) and its label."""

    label: str
    colour: str
    dashed: bool = False


def legend_width(keys: Sequence[Key]) -> float:
    return sum(key_width(k) for k in keys) + GAP * 2 * max(0, len(keys) - 1)


def key_width(key: Key) -> float:
    return 24 + GAP + text_width(key.label, TEXT)


def legend(svg: Svg, x: float, y: float, keys: Sequence[Key], *, columns: int | None = None) -> None:
    """The keys in rows of `columns` (all in one row by default), the first row centred on `y`
    and starting at `x`."""
    per_row = columns or len(keys) or 1
    for start in range(0, len(keys), per_row):
        left = x
        for key in keys[start:start + per_row]:
            if key.dashed:
                svg.line(left, y, left + 24, y, dashed=True)
            else:
                svg.rect(left, y - 5, 24, 10, key.colour)
            svg.text(left + 24 + GAP, y, key.label)
            left += key_width(key) + 2 * GAP
        y += TEXT + GAP
