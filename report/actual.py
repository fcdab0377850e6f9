"""Planned against what happened: the plan beside the members' calendars read after the week.

Only what can be judged is judged. A day once it is over (at midnight after it, in the
team's zone, by the `now` the caller gives); a member only when their calendars hold at least
one of the plan's own events (`CalendarFacts.received`: the UID of the `.ics` download, or
the key of a sync, `connectors/received.py`). A member who never received the plan has a
calendar that says nothing about keeping it: read anyway, every meeting would be "not held".

Only busy time and stated locations are read (the same connectors and calendar addresses
as planning), the plan's own events included: a meeting still in the calendar at its time
was held as far as a calendar can tell. A meeting was *held* at its planned time when every
required attendee who received the plan is busy through it; *moved* when it was not but all
of them share a busy span of its length elsewhere that week that no planned block explains;
else *not held*.
An office day is what a calendar states (a location event, Outlook's work location) against
the plan. A focus block is *overwritten* by the part of it that is busy with something other
than the plan's own blocks; rhythm writes focus blocks as busy events, so a block whose event
is still there end to end counts as kept (busy time alone cannot tell what lies under it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, PlacedMeeting, Plan, TeamRequest

from .frame import frame_of

Span = tuple[datetime, datetime]
MeetingStatus = Literal["held", "moved", "not held", "unknown"]


@dataclass(frozen=True)
class MeetingKept:
    id: str
    title: str
    start: datetime
    end: datetime
    status: MeetingStatus
    moved_to: datetime | None = None


@dataclass(frozen=True)
class OfficeKept:
    member: str
    name: str
    day: date
    planned: Literal["office", "home"]
    stated: Literal["office", "home"] | None  # None: the calendar says nothing that day


@dataclass(frozen=True)
class FocusKept:
    member: str
    name: str
    start: datetime
    end: datetime
    overwritten_minutes: int


@dataclass(frozen=True)
class Actual:
    meetings: tuple[MeetingKept, ...]  # on the days that are over
    office: tuple[OfficeKept, ...]  # of the members who received the plan, days over
    focus: tuple[FocusKept, ...]  # the same
    over: tuple[date, ...]  # the plan's workdays that are over: judged
    not_over: tuple[date, ...]  # not judged yet
    received: tuple[str, ...]  # names of the members whose calendars hold the plan's events
    not_received: tuple[str, ...]  # names of those whose calendars hold none: not judged

    def count(self, status: MeetingStatus) -> int:
        return sum(1 for m in self.meetings if m.status == status)

    @property
    def judged(self) -> bool:
        """Whether anything is judged: a day is over, and someone received the plan."""
        return bool(self.over and self.received)


def compare(plan: Plan, request: TeamRequest, facts: Mapping[str, CalendarFacts], *,
            now: datetime) -> Actual:
    """What of the plan the calendars show kept: for the members in `facts` who received
    it, on the days over by `now`."""
    frame = frame_of(plan, request)
    zone = ZoneInfo(plan.timezone)
    over = tuple(d for d in frame.days if datetime.combine(d + timedelta(days=1), time(), zone) <= now)
    members = [m for m in frame.members if m.id in facts]
    got = {m.id for m in members if facts[m.id].received}
    busy = {m: [(i.start, i.end) for i in facts[m].busy] for m in got}
    planned = {m: _planned_spans(plan, m) for m in got}
    meetings = tuple(meeting_kept(m, [a for a in m.attendees if a in got], busy, planned)
                     for m in plan.meetings if frame.day_of(m.start) in over)
    office = tuple(OfficeKept(m.id, m.name, day, _planned_place(plan, m.id, day),
                              facts[m.id].locations.get(day))
                   for m in members if m.id in got for day in over)
    focus = tuple(FocusKept(b.member, frame.request.member(b.member).name, b.start, b.end,
                            _overwritten(b.start, b.end, busy[b.member], planned[b.member]))
                  for b in plan.focus if b.member in got and frame.day_of(b.start) in over)
    return Actual(meetings, office, focus, over, tuple(d for d in frame.days if d not in over),
                  tuple(m.name for m in members if m.id in got),
                  tuple(m.name for m in members if m.id not in got))


def meeting_kept(meeting: PlacedMeeting, checked: list[str], busy: Mapping[str, list[Span]],
                 planned: Mapping[str, list[Span]]) -> MeetingKept:
    start, end = meeting.start, meeting.end

    def kept(status: MeetingStatus, moved_to: datetime | None = None) -> MeetingKept:
        return MeetingKept(meeting.id, meeting.title, start, end, status, moved_to)

    if not checked:
        return kept("unknown")
    if all(_covered(busy[a], start, end) for a in checked):
        return kept("held")
    length = end - start
    first = checked[0]
    for moved in _unplanned_starts(busy[first], planned[first], length):
        if all(_covered(busy[a], moved, moved + length) for a in checked):
            return kept("moved", moved)
    return kept("not held")


def _planned_place(plan: Plan, member: str, day: date) -> Literal["office", "home"]:
    return "office" if day in plan.office_days.get(member, ()) else "home"


def _planned_spans(plan: Plan, member: str) -> list[Span]:
    spans = [(m.start, m.end) for m in plan.meetings if member in (*m.attendees, *m.optional)]
    return spans + [(b.start, b.end) for b in (*plan.lunches, *plan.focus) if b.member == member]


def _covered(busy: list[Span], start: datetime, end: datetime) -> bool:
    return any(s <= start and end <= e for s, e in busy)


def _unplanned_starts(busy: list[Span], planned: list[Span], length: timedelta) -> list[datetime]:
    """Starts of busy stretches at least `length` long that begin outside the plan's blocks."""
    starts = []
    for start, end in busy:
        for moment in (start, *(e for _, e in planned if start < e < end)):
            inside_plan = any(s <= moment < e for s, e in planned)
            if not inside_plan and moment + length <= end:
                starts.append(moment)
    return sorted(starts)


def _overwritten(start: datetime, end: datetime, busy: list[Span], planned: list[Span]) -> int:
    if _covered(busy, start, end):
        return 0  # the focus event itself, still in the calendar
    others = [(s, e) for s, e in planned if not (s == start and e == end)]
    minutes = 0
    for s, e in busy:
        low, high = max(s, start), min(e, end)
        if low < high and not any(ps <= low and high <= pe for ps, pe in others):
            minutes += int((high - low).total_seconds() // 60)
    return minutes
