"""The report's charts of a plan, each beside a second plan (`other`) when there is one.

Every chart comes with its title, a sentence that says what it shows (the text alternative)
and a table of the numbers it is drawn from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .charts_week import day_label, week_grid
from .counts import MemberWeek
from .draw import OKABE_ITO, Chart, bars, finish, new_figure
from .figures import Figures
from .formatting import duration

EXCEPTION_KINDS = {"moved": OKABE_ITO["orange"], "skipped": OKABE_ITO["vermillion"],
                   "office": OKABE_ITO["sky"]}


def plan_charts(figures: Figures, other: Figures | None = None, *, processes: int = 1) -> list[Chart]:
    """The charts in report order; with `processes` > 1 drawn side by side in forked processes
    (the command line on a large team: matplotlib draws on one core)."""
    drawings: list[Callable[[Figures, Figures | None], Chart]] = [week_grid, occupancy]
    if figures.buildings:
        drawings.append(buildings)
    drawings += [overlap, meeting_load, meetings_per_day, focus]
    if figures.exceptions:
        drawings.append(exceptions)
    if processes <= 1:
        return [draw(figures, other) for draw in drawings]
    # Fork: the children have matplotlib and the figures already; only the charts travel back.
    with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
        return list(pool.map(_draw, drawings, [figures] * len(drawings), [other] * len(drawings)))


def _draw(draw: Callable[[Figures, Figures | None], Chart], figures: Figures, other: Figures | None) -> Chart:
    return draw(figures, other)


def occupancy(f: Figures, other: Figures | None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    series = _series(f, other, lambda x: [d.at_office for d in x.days])
    figure = new_figure(10, 3.4)
    axes = figure.subplots()
    bars(axes, labels, series)
    capacity = f.days[0].capacity if f.days else None
    if capacity is not None:
        axes.axhline(capacity, color="black", linestyle="--", linewidth=1, label="capacity")
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    axes.set_ylabel("people at the office")
    _rotate(axes, labels)
    top = max((v for _, values in series for v in values), default=0)
    alt = (f"People at the office per day, at most {top}"
           + (f", against a capacity of {capacity}." if capacity is not None else "."))
    headers = ("Day", *(f"At the office ({name})" for name, _ in series), "Capacity")
    rows = [(label, *(values[i] for _, values in series), "" if capacity is None else capacity)
            for i, label in enumerate(labels)]
    return finish(figure, "occupancy", "Office occupancy per day", alt, headers, rows)


def buildings(f: Figures, other: Figures | None = None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    figure = new_figure(10, 3.4)
    axes = figure.subplots()
    bars(axes, labels, list(f.buildings.items()))
    axes.legend(frameon=False)
    axes.set_ylabel("people at the office")
    _rotate(axes, labels)
    headers = ("Day", *(f"{b} (capacity {f.building_capacity.get(b, '-')})" for b in f.buildings))
    rows = [(label, *(v[i] for v in f.buildings.values())) for i, label in enumerate(labels)]
    alt = f"People at the office per day in each of {len(f.buildings)} buildings."
    return finish(figure, "buildings", "Office occupancy per building", alt, headers, rows)


def overlap(f: Figures, other: Figures | None) -> Chart:
    shown = [x for x in (f, other) if x is not None]
    size = min(12, 2.5 + 0.3 * len(f.members))
    figure = new_figure(size * len(shown), size * 0.85)
    panels = figure.subplots(1, len(shown), sharey=True, squeeze=False)[0]
    top = max((max(r, default=0) for x in shown for r in x.overlap), default=0)
    for axes, figures in zip(panels, shown, strict=True):
        image = axes.imshow(figures.overlap, cmap="cividis", vmin=0, vmax=max(1, top))
        axes.set_xticks(range(len(figures.names)), figures.names, rotation=90, fontsize=8)
        axes.set_yticks(range(len(figures.names)), figures.names, fontsize=8)
        axes.set_title(f"Shared office days ({figures.label})")
        if len(figures.names) <= 15:
            peak = max((max(r) for r in figures.overlap), default=0) or 1
            for i, row in enumerate(figures.overlap):
                for j, value in enumerate(row):
                    axes.text(j, i, str(value), ha="center", va="center", fontsize=8,
                              color="black" if value > peak / 2 else "white")
    figure.colorbar(image, ax=list(panels), shrink=0.7, label="days both at the office")
    never = f.never_overlap()
    alt = (f"Heat map of {len(f.members)} members by {len(f.members)}: how many days each pair is at "
           f"the office together; {len(never)} pairs never are.")
    rows = [(name, *row) for name, row in zip(f.names, f.overlap, strict=True)]
    return finish(figure, "overlap", "Who meets whom at the office", alt, ("Member", *f.names), rows)


def meeting_load(f: Figures, other: Figures | None) -> Chart:
    figure = _member_bars(f, other, lambda m: m.meeting_hours, "hours in meetings")
    busiest = max(f.members, key=lambda m: m.meeting_hours, default=None)
    alt = (f"Time in meetings per member; the most is {busiest.name} with "
           f"{duration(busiest.meeting_minutes)}.") if busiest else "No members."
    headers = ("Member", "Meetings", "Time in meetings", "Back-to-back runs",
               *((f"Time ({other.label})", f"Back-to-back ({other.label})") if other else ()))
    rows = [(m.name, m.meetings, duration(m.meeting_minutes), m.back_to_back,
             *((duration(o.meeting_minutes), o.back_to_back) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(figure, "load", "Meeting load per member", alt, headers, rows)


def meetings_per_day(f: Figures, other: Figures | None) -> Chart:
    labels = [day_label(d.day) for d in f.days]
    series = _series(f, other, lambda x: [d.meeting_hours for d in x.days])
    figure = new_figure(10, 3.2)
    axes = figure.subplots()
    bars(axes, labels, series)
    axes.set_ylabel("hours of meetings")
    _rotate(axes, labels)
    alt = f"Time in meetings per day; {sum(d.meetings for d in f.days)} meetings in all."
    headers = ("Day", "Meetings", "Time", *((f"Meetings ({other.label})", f"Time ({other.label})")
                                             if other else ()))
    rows = [(label, d.meetings, duration(d.meeting_minutes),
             *((other.days[i].meetings, duration(other.days[i].meeting_minutes)) if other else ()))
            for i, (label, d) in enumerate(zip(labels, f.days, strict=True))]
    return finish(figure, "per-day", "Meeting load per day", alt, headers, rows)


def focus(f: Figures, other: Figures | None) -> Chart:
    figure = _member_bars(f, other, lambda m: m.focus_hours,
                          "focus hours (stretches of 2 h or more without meetings or busy time)")
    fragments = sum(m.fragments for m in f.members)
    alt = (f"Focus time per member, {duration(f.focus_minutes)} in all; {fragments} free gaps "
           "under 30 minutes.")
    headers = ("Member", "Focus time", "Focus blocks planned", "Gaps under 30 min",
               *((f"Focus time ({other.label})", f"Gaps ({other.label})") if other else ()))
    rows = [(m.name, duration(m.focus_minutes), m.focus_blocks, m.fragments,
             *((duration(o.focus_minutes), o.fragments) if (o := _twin(other, m.member)) else ()))
            for m in f.members]
    return finish(figure, "focus", "Focus hours and fragmentation", alt, headers, rows)


def exceptions(f: Figures, other: Figures | None) -> Chart:
    labels = [f"week of {w.week:%d %b}" for w in f.exceptions]
    figure = new_figure(10, 3.2)
    axes = figure.subplots()
    bottom = [0] * len(labels)
    for kind, colour in EXCEPTION_KINDS.items():
        values = [w.counts.get(kind, 0) for w in f.exceptions]
        axes.bar(labels, values, bottom=bottom, color=colour, label=kind)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.legend(frameon=False)
    axes.set_ylabel("exceptions to the rhythm")
    total = sum(bottom)
    alt = f"Exceptions to the weekly rhythm per week, by kind; {total} over {len(labels)} weeks."
    rows = [(label, *(w.counts.get(k, 0) for k in EXCEPTION_KINDS), "; ".join(w.reasons) or "kept")
            for label, w in zip(labels, f.exceptions, strict=True)]
    return finish(figure, "rhythm", "How well the rhythm held", alt,
                  ("Week", *EXCEPTION_KINDS, "Reasons"), rows)


def _member_bars(f: Figures, other: Figures | None, value: Callable[[MemberWeek], float],
                 xlabel: str) -> Figure:
    """Horizontal bars, one group per member, of ``value`` for ``f`` (and ``other`` if given)."""
    series = _series(f, other, lambda x: [value(m) for m in x.members])
    figure = new_figure(10, 1.5 + 0.3 * len(f.names) * len(series))
    axes = figure.subplots()
    bars(axes, list(f.names), series, horizontal=True)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    return figure


def _series(f: Figures, other: Figures | None,
            values: Callable[[Figures], Sequence[float]]) -> list[tuple[str, Sequence[float]]]:
    return [(x.label, values(x)) for x in (f, other) if x is not None]


def _twin(other: Figures | None, member: str) -> MemberWeek | None:
    return next((m for m in other.members if m.member == member), None) if other else None


def _rotate(axes: Axes, labels: Sequence[str]) -> None:
    if len(labels) > 7:
        axes.tick_params(axis="x", labelrotation=60, labelsize=8)
