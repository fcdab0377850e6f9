"""The week grid of the report: a row per member, a panel per day, each meeting, lunch and
focus block a bar at its time; office days shaded orange, days off grey."""

from __future__ import annotations

from datetime import date

from i18n import N_, _, formats, ngettext

from .draw import OKABE_ITO, Chart, finish
from .figures import Cell, Figures
from .formatting import duration
from .svg.axes import GAP, TEXT, TICK, Key, Scale, legend, legend_width, widest
from .svg.writer import Rect, Svg

KINDS = {"meeting": OKABE_ITO["blue"], "lunch": OKABE_ITO["yellow"], "focus": OKABE_ITO["green"]}
KIND_NAMES = {"meeting": N_("meeting"), "lunch": N_("lunch"), "focus": N_("focus")}
OFFICE = "#FBE3C0"  # a light orange behind office days
DAY_OFF = "#D9D9D9"  # grey across a day off
HOURS = (8, 18)  # each day's panel, 08:00 to 18:00
TITLE = 12.5  # 9 pt
NOTE = 10.0  # 7 pt


def day_label(day: date) -> str:
    return formats.day(day, padded=True)


def week_grid(f: Figures, other: Figures | None = None) -> Chart:
    days = f.frame.days[:len(f.grid[0])] if f.grid else ()
    svg = Svg(1000, 120 + 32 * max(1, len(f.members)))
    keys = ([Key(_(KIND_NAMES[k]), c) for k, c in KINDS.items()]
            + [Key(_("at the office"), OFFICE), Key(_("day off"), DAY_OFF)])
    left, top = widest(f.names, TEXT) + TICK + 2 * GAP, TITLE + 2 * GAP
    bottom = svg.height - (TICK + 2 * GAP + TEXT + GAP + TEXT + 2 * GAP)
    panel = (svg.width - left - 2 * GAP - 2 * GAP * max(0, len(days) - 1)) / max(1, len(days))
    row = (bottom - top) / max(1, len(f.grid))
    for column, day in enumerate(days):
        x0 = left + column * (panel + 2 * GAP)
        _day(svg, f, column, Scale(*HOURS, x0, x0 + panel), top, row)
        svg.line(x0, top, x0, bottom)
        svg.line(x0, bottom, x0 + panel, bottom)
        svg.text(x0 + panel / 2, top - GAP - TITLE / 2, day_label(day), size=TITLE, anchor="middle")
        for hour in (9, 12, 15):
            x = Scale(*HOURS, x0, x0 + panel)(hour)
            svg.line(x, bottom, x, bottom + TICK)
            svg.text(x, bottom + TICK + GAP + TEXT / 2, str(hour), anchor="middle")
    for number, name in enumerate(f.names):  # the names once, on the left
        y = top + (number + 0.5) * row
        svg.line(left - TICK, y, left, y)
        svg.text(left - TICK - GAP / 2, y, name, anchor="end")
    legend(svg, (svg.width - legend_width(keys)) / 2, svg.height - GAP - TEXT / 2, keys)
    rows = [(m.name, *(_cell_text(c) for c in f.grid[number])) for number, m in enumerate(f.members)]
    count = ngettext("%(num)d member", "%(num)d members", len(f.members))
    alt = _("Week of %(day)s for %(count)s: each row a member, each column a day, meetings, lunch and "
            "focus as bars, office days and days off shaded.", day=formats.date_words(f.frame.request.week),
            count=count)
    return finish(svg, "week", _("The week per member"), alt, (_("Member"), *map(day_label, days)), rows)


def _day(svg: Svg, f: Figures, column: int, scale: Scale, top: float, row: float) -> None:
    """One day's panel: office days and days off shaded across, then each block at its time."""
    whole = (scale.start, scale.end - scale.start)
    cells = [(top + number * row, cells[column]) for number, cells in enumerate(f.grid)]
    svg.rects([(whole[0], y, whole[1], row) for y, cell in cells if cell.office], OFFICE)
    svg.rects([(whole[0], y, whole[1], row) for y, cell in cells if cell.off], DAY_OFF)
    for y, cell in cells:
        if cell.off:  # in words too: grey alone is not enough to tell
            svg.text(scale(13), y + row / 2, _("day off"), size=NOTE, anchor="middle")
    for kind, colour in KINDS.items():
        spans: list[Rect] = []
        for y, cell in cells:
            for block in (b for b in cell.blocks if b.kind == kind):
                start, end = (min(max(t / 60, HOURS[0]), HOURS[1]) for t in (block.start, block.end))
                spans.append((scale(start), y + 0.15 * row, scale(end) - scale(start), 0.7 * row))
        svg.rects(spans, colour)


def _cell_text(cell: Cell) -> str:
    if cell.off:
        return _("day off")
    blocks = cell.blocks
    meetings = [b for b in blocks if b.kind == "meeting"]
    focus = sum(b.end - b.start for b in blocks if b.kind == "focus")
    parts = [_("office") if cell.office else _("home"),
             ngettext("%(num)d meeting", "%(num)d meetings", len(meetings))]
    if any(b.kind == "lunch" for b in blocks):
        parts.append(_("lunch"))
    if focus:
        parts.append(_("focus %(time)s", time=duration(focus)))
    return ", ".join(parts)
