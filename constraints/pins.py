"""Pinned meetings: an occurrence the manager fixed keeps its weekday and time in re-plans.

The engine has no pins, but its rule registry takes extra rules: the pins of a week become
one rule (`keep_pinned`), a hard constraint on the start variable the engine already has
for each pinned time; the web app adds it to `RULES` for the teams that pin. The plan is then
the solver's own answer to the unchanged request, so `validate` checks it like any other
and occurrence numbering stays the engine's. A pin that no longer fits (the attendee is
busy now, the rules moved) is dropped with a note instead of making the week infeasible.
Re-planning a week from its last plan, a pin decides where its meeting goes: the plan in
use keeps the meeting only at a pinned time (else its old time, frozen once the week has
begun, would contradict a pin the manager just moved).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from i18n import formats, gettext
from scheduler.domain import WEEKDAYS, CalendarFacts, Plan, TeamRequest
from scheduler.model.candidates import Candidates
from scheduler.model.context import Context
from scheduler.model.minutes import minutes_of
from scheduler.model.objective import Term
from scheduler.model.rule import Key, Rule, grid_of
from scheduler.model.week import Week

from . import RULES


@dataclass(frozen=True)
class Pinned:
    request: str  # the meeting's v1 id
    weekday: str  # mon..sun
    start: str  # HH:MM, team zone


def pins_that_fit(request: TeamRequest, facts: Mapping[str, CalendarFacts],
                  pins: Iterable[Pinned]) -> tuple[list[Key], list[str]]:
    """The start keys of the pins that can hold this week, and a note for each that cannot."""
    candidates = Candidates(Week(request, facts, grid=grid_of(request, RULES)), RULES)
    week, slots = candidates.week, candidates.slots
    meetings = {m.id: m for m in request.meetings}
    used: Counter[str] = Counter()
    keys: list[Key] = []
    notes: list[str] = []
    for pin in pins:
        meeting = meetings.get(pin.request)
        if meeting is None:
            continue  # the meeting was deleted: its pins went with it
        said = gettext("%(title)s pinned on %(day)s at %(time)s", title=meeting.title,
                       day=formats.weekday(pin.weekday, "abbreviated"), time=pin.start)
        day = week.day_index(request.week + timedelta(days=WEEKDAYS.index(pin.weekday)))
        minute = minutes_of(time.fromisoformat(pin.start))
        if day is None or minute not in slots.starts:
            notes.append(gettext("%(pin)s is outside this week's meeting days or hours; placed freely.",
                                 pin=said))
        elif (day, slots.starts.index(minute)) not in candidates.model_starts(meeting):
            notes.append(gettext("%(pin)s no longer fits (an attendee is busy or away, or the rules "
                                 "changed); placed freely.", pin=said))
        elif used[meeting.id] >= meeting.per_week:
            notes.append(gettext("%(pin)s is one pin more than its %(count)d times a week; ignored.",
                                 pin=said, count=meeting.per_week))
        else:
            used[meeting.id] += 1
            keys.append((meeting.id, day, slots.starts.index(minute)))
    return keys, notes


def keep_pinned(keys: list[Key]) -> Rule:
    """The rule that keeps these pins (from `pins_that_fit`), for `plan_week`'s rules."""
    def at_their_pins(c: Context) -> list[Term]:
        """Hard constraint: a pinned occurrence starts at its pinned day and time.

        A pin this model has no start for (a week of a longer plan whose calendars rule it
        out) cannot hold: the model says so as a contradiction, which the caller answers by
        planning without pins, rather than failing on the missing variable."""
        for key in keys:
            if key in c.v.start:
                c.model.add(c.v.start[key] == 1)
            else:
                c.model.add_bool_or([])  # no plan keeps this pin
        return []

    return Rule("keep_pinned_meetings", cp_sat=at_their_pins)


def pinned_in_use(current: Plan, pins: Iterable[Pinned]) -> Plan:
    """The plan in use without the occurrences of pinned meetings that are not at a pin."""
    zone = ZoneInfo(current.timezone)
    at = {(p.request, p.weekday, p.start) for p in pins}
    pinned = {request for request, _, _ in at}

    def at_a_pin(request: str, start: datetime) -> bool:
        local = start.astimezone(zone)
        return (request, WEEKDAYS[local.weekday()], f"{local:%H:%M}") in at

    return replace(current, meetings=tuple(m for m in current.meetings
                                           if m.request not in pinned or at_a_pin(m.request, m.start)))
