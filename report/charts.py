"""The report's charts of a plan, each beside a second plan (`other`) when there is one.

Every chart comes with its title, a sentence that says what it shows (the text alternative)
and a table of the numbers it is drawn from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .charts_week import day_label, week_grid
from .counts import MemberWeek
from .draw import OKABE_ITO, Chart, finish, series_colour
from .figures import Figures
from .formatting import duration
from .svg.bars import BarChart, Series, draw_bars, fits_texts
from .svg.heat import HeatMap, draw_heat_maps
from .svg.writer import Svg

EXCEPTION_KINDS = {"moved": OKABE_ITO["orange"], "skipped": OKABE_ITO["vermillion"],
                   "office": OKABE_ITO["sky"]}
NUMBERS_IN_CELLS = 15  # members: a larger heat map has no room for its numbers


def plan_charts(figures: Figures, other: Figures | None = None) -> list[Chart]:
    """The charts in report order."""
    drawings: list[Callable[[Figures, Figures | None], Chart]] = [week_grid, occupancy]
    if figures.buildings:
        drawings.append(buildings)
    drawings += [overlap, meeting_load, meetings_per_day, focus]
    if figures.exceptions:
        drawings.append(exceptions)
    return [draw(figures, other) for draw in drawings]


def occupancy(f: Figures, other: Figures | None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    series = _series(f, other, lambda x: [d.at_office for d in x.days])
    capacity = f.days[0].capacity if f.days else None
    line = (capacity, "capacity") if capacity is not None else None
    drawn = draw_bars(BarChart(labels, _bars(labels, series, _count), "people at the office", whole=True,
                               reference=line))
    top = max((v for _, values in series for v in values), default=0)
    alt = (f"People at the office per day, at most {top}"
           + (f", against a capacity of {capacity}." if capacity is not None else "."))
    headers = ("Day", *(f"At the office ({name})" for name, _ in series), "Capacity")
    rows = [(label, *(values[i] for _, values in series), "" if capacity is None else capacity)
            for i, label in enumerate(labels)]
    return finish(drawn, "occupancy", "Office occupancy per day", alt, headers, rows)


def buildings(f: Figures, other: Figures | None = None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    drawn = draw_bars(BarChart(labels, _bars(labels, list(f.buildings.items()), _count),
                               "people at the office", whole=True, legend=True))
    headers = ("Day", *(f"{b} (capacity {f.building_capacity.get(b, '-')})" for b in f.buildings))
    rows = [(label, *(v[i] for v in f.buildings.values())) for i, label in enumerate(labels)]
    alt = f"People at the office per day in each of {len(f.buildings)} buildings."
    return finish(drawn, "buildings", "Office occupancy per building", alt, headers, rows)


def overlap(f: Figures, other: Figures | None) -> Chart:
    shown = [x for x in (f, other) if x is not None]
    top = max((max(r, default=0) for x in shown for r in x.overlap), default=0)
    drawn = draw_heat_maps([HeatMap(f"Shared office days ({x.label})", x.overlap) for x in shown], f.names,
                           top=max(1, top), label="days both at the office",
                           numbers=len(f.names) <= NUMBERS_IN_CELLS)
    never = f.never_overlap()
    alt = (f"Heat map of {len(f.members)} members by {len(f.members)}: how many days each pair is at "
           f"the office together; {len(never)} pairs never are.")
    rows = [(name, *row) for name, row in zip(f.names, f.overlap, strict=True)]
    return finish(drawn, "overlap", "Who meets whom at the office", alt, ("Member", *f.names), rows)


def meeting_load(f: Figures, other: Figures | None) -> Chart:
    drawn = _member_bars(f, other, lambda m: m.meeting_minutes, "hours in meetings")
    busiest = max(f.members, key=lambda m: m.meeting_hours, default=None)
    alt = (f"Time in meetings per member; the most is {busiest.name} with "
           f"{duration(busiest.meeting_minutes)}.") if busiest else "No members."
    headers = ("Member", "Meetings", "Time in meetings", "Back-to-back runs",
               *((f"Time ({other.label})", f"Back-to-back ({other.label})") if other else ()))
    rows = [(m.name, m.meetings, duration(m.meeting_minutes), m.back_to_back,
             *((duration(o.meeting_minutes), o.back_to_back) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(drawn, "load", "Meeting load per member", alt, headers, rows)


def meetings_per_day(f: Figures, other: Figures | None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    series = _series(f, other, lambda x: [d.meeting_minutes for d in x.days])
    drawn = draw_bars(BarChart(labels, _bars(labels, series, duration, hours=True), "hours of meetings",
                               height=320))
    alt = f"Time in meetings per day; {sum(d.meetings for d in f.days)} meetings in all."
    headers = ("Day", "Meetings", "Time", *((f"Meetings ({other.label})", f"Time ({other.label})")
                                             if other else ()))
    rows = [(label, d.meetings, duration(d.meeting_minutes),
             *((other.days[i].meetings, duration(other.days[i].meeting_minutes)) if other else ()))
            for i, (label, d) in enumerate(zip(labels, f.days, strict=True))]
    return finish(drawn, "per-day", "Meeting load per day", alt, headers, rows)


def focus(f: Figures, other: Figures | None) -> Chart:
    drawn = _member_bars(f, other, lambda m: m.focus_minutes,
                         "focus hours (stretches of 2 h or more without meetings or busy time)")
    fragments = sum(m.fragments for m in f.members)
    alt = (f"Focus time per member, {duration(f.focus_minutes)} in all; {fragments} free gaps "
           "under 30 minutes.")
    headers = ("Member", "Focus time", "Focus blocks planned", "Gaps under 30 min",
               *((f"Focus time ({other.label})", f"Gaps ({other.label})") if other else ()))
    rows = [(m.name, duration(m.focus_minutes), m.focus_blocks, m.fragments,
             *((duration(o.focus_minutes), o.fragments) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(drawn, "focus", "Focus hours and fragmentation", alt, headers, rows)


def exceptions(f: Figures, other: Figures | None) -> Chart:
    labels = [f"week of {w.week:%d %b}" for w in f.exceptions]
    stacks = [Series(kind, [w.counts.get(kind, 0) for w in f.exceptions], colour)
              for kind, colour in EXCEPTION_KINDS.items()]
    drawn = draw_bars(BarChart(labels, stacks, "exceptions to the rhythm", height=320, stacked=True,
                               whole=True, legend=True))
    total = sum(sum(s.values) for s in stacks)
    alt = f"Exceptions to the weekly rhythm per week, by kind; {total} over {len(labels)} weeks."
    rows = [(label, *(w.counts.get(k, 0) for k in EXCEPTION_KINDS), "; ".join(w.reasons) or "kept")
            for label, w in zip(labels, f.exceptions, strict=True)]
    return finish(drawn, "rhythm", "How well the rhythm held", alt,
                  ("Week", *EXCEPTION_KINDS, "Reasons"), rows)


def _member_bars(f: Figures, other: Figures | None, minutes: Callable[[MemberWeek], float],
                 axis: str) -> Svg:
    """Lying bars, one group per member, of hours for ``f`` (and ``other`` if given), each
    labelled as hours and minutes."""
    series = _series(f, other, lambda x: [minutes(m) for m in x.members])
    height = 150 + 30 * len(f.names) * len(series)
    return draw_bars(BarChart(list(f.names), _bars(f.names, series, duration, hours=True), axis,
                              height=height, horizontal=True))


def _bars(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
          text: Callable[[float], str], *, hours: bool = False) -> list[Series]:
    """The series as bars, in this plan's and the other plan's colours; with their numbers
    written on them while they fit (durations as 3 h 05, the values drawn in hours)."""
    texts = fits_texts(labels, len(series))
    return [Series(name, [v / 60 for v in values] if hours else list(values), series_colour(number),
                   [text(v) for v in values] if texts else None)
            for number, (name, values) in enumerate(series)]


def _count(value: float) -> str:
    return f"{value:g}"


def _series(f: Figures, other: Figures | None,
            values: Callable[[Figures], Sequence[float]]) -> list[tuple[str, Sequence[float]]]:
    return [(x.label, values(x)) for x in (f, other) if x is not None]


def _twin(other: Figures | None, member: str) -> MemberWeek | None:
    return next((m for m in other.members if m.member == member), None) if other else None
