"""The charts of what happened against the plan (`report.actual`), and the sentences that
say what is judged and what is not."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from .actual import Actual
from .draw import OKABE_ITO, Chart, finish
from .formatting import duration
from .svg.bars import BarChart, Series, draw_bars

MEETING_STATUS = {"held": OKABE_ITO["green"], "moved": OKABE_ITO["orange"],
                  "not held": OKABE_ITO["vermillion"], "unknown": OKABE_ITO["grey"]}
OFFICE_OUTCOMES = {"office as planned": OKABE_ITO["blue"], "home as planned": OKABE_ITO["sky"],
                   "home instead of office": OKABE_ITO["vermillion"],
                   "office instead of home": OKABE_ITO["orange"], "not stated": OKABE_ITO["grey"]}


def actual_charts(actual: Actual, timezone: str) -> list[Chart]:
    """The three charts, or none when nothing is judged (`judged_sentences` say why)."""
    if not actual.judged:
        return []
    return [meetings_kept(actual, timezone), office_kept(actual), focus_kept(actual, timezone)]


def judged_sentences(actual: Actual) -> list[str]:
    """What the comparison judged and what it left alone, and why, in a person's words."""
    if not actual.received:
        return ["The members never received this plan: none of its events (by the UID of its "
                ".ics download or the key of a sync) is in their calendars, so nothing is judged."]
    said = []
    if not actual.over:
        first = actual.not_over[0] if actual.not_over else None
        said.append("No day of this plan is over yet: each day is judged once it is over"
                    + (f", the first after {first:%a %d %b}." if first else "."))
    else:
        said.append(f"{actual.count('held')} of {len(actual.meetings)} meetings held at their planned "
                    f"time · {actual.count('moved')} moved · {actual.count('not held')} not found, "
                    f"judged on {_days(actual.over)}.")
        if actual.not_over:
            said.append(f"Not judged yet, as they are not over: {_days(actual.not_over)}.")
    if actual.not_received:
        said.append(f"Not judged: {', '.join(actual.not_received)}, whose calendars hold none of "
                    "this plan's events (they never received it).")
    return said


def _days(days: tuple[date, ...]) -> str:
    # The days over are the first of the plan's workdays, the rest the others: each a run.
    if len(days) > 2:
        return f"the workdays from {days[0]:%a %d %b} to {days[-1]:%a %d %b}"
    return " and ".join(f"{d:%a %d %b}" for d in days)


def meetings_kept(actual: Actual, timezone: str) -> Chart:
    zone = ZoneInfo(timezone)
    counts = {s: actual.count(s) for s in MEETING_STATUS}  # type: ignore[arg-type]
    bars = Series("meetings", list(counts.values()), list(MEETING_STATUS.values()),
                  [str(v) for v in counts.values()])
    drawn = draw_bars(BarChart(list(counts), [bars], "meetings", width=800, height=280, horizontal=True,
                               whole=True))
    alt = (f"Of {len(actual.meetings)} planned meetings on the days that are over, {counts['held']} "
           f"were held at their planned time, {counts['moved']} moved and {counts['not held']} were "
           "not found in the calendars.")
    rows = [(f"{m.start.astimezone(zone):%a %d %b %H:%M}", m.title, m.status,
             f"{m.moved_to.astimezone(zone):%a %d %b %H:%M}" if m.moved_to else "") for m in actual.meetings]
    return finish(drawn, "kept-meetings", "Meetings held at their planned time", alt,
                  ("Planned", "Meeting", "What happened", "Moved to"), rows)


def office_kept(actual: Actual) -> Chart:
    names = list(dict.fromkeys(o.name for o in actual.office))
    table = {n: dict.fromkeys(OFFICE_OUTCOMES, 0) for n in names}
    for day in actual.office:
        table[day.name][_outcome(day.planned, day.stated)] += 1
    stacks = [Series(outcome, [table[n][outcome] for n in names], colour)
              for outcome, colour in OFFICE_OUTCOMES.items()]
    drawn = draw_bars(BarChart(names, stacks, "workdays", height=150 + 35 * len(names), horizontal=True,
                               stacked=True, whole=True, legend=True, legend_columns=3))
    changed = sum(table[n]["home instead of office"] + table[n]["office instead of home"] for n in names)
    alt = (f"Office days stated in the calendars against the plan, per member: {changed} days "
           "differ from the plan.")
    rows = [(n, *table[n].values()) for n in names]
    return finish(drawn, "kept-office", "Office days: planned and stated", alt,
                  ("Member", *OFFICE_OUTCOMES), rows)


def focus_kept(actual: Actual, timezone: str) -> Chart:
    zone = ZoneInfo(timezone)
    members = list(dict.fromkeys(f.name for f in actual.focus))
    lost = [sum(f.overwritten_minutes for f in actual.focus if f.name == m) for m in members]
    bars = Series("overwritten", [m / 60 for m in lost], OKABE_ITO["vermillion"], [duration(m) for m in lost])
    drawn = draw_bars(BarChart(members, [bars], "focus hours overwritten by other meetings", width=800,
                               height=150 + 35 * max(1, len(members)), horizontal=True))
    hit = [f for f in actual.focus if f.overwritten_minutes]
    alt = f"{len(hit)} of {len(actual.focus)} focus blocks were overwritten by other meetings."
    rows = [(f.name, f"{f.start.astimezone(zone):%a %d %b %H:%M}-{f.end.astimezone(zone):%H:%M}",
             duration(f.overwritten_minutes)) for f in actual.focus]
    return finish(drawn, "kept-focus", "Focus blocks overwritten", alt,
                  ("Member", "Focus block", "Overwritten"), rows)


def _outcome(planned: str, stated: str | None) -> str:
    if stated is None:
        return "not stated"
    if stated == planned:
        return f"{planned} as planned"
    return f"{stated} instead of {planned}"
