"""Small builders of requests, calendars and plans, for tests of any part of rhythm.

Everything happens in the week of Monday 30 November 2026 in Amsterdam (CET, +01:00, no
clock change), or over several weeks from it (`week=1` is the week of 7 December).
Days are named as in requests ("mon".."sun"), clock times as "HH:MM"; each builder has
the contract's defaults, so a test spells out only what it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from math import comb
from zoneinfo import ZoneInfo

from scheduler.domain import (
    WEEKDAYS,
    Block,
    CalendarFacts,
    Interval,
    Location,
    MeetingRequest,
    Member,
    MissingBlock,
    PatternException,
    PatternMeeting,
    PlacedMeeting,
    PlacedWhere,
    Plan,
    Rhythm,
    Rules,
    Status,
    TeamRequest,
    TimeRange,
    Unplaced,
    Weekday,
    Where,
)

TEAM = "platform"
TZ = "Europe/Amsterdam"
ZONE = ZoneInfo(TZ)
WEEK = date(2026, 11, 30)
DEFAULT_RULES = Rules()


def monday(week: int = 0) -> date:
    return WEEK + timedelta(weeks=week)


def day(name: Weekday, week: int = 0) -> date:
    return monday(week) + timedelta(days=WEEKDAYS.index(name))


def at(name: Weekday, clock: str, zone: str = TZ, *, week: int = 0) -> datetime:
    """The moment of `clock` ("HH:MM") on a day of the week, in `zone` (default the team's)."""
    return datetime.combine(day(name, week), time.fromisoformat(clock), tzinfo=ZoneInfo(zone))


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
    recurring: bool = True,
) -> MeetingRequest:
    return MeetingRequest(
        meeting_id, title or meeting_id.title(), minutes, tuple(attendees), tuple(optional),
        per_week, where, recurring,
    )


def request(
    members: Iterable[Member], meetings: Iterable[MeetingRequest] = (), rules: Rules = DEFAULT_RULES,
    *, weeks: int = 1,
) -> TeamRequest:
    return TeamRequest(TEAM, TZ, WEEK, tuple(members), tuple(meetings), rules, weeks=weeks)


def calendar(
    busy: Iterable[Interval] = (),
    off: Iterable[Weekday | date] = (),
    locations: Mapping[Weekday | date, Location] | None = None,
) -> CalendarFacts:
    """What a member's calendars say: busy time, days off, stated work locations.

    A weekday name is that day in the first week; later weeks' days are given as dates.
    """

    def dated(name: Weekday | date) -> date:
        return name if isinstance(name, date) else day(name)

    stated = {dated(name): where for name, where in (locations or {}).items()}
    return CalendarFacts(tuple(busy), frozenset(dated(name) for name in off), stated)


def placed(
    asked: MeetingRequest, occurrence: int, name: Weekday, start: str,
    *, where: PlacedWhere = "online", week: int = 0,
) -> PlacedMeeting:
    """Occurrence `occurrence` of a request, at `start` on day `name`, as the request asks."""
    begin = at(name, start, week=week)
    return PlacedMeeting(
        f"{asked.id}#{occurrence}", asked.id, asked.title, begin,
        begin + timedelta(minutes=asked.minutes), asked.attendees, asked.optional, where,
    )


def block(member_id: str, name: Weekday, start: str, minutes: int, *, week: int = 0,
          zone: str = TZ) -> Block:
    begin = at(name, start, zone, week=week)
    return Block(member_id, begin, begin + timedelta(minutes=minutes))


def lunch(
    member_id: str, name: Weekday, start: str = "12:00", minutes: int = 30, *, week: int = 0,
    zone: str = TZ,
) -> Block:
    """A lunch at `start` on the member's own clock (`zone`, default the team's)."""
    return block(member_id, name, start, minutes, week=week, zone=zone)


def focus(
    member_id: str, name: Weekday, start: str = "09:00", minutes: int = 120, *, week: int = 0
) -> Block:
    return block(member_id, name, start, minutes, week=week)


def missing_lunch(member_id: str, name: Weekday, reason: str = "busy all lunch") -> MissingBlock:
    return MissingBlock("lunch", member_id, reason, day(name))


