"""The report's charts of a plan, each beside a second plan (`other`) when there is one.

Every chart comes with its title, a sentence that says what it shows (the text alternative)
and a table of the numbers it is drawn from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from i18n import _, formats

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
    line = (capacity, _("capacity")) if capacity is not None else None
    drawn = draw_bars(BarChart(labels, _bars(labels, series, _count), _("people at the office"), whole=True,
                               reference=line))
    top = max((v for _name, values in series for v in values), default=0)
    alt = (_("People at the office per day, at most %(top)s", top=top)
           + (_(", against a capacity of %(capacity)s.", capacity=capacity) if capacity is not None else "."))
    headers = (_("Day"), *(_("At the office (%(plan)s)", plan=name) for name, _values in series),
               _("Capacity"))
    rows = [(label, *(values[i] for _name, values in series), "" if capacity is None else capacity)
            for i, label in enumerate(labels)]
    return finish(drawn, "occupancy", _("Office occupancy per day"), alt, headers, rows)


def buildings(f: Figures, other: Figures | None = None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    drawn = draw_bars(BarChart(labels, _bars(labels, list(f.buildings.items()), _count),
                               _("people at the office"), whole=True, legend=True))
    headers = (_("Day"), *(_("%(building)s (capacity %(capacity)s)", building=b,
                             capacity=f.building_capacity.get(b, "-")) for b in f.buildings))
    rows = [(label, *(v[i] for v in f.buildings.values())) for i, label in enumerate(labels)]
    alt = _("People at the office per day in each of %(count)d buildings.", count=len(f.buildings))
    return finish(drawn, "buildings", _("Office occupancy per building"), alt, headers, rows)


def overlap(f: Figures, other: Figures | None) -> Chart:
    shown = [x for x in (f, other) if x is not None]
    top = max((max(r, default=0) for x in shown for r in x.overlap), default=0)
    drawn = draw_heat_maps([HeatMap(_("Shared office days (%(plan)s)", plan=x.label), x.overlap)
                            for x in shown], f.names,
                           top=max(1, top), label=_("days both at the office"),
                           numbers=len(f.names) <= NUMBERS_IN_CELLS)
    never = f.never_overlap()
    alt = _("Heat map of %(count)d members by %(count)d: how many days each pair is at the office "
            "together; %(never)d pairs never are.", count=len(f.members), never=len(never))
    rows = [(name, *row) for name, row in zip(f.names, f.overlap, strict=True)]
    return finish(drawn, "overlap", _("Who meets whom at the office"), alt, (_("Member"), *f.names), rows)


def meeting_load(f: Figures, other: Figures | None) -> Chart:
    drawn = _member_bars(f, other, lambda m: m.meeting_minutes, _("hours in meetings"))
    busiest = max(f.members, key=lambda m: m.meeting_hours, default=None)
    alt = _("Time in meetings per member; the most is %(name)s with %(time)s.", name=busiest.name,
            time=duration(busiest.meeting_minutes)) if busiest else _("No members.")
    headers = (_("Member"), _("Meetings"), _("Time in meetings"), _("Back-to-back runs"),
               *((_("Time (%(plan)s)", plan=other.label), _("Back-to-back (%(plan)s)", plan=other.label))
                 if other else ()))
    rows = [(m.name, m.meetings, duration(m.meeting_minutes), m.back_to_back,
             *((duration(o.meeting_minutes), o.back_to_back) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(drawn, "load", _("Meeting load per member"), alt, headers, rows)


def meetings_per_day(f: Figures, other: Figures | None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    series = _series(f, other, lambda x: [d.meeting_minutes for d in x.days])
    drawn = draw_bars(BarChart(labels, _bars(labels, series, duration, hours=True), _("hours of meetings"),
                               height=320))
    alt = _("Time in meetings per day; %(count)d meetings in all.", count=sum(d.meetings for d in f.days))
    headers = (_("Day"), _("Meetings"), _("Time"),
               *((_("Meetings (%(plan)s)", plan=other.label), _("Time (%(plan)s)", plan=other.label))
                 if other else ()))
    rows = [(label, d.meetings, duration(d.meeting_minutes),
             *((other.days[i].meetings, duration(other.days[i].meeting_minutes)) if other else ()))
            for i, (label, d) in enumerate(zip(labels, f.days, strict=True))]
    return finish(drawn, "per-day", _("Meeting load per day"), alt, headers, rows)


def focus(f: Figures, other: Figures | None) -> Chart:
    drawn = _member_bars(f, other, lambda m: m.focus_minutes,
                         _("focus hours (stretches of 2 h or more without meetings or busy time)"))
    fragments = sum(m.fragments for m in f.members)
    alt = _("Focus time per member, %(time)s in all; %(gaps)d free gaps under 30 minutes.",
            time=duration(f.focus_minutes), gaps=fragments)
    headers = (_("Member"), _("Focus time"), _("Focus blocks planned"), _("Gaps under 30 min"),
               *((_("Focus time (%(plan)s)", plan=other.label), _("Gaps (%(plan)s)", plan=other.label))
                 if other else ()))
    rows = [(m.name, duration(m.focus_minutes), m.focus_blocks, m.fragments,
             *((duration(o.focus_minutes), o.fragments) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(drawn, "focus", _("Focus hours and fragmentation"), alt, headers, rows)


def exceptions(f: Figures, other: Figures | None) -> Chart:
    labels = [formats.week(w.week) for w in f.exceptions]
    stacks = [Series(kind, [w.counts.get(kind, 0) for w in f.exceptions], colour)
              for kind, colour in EXCEPTION_KINDS.items()]
    drawn = draw_bars(BarChart(labels, stacks, _("exceptions to the rhythm"), height=320, stacked=True,
                               whole=True, legend=True))
    total = sum(sum(s.values) for s in stacks)
    alt = _("Exceptions to the weekly rhythm per week, by kind; %(total)d over %(weeks)d weeks.", total=total,
            weeks=len(labels))
    rows = [(label, *(w.counts.get(k, 0) for k in EXCEPTION_KINDS), "; ".join(w.reasons) or _("kept"))
            for label, w in zip(labels, f.exceptions, strict=True)]
    return finish(drawn, "rhythm", _("How well the rhythm held"), alt,
                  (_("Week"), *EXCEPTION_KINDS, _("Reasons")), rows)


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
