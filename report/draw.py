"""How every chart is drawn: one matplotlib figure, written once as SVG and once as PNG.

Figures are made with `matplotlib.figure.Figure`, not pyplot: no global figure manager.
matplotlib is not thread-safe all the same, so the web app draws one report at a time. SVG
text stays text (`svg.fonttype: none`): smaller files, selectable labels, and a browser test
can read them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

matplotlib.use("Agg")  # no display here or on a server; SVG has its own backend

# Okabe-Ito: told apart with every common colour-vision deficiency.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "yellow": "#F0E442",
             "sky": "#56B4E9", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
SERIES = (OKABE_ITO["blue"], OKABE_ITO["orange"])  # this plan, the other one
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "rhythm",  # the same figure gives the same file
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO.values())),
}
DPI = 100
# Set once, for the whole process: rc_context would change the globals around every draw,
# which threads drawing at once (the web app) would see half-changed.
matplotlib.rcParams.update(STYLE)


@dataclass(frozen=True)
class Chart:
    """A drawn chart with everything a person without the picture needs: the text and the numbers."""

    id: str
    title: str
    alt: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: str
    png: bytes


def new_figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def finish(figure: Figure, id: str, title: str, alt: str, headers: Sequence[str],
           rows: Sequence[Sequence[object]]) -> Chart:
    svg, png = io.StringIO(), io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    # The layout is solved by the first save; the second draws it as it is (half the time).
    figure.set_layout_engine("none")
    figure.savefig(png, format="png", dpi=DPI)
    return Chart(id, title, alt, tuple(headers), tuple(tuple(_text(v) for v in r) for r in rows),
                 _strip_prolog(svg.getvalue()), png.getvalue())


def bars(axes: Axes, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
         horizontal: bool = False) -> None:
    """Grouped bars: one group per label, one bar per series (this plan, the other)."""
    count = len(series)
    width = 0.8 / count
    for number, (name, values) in enumerate(series):
        offsets = [i - 0.4 + width * (number + 0.5) for i in range(len(labels))]
        draw = axes.barh if horizontal else axes.bar
        drawn = draw(offsets, values, width, label=name, color=SERIES[number % len(SERIES)])
        if len(labels) * count <= 24:
            axes.bar_label(drawn, fmt="%g", padding=2, fontsize=8)
    ticks = axes.set_yticks if horizontal else axes.set_xticks
    ticks(range(len(labels)), labels)
    if count > 1:
        axes.legend(frameon=False)


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _strip_prolog(svg: str) -> str:
    """The SVG element alone, to sit inside an HTML page (no XML declaration or DOCTYPE)."""
    return svg[svg.index("<svg"):]