def all_lunches(
    asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None, start: str = "12:00"
) -> tuple[Block, ...]:
    """A lunch at `start` on their own clock for every member on every workday their calendar
    does not take off."""
    minutes = asked.rules.lunch.minutes
    return tuple(
        lunch(m.id, name, start, minutes, week=week, zone=m.timezone)
        for week in range(asked.weeks)
        for m in asked.members
        for name in asked.rules.workdays
        if day(name, week) not in (facts or {}).get(m.id, CalendarFacts()).off_days
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

    Over several weeks the office weekdays repeat every week (see `rhythm_plan` for the
    rhythm and its exceptions). The metrics are computed from the rest, so a test that
    wants them wrong replaces them.
    """
    placed_meetings = tuple(meetings)
    office = office if office is not None else {m.id: ("mon", "tue") for m in asked.members}
    office_days = {member_id: tuple(day(n, w) for w in range(asked.weeks) for n in names)
                   for member_id, names in office.items()}
    return Plan(
        asked.team, asked.week, asked.timezone, status,
        meetings=placed_meetings,
        lunches=tuple(lunches) if lunches is not None else all_lunches(asked, facts),
        focus=tuple(focus),
        office_days=office_days,
        unplaced=tuple(unplaced),
        unplaced_blocks=tuple(unplaced_blocks),
        metrics={
            "meetings_requested": sum(m.per_week for m in asked.meetings) * asked.weeks,
            "meetings_placed": len(placed_meetings),
            "office_pair_days": office_pair_days(office_days),
        },
        weeks=asked.weeks,
    )


# A rhythm over several weeks: pattern slots, the weeks' exceptions, and the plan they make.


def pattern(asked: MeetingRequest, name: Weekday, start: str) -> PatternMeeting:
    """A weekly slot of a recurring meeting: `name` at `start`, as long as the request asks."""
    begin = datetime.combine(WEEK, time.fromisoformat(start))
    return PatternMeeting(asked.id, name, begin.time(),
                          (begin + timedelta(minutes=asked.minutes)).time())


def _slot_at(slot: PatternMeeting, week: int) -> datetime:
    return at(slot.weekday, f"{slot.start:%H:%M}", week=week)


def moved(slot: PatternMeeting, week: int, name: Weekday, start: str,
          reason: str = "an attendee is off", *, forced: bool = True) -> PatternException:
    """The slot's occurrence in week `week` (0 = the first) moved to `start` on day `name`;
    `forced`: the calendars rule the slot out that week."""
    return PatternException(monday(week), "moved", reason, slot.request,
                            original=_slot_at(slot, week), moved_to=at(name, start, week=week),
                            forced_by_calendar=forced)


def skipped(slot: PatternMeeting, week: int, reason: str = "no valid time that week", *,
            forced: bool = True) -> PatternException:
    return PatternException(monday(week), "skipped", reason, slot.request,
                            original=_slot_at(slot, week), forced_by_calendar=forced)


def office_change(member_id: str, week: int, names: Iterable[Weekday],
                  reason: str = "the calendar says home", *, forced: bool = True) -> PatternException:
    """Member `member_id` at the office on the days `names` of week `week`, not the usual."""
    return PatternException(monday(week), "office", reason, member=member_id,
                            office_days=tuple(day(n, week) for n in names), forced_by_calendar=forced)


def rhythm_plan(
    asked: TeamRequest,
    slots: Iterable[PatternMeeting],
    exceptions: Iterable[PatternException] = (),
    *,
    office: Mapping[str, Sequence[Weekday]] | None = None,
    one_offs: Iterable[PlacedMeeting] = (),
    facts: Mapping[str, CalendarFacts] | None = None,
    focus: Iterable[Block] = (),
    unplaced_blocks: Iterable[MissingBlock] = (),
) -> Plan:
    """The plan over `asked.weeks` weeks that keeps the rhythm except where `exceptions` say.

    Recurring meetings are at their slots, moved or skipped (then unplaced, with the
    exception's reason), numbered by time; `where` follows who is at the office. Office
    weekdays (default Mon and Tue) repeat, except in weeks an office exception changes.
    """
    slots, exceptions = tuple(slots), tuple(exceptions)
    weekly = office if office is not None else {m.id: ("mon", "tue") for m in asked.members}
    changed = {(e.member, e.week): e.office_days for e in exceptions if e.kind == "office"}
    office_days = {m: tuple(d for w in range(asked.weeks)
                            for d in changed.get((m, monday(w)), [day(n, w) for n in names]))
                   for m, names in weekly.items()}
    meetings, unplaced = list(one_offs), []
    for wanted in asked.meetings:
        starts = _starts(wanted, slots, exceptions, asked.weeks)
        for n, (start, skip_reason) in enumerate(starts, start=1):
            if skip_reason is None:
                meetings.append(_held(wanted, n, start, office_days))
            else:
                unplaced.append(Unplaced(wanted.id, n, skip_reason))
    built = plan(asked, sorted(meetings, key=lambda m: m.start), facts=facts, focus=focus,
                 office={}, unplaced=unplaced, unplaced_blocks=unplaced_blocks)
    return replace(built, office_days=office_days,
                   metrics={**built.metrics, "office_pair_days": office_pair_days(office_days)},
                   rhythm=Rhythm(slots, {m: tuple(names) for m, names in weekly.items()}),
                   exceptions=exceptions)


def _starts(
    wanted: MeetingRequest, slots: Sequence[PatternMeeting],
    exceptions: Sequence[PatternException], weeks: int,
) -> list[tuple[datetime, str | None]]:
    """Each week's start of the request's slots, by time: where held, or the skip's reason."""
    found = []
    for week in range(weeks):
        for slot in (s for s in slots if s.request == wanted.id):
            original = _slot_at(slot, week)
            change = next((e for e in exceptions if e.kind != "office"
                           and (e.request, e.original) == (slot.request, original)), None)
            if change is not None and change.moved_to is None:
                found.append((original, change.reason))
            else:
                found.append((change.moved_to if change and change.moved_to else original, None))
    return sorted(found, key=lambda pair: pair[0])


def _held(
    wanted: MeetingRequest, n: int, start: datetime, office_days: Mapping[str, tuple[date, ...]]
) -> PlacedMeeting:
    """Occurrence `n` at `start`; an `any` meeting is where its attendees are that day."""
    present = [start.date() in office_days.get(a, ()) for a in wanted.attendees]
    where: PlacedWhere = (wanted.where if wanted.where != "any" else
                          "office" if all(present) else "hybrid" if any(present) else "online")
    return PlacedMeeting(f"{wanted.id}#{n}", wanted.id, wanted.title, start,
                         start + timedelta(minutes=wanted.minutes), wanted.attendees,
                         wanted.optional, where)
