"""Small builders of requests, calendars and plans, for tests of any part of rhythm.

Everything happens in the week of Monday 30 November 2026 in Amsterdam (CET, +01:00, no
clock change). Days are named as in requests ("mon".."sun"), clock times as "HH:MM";
each builder has the contract's defaults, so a test spells out only what it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from math import comb
from zoneinfo import ZoneInfo

from scheduler.domain import (
    WEEKDAYS,
    CalendarFacts,
    Interval,
    Location,
    MeetingRequest,
    Member,
    Rules,
    TeamRequest,
    TimeRange,
    Weekday,
    Where,
)
from scheduler.plan import Block, MissingBlock, PlacedMeeting, PlacedWhere, Plan, Status, Unplaced

TEAM = "platform"
TZ = "Europe/Amsterdam"
ZONE = ZoneInfo(TZ)
WEEK = date(2026, 11, 30)
DEFAULT_RULES = Rules()


def day(name: Weekday) -> date:
    return WEEK + timedelta(days=WEEKDAYS.index(name))


def at(name: Weekday, clock: str, zone: str = TZ) -> datetime:
    """The moment of `clock` ("HH:MM") on a day of the week, in `zone` (default the team's)."""
    return datetime.combine(day(name), time.fromisoformat(clock), tzinfo=ZoneInfo(zone))


def interval(name: Weekday, start: str, end: str) -> Interval:
    return Interval(at(name, start), at(name, end))


def hours(start: str, end: str) -> TimeRange:
    return TimeRange(time.fromisoformat(start), time.fromisoformat(end))


def member(
    member_id: str,
    *,
    working: tuple[str, str] = ("09:00", "17:00"),
    timezone: str = TZ,
    busy: Iterable[Interval] = (),
    never: Iterable[Weekday] = (),
    always: Iterable[Weekday] = (),
) -> Member:
    return Member(
        member_id, member_id.title(), timezone, hours(*working),
        busy=tuple(busy), office_never=tuple(never), office_always=tuple(always),
    )


def meeting(
    meeting_id: str,
    attendees: Sequence[str],
    *,
    minutes: int = 25,
    title: str | None = None,
    optional: Sequence[str] = (),
    per_week: int = 1,
    where: Where = "any",
) -> MeetingRequest:
    return MeetingRequest(
        meeting_id, title or meeting_id.title(), minutes, tuple(attendees), tuple(optional),
        per_week, where,
    )


def request(
    members: Iterable[Member], meetings: Iterable[MeetingRequest] = (), rules: Rules = DEFAULT_RULES
) -> TeamRequest:
    return TeamRequest(TEAM, TZ, WEEK, tuple(members), tuple(meetings), rules)


def calendar(
    busy: Iterable[Interval] = (),
    off: Iterable[Weekday] = (),
    locations: Mapping[Weekday, Location] | None = None,
) -> CalendarFacts:
    """What a member's calendars say: busy time, days off, stated work locations."""
    stated = {day(name): where for name, where in (locations or {}).items()}
    return CalendarFacts(tuple(busy), frozenset(day(name) for name in off), stated)


def placed(
    asked: MeetingRequest, occurrence: int, name: Weekday, start: str,
    *, where: PlacedWhere = "online",
) -> PlacedMeeting:
    """Occurrence `occurrence` of a request, at `start` on day `name`, as the request asks."""
    begin = at(name, start)
    return PlacedMeeting(
        f"{asked.id}#{occurrence}", asked.id, asked.title, begin,
        begin + timedelta(minutes=asked.minutes), asked.attendees, asked.optional, where,
    )


def block(member_id: str, name: Weekday, start: str, minutes: int) -> Block:
    begin = at(name, start)
    return Block(member_id, begin, begin + timedelta(minutes=minutes))


def lunch(member_id: str, name: Weekday, start: str = "12:00", minutes: int = 30) -> Block:
    return block(member_id, name, start, minutes)


def focus(member_id: str, name: Weekday, start: str = "09:00", minutes: int = 120) -> Block:
    return block(member_id, name, start, minutes)


def missing_lunch(member_id: str, name: Weekday, reason: str = "busy all lunch") -> MissingBlock:
    return MissingBlock("lunch", member_id, reason, day(name))


def all_lunches(
    asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None, start: str = "12:00"
) -> tuple[Block, ...]:
    """A lunch at `start` for every member on every workday their calendar does not take off."""
    minutes = asked.rules.lunch.minutes
    return tuple(
        lunch(m.id, name, start, minutes)
        for m in asked.members
        for name in asked.rules.workdays
        if day(name) not in (facts or {}).get(m.id, CalendarFacts()).off_days
    )


def office_pair_days(office_days: Mapping[str, Iterable[date]]) -> int:
    at_office = [d for days in office_days.values() for d in set(days)]
    return sum(comb(at_office.count(d), 2) for d in set(at_office))


def plan(
    asked: TeamRequest,
    meetings: Iterable[PlacedMeeting] = (),
    *,
    facts: Mapping[str, CalendarFacts] | None = None,
    lunches: Iterable[Block] | None = None,
    focus: Iterable[Block] = (),
    office: Mapping[str, Iterable[Weekday]] | None = None,
    unplaced: Iterable[Unplaced] = (),
    unplaced_blocks: Iterable[MissingBlock] = (),
    status: Status = "optimal",
) -> Plan:
    """A plan for `asked`; by default lunch at noon every workday and everyone in Mon and Tue.

    The metrics are computed from the rest, so a test that wants them wrong replaces them.
    """
    placed_meetings = tuple(meetings)
    office = office if office is not None else {m.id: ("mon", "tue") for m in asked.members}
    office_days = {member_id: tuple(day(n) for n in names) for member_id, names in office.items()}
    return Plan(
        asked.team, asked.week, asked.timezone, status,
        meetings=placed_meetings,
        lunches=tuple(lunches) if lunches is not None else all_lunches(asked, facts),
        focus=tuple(focus),
        office_days=office_days,
        unplaced=tuple(unplaced),
        unplaced_blocks=tuple(unplaced_blocks),
        metrics={
            "meetings_requested": sum(m.per_week for m in asked.meetings),
            "meetings_placed": len(placed_meetings),
            "office_pair_days": office_pair_days(office_days),
        },
    )
