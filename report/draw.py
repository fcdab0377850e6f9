"""How every chart is made: drawn once as SVG (`report/svg/`), with its text alternative and
numbers, and rasterised to PNG from that same SVG when a PNG is asked for.

The charts were drawn with matplotlib until issue 26: starting it and laying out its figures
took 2.5 s of the example's 2.6 s report and the web app had to draw one report at a time (it
is not thread-safe). The SVG is now written directly (a few milliseconds a chart, no shared
state), and the PNG beside each chart is the same picture rasterised by resvg (`resvg-py`: the
reference SVG renderer, a wheel with no system library), so the PNG can never differ from
what the page shows. The web page needs no PNG and never pays for one.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from .svg.writer import Svg

# Okabe-Ito: told apart with every common colour-vision deficiency.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "yellow": "#F0E442",
             "sky": "#56B4E9", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
SERIES = (OKABE_ITO["blue"], OKABE_ITO["orange"])  # this plan, the other one
CYCLE = tuple(OKABE_ITO.values())  # more series than two (buildings): each its own colour


@dataclass(frozen=True)
class Chart:
    """A drawn chart with everything a person without the picture needs: the text and the numbers."""

    id: str
    title: str
    alt: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: str

    def png(self) -> bytes:
        """The chart as a PNG, rasterised from its SVG at one pixel per unit, in the first of
        the SVG's fonts the system has (tens of milliseconds: only `rhythm report` asks)."""
        import resvg_py

        return bytes(resvg_py.svg_to_bytes(svg_string=self.svg))


def pngs(charts: Sequence[Chart], processes: int = 1) -> list[bytes]:
    """Each chart's PNG; with `processes` > 1 rasterised side by side in forked processes (the
    command line on a large team: resvg holds the interpreter's lock while it draws)."""
    if processes <= 1 or len(charts) < 2:
        return [chart.png() for chart in charts]
    with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
        return list(pool.map(Chart.png, charts))


def finish(drawn: Svg, id: str, title: str, alt: str, headers: Sequence[str],
           rows: Sequence[Sequence[object]]) -> Chart:
    return Chart(id, title, alt, tuple(headers), tuple(tuple(_text(v) for v in r) for r in rows),
                 drawn.render())


def series_colour(number: int) -> str:
    return SERIES[number] if number < len(SERIES) else CYCLE[number % len(CYCLE)]


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
