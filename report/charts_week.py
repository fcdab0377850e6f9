"""The week grid of the report: a row per member, a panel per day, each meeting, lunch and
focus block a bar at its time; office days shaded orange, days off grey."""

from __future__ import annotations

from datetime import date

from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from .draw import OKABE_ITO, Chart, finish, new_figure
from .figures import Cell, Figures
from .formatting import duration

KINDS = {"meeting": OKABE_ITO["blue"], "lunch": OKABE_ITO["yellow"], "focus": OKABE_ITO["green"]}
OFFICE = "#FBE3C0"  # a light orange behind office days
DAY_OFF = "#D9D9D9"  # grey across a day off


def day_label(day: date) -> str:
    return f"{day:%a %d %b}"


def week_grid(f: Figures, other: Figures | None = None) -> Chart:
    days = f.frame.days[:len(f.grid[0])] if f.grid else ()
    figure = new_figure(10, 1.2 + 0.32 * max(1, len(f.members)))
    panels = figure.subplots(1, max(1, len(days)), sharey=True, squeeze=False)[0]
    rows = []
    for column, (axes, day) in enumerate(zip(panels, days, strict=False)):
        # One collection per kind and day, not a patch per block: a team of fifty draws in a second.
        office = [row for row, cells in enumerate(f.grid) if cells[column].office]
        axes.add_collection(_rectangles([(8, 18, row, 0.5) for row in office], OFFICE, zorder=0))
        off = [row for row, cells in enumerate(f.grid) if cells[column].off]
        axes.add_collection(_rectangles([(8, 18, row, 0.5) for row in off], DAY_OFF, zorder=0))
        for row in off:  # in words too: grey alone is not enough to tell
            axes.text(13, row, "day off", ha="center", va="center", fontsize=7)
        for kind, colour in KINDS.items():
            spans = [(b.start / 60, b.end / 60, row, 0.35) for row, cells in enumerate(f.grid)
                     for b in cells[column].blocks if b.kind == kind]
            axes.add_collection(_rectangles(spans, colour))
        axes.set_xlim(8, 18)
        axes.set_ylim(len(f.grid) - 0.5, -0.5)
        axes.set_xticks([9, 12, 15])
        axes.set_title(day_label(day), fontsize=9)
        if column:
            axes.tick_params(axis="y", left=False)  # the names once, on the left
    panels[0].set_yticks(range(len(f.members)), f.names)
    handles = [_patch(c, k) for k, c in KINDS.items()] + [_patch(OFFICE, "at the office"),
                                                           _patch(DAY_OFF, "day off")]
    figure.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False)
    for number, member in enumerate(f.members):
        cells = f.grid[number]
        rows.append((member.name, *(_cell_text(c) for c in cells)))
    count = f"{len(f.members)} member" + ("s" if len(f.members) != 1 else "")
    alt = (f"Week of {f.frame.request.week:%d %B %Y} for {count}: each row a member, "
           "each column a day, meetings, lunch and focus as bars, office days and days off shaded.")
    return finish(figure, "week", "The week per member", alt, ("Member", *map(day_label, days)), rows)


def _cell_text(cell: Cell) -> str:
    if cell.off:
        return "day off"
    blocks = cell.blocks
    meetings = [b for b in blocks if b.kind == "meeting"]
    focus = sum(b.end - b.start for b in blocks if b.kind == "focus")
    plural = "" if len(meetings) == 1 else "s"
    parts = ["office" if cell.office else "home", f"{len(meetings)} meeting{plural}"]
    if any(b.kind == "lunch" for b in blocks):
        parts.append("lunch")
    if focus:
        parts.append(f"focus {duration(focus)}")
    return ", ".join(parts)


def _rectangles(spans: list[tuple[float, float, int, float]], colour: str, zorder: int = 1) -> PolyCollection:
    """Rectangles from x0 to x1 around row y, half as high as given, as one collection."""
    return PolyCollection([[(x0, y - h), (x1, y - h), (x1, y + h), (x0, y + h)] for x0, x1, y, h in spans],
                          facecolors=colour, edgecolors="none", zorder=zorder)


def _patch(colour: str, label: str) -> Patch:
    return Patch(color=colour, label=label)
