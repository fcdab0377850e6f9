"""Recurring meetings as weekly series, for a plan over several weeks.

Each slot of the plan's rhythm (a recurring meeting's weekday and time) becomes one series,
the way Outlook, Google, Apple and Thunderbird show a weekly meeting: a master event at the
slot in the first week repeating `RRULE:FREQ=WEEKLY;COUNT=<weeks>`; a week without its
occurrence is excluded (`EXDATE`); a week whose occurrence moved, or happens otherwise
(where, room, who is at the office), gets an override: the same UID, `RECURRENCE-ID` = the
slot's time that week, and the occurrence's own start, end and details (RFC 5545 3.8.4.4).

An occurrence belongs to a slot when it starts at the slot's time that week, or when the
plan's exceptions say it was moved there from that slot. Every other meeting (one-offs,
and any occurrence no exception ties to a slot) stays a single event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Event

from scheduler.domain import WEEKDAYS, PatternMeeting, PlacedMeeting, Plan

# Builds the single VEVENT of one meeting with the given UID (export_events.py owns the details).
MeetingEvent = Callable[[PlacedMeeting, str], Event]


@dataclass(frozen=True)
class Series:
    """One rhythm slot over the plan's weeks: what each week holds, and what it skips."""

    slot: PatternMeeting
    first: datetime  # the slot in the first week: the series' DTSTART, even if that week moved
    held: tuple[tuple[datetime, PlacedMeeting], ...]  # (the slot's time that week, its occurrence)
    skipped: tuple[datetime, ...]  # the slot's time in the weeks without an occurrence

    def attended_by(self, member_id: str) -> bool:
        return any(member_id in m.attendees or member_id in m.optional for _, m in self.held)


def weekly_series(plan: Plan) -> tuple[list[Series], list[PlacedMeeting]]:
    """The plan's series (one per rhythm slot that is held at least once), and the singles.

    A plan without a rhythm (one week) has no series: all its meetings are singles.
    """
    if plan.rhythm is None:
        return [], list(plan.meetings)
    zone, used = ZoneInfo(plan.timezone), set[str]()
    found = []
    for slot in plan.rhythm.meetings:
        times = [_slot_time(plan, slot, week, zone) for week in range(plan.weeks)]
        held, skipped = [], []
        for original in times:
            meeting = _held(plan, slot.request, original, used)
            if meeting is None:
                skipped.append(original)
            else:
                used.add(meeting.id)
                held.append((original, meeting))
        # A slot no week holds would be a series with every week excluded: some apps show
        # such a series anyway, so it is left out.
        if held:
            found.append(Series(slot, times[0], tuple(held), tuple(skipped)))
    return found, [m for m in plan.meetings if m.id not in used]


def series_events(series: Series, uid: str, weeks: int, event_of: MeetingEvent) -> list[Event]:
    """The master VEVENT, then its overrides: some importers expect the master first."""
    # The master shows the slot as most weeks hold it: from a week kept at the slot.
    # Weeks that happen otherwise get an override, so the master only needs to be typical.
    template = next((m for t, m in series.held if m.start == t), series.held[0][1])
    length = template.end - template.start
    master = event_of(replace(template, start=series.first, end=series.first + length), uid)
    master.add("RRULE", {"FREQ": "WEEKLY", "COUNT": weeks})
    if series.skipped:
        master.add("EXDATE", list(series.skipped))
    usual = _details(master)
    overrides = []
    for original, meeting in series.held:
        own = event_of(meeting, uid)
        if meeting.start != original or _details(own) != usual:
            own.add("RECURRENCE-ID", original)
            overrides.append(own)
    return [master, *overrides]


def _held(plan: Plan, request: str, original: datetime, used: set[str]) -> PlacedMeeting | None:
    """The occurrence held for the slot at `original`: there, or where an exception moved it."""
    moved_to = next((e.moved_to for e in plan.exceptions if e.kind == "moved"
                     and e.request == request and e.original == original), None)
    for start in (original, moved_to):
        meeting = next((m for m in plan.meetings if m.request == request
                        and m.start == start and m.id not in used), None)
        if meeting is not None:
            return meeting
    return None


def _slot_time(plan: Plan, slot: PatternMeeting, week: int, zone: ZoneInfo) -> datetime:
    day = plan.week + timedelta(weeks=week, days=WEEKDAYS.index(slot.weekday))
    return datetime.combine(day, slot.start, zone)


def _details(event: Event) -> list[bytes]:
    """Everything but the times, to tell whether a week happens as the master says."""
    return [line for line in event.to_ical().splitlines()
            if not line.startswith((b"DTSTART", b"DTEND", b"RRULE", b"EXDATE"))]
