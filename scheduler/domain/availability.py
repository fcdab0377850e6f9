"""What the calendars said about the planned weeks that a plan's figures need, stated in the
plan itself: each member's days off and their busy time inside working hours.

A plan used to carry only its own blocks, so every reader counted focus time from whatever
it had at hand: the report re-read the calendars, the web page had none and counted a day off
as eight focus hours (issue 20: 191.42 h on the web against 168.01 h in the report for the same
plan). Stated in the plan (`days_off`, `busy`), the figures are the same wherever they are
counted, and a stored plan needs no calendar fetched again to show them. Only what the figures
read is kept: busy time clipped to working hours on working days, merged, without titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain.plan import Plan
from scheduler.domain.team import CalendarFacts, Interval, Member, TeamRequest, weekday_of

NO_FACTS = CalendarFacts()


def workdays(request: TeamRequest) -> tuple[date, ...]:
    """The team's workdays over the request's weeks, in order."""
    span = (request.week + timedelta(days=n) for n in range(7 * request.weeks))
    return tuple(d for d in span if weekday_of(d) in request.rules.workdays)


def working_interval(member: Member, day: date) -> Interval:
    """The member's working hours on the team's `day`, on the member's own clock."""
    zone, hours = ZoneInfo(member.timezone), member.working_hours
    return Interval(datetime.combine(day, hours.start, tzinfo=zone),
                    datetime.combine(day, hours.end, tzinfo=zone))


def days_off(request: TeamRequest, facts: Mapping[str, CalendarFacts]) -> dict[str, tuple[date, ...]]:
    """Member id -> the workdays their calendars take them off (all-day out of office); only
    members with any."""
    days = workdays(request)
    found = {m.id: tuple(d for d in days if d in facts.get(m.id, NO_FACTS).off_days)
             for m in request.members}
    return {member: off for member, off in found.items() if off}


def busy_at_work(request: TeamRequest, facts: Mapping[str, CalendarFacts]) -> dict[str, tuple[Interval, ...]]:
    """Member id -> their busy time (calendar events and the request's own `busy`) inside their
    working hours on the days they work, merged; only members with any.

    Remembered for the last request and calendars asked about (the same objects, member by
    member): a plan states it and the validator checks it, one right after the other."""
    calendars = tuple(facts.items())
    last = _LAST_BUSY[0] if _LAST_BUSY else None  # one read: another thread may replace it
    if last is not None and last[0] is request and _same(last[1], calendars):
        return dict(last[2])
    found = {}
    days = workdays(request)
    for member in request.members:
        mine = facts.get(member.id, NO_FACTS)
        busy = [*mine.busy, *member.busy]
        if not busy:
            continue
        windows = [working_interval(member, d) for d in days if d not in mine.off_days]
        clipped = merged(_clipped(busy, windows))
        if clipped:
            found[member.id] = clipped
    _LAST_BUSY[:] = [(request, calendars, found)]
    return dict(found)


# (request, its members' calendars, what busy_at_work found): held, so no id is used again meanwhile.
Calendars = tuple[tuple[str, CalendarFacts], ...]
_LAST_BUSY: list[tuple[TeamRequest, Calendars, dict[str, tuple[Interval, ...]]]] = []


def _same(before: Calendars, now: Calendars) -> bool:
    return len(before) == len(now) and all(a == b and x is y
                                           for (a, x), (b, y) in zip(before, now, strict=True))


def _clipped(busy: list[Interval], windows: list[Interval]) -> Iterable[Interval]:
    """Each busy interval inside each window it overlaps, window by window. Compared in UTC:
    aware datetimes of two zones compare through both offsets, and every busy interval meets
    every window (most of stating a plan's busy time went on that)."""
    in_utc = [(b, b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in busy]
    for w in windows:
        start, end = w.start.astimezone(UTC), w.end.astimezone(UTC)
        for b, b_start, b_end in in_utc:
            if b_start < end and start < b_end:  # max() and min() keep the first of equals
                yield Interval(b.start if b_start >= start else w.start, b.end if b_end <= end else w.end)


def merged(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted, with overlapping and touching intervals joined."""
    out: list[Interval] = []
    for item in sorted(intervals, key=lambda i: (i.start.astimezone(UTC), i.end.astimezone(UTC))):
        if out and item.start <= out[-1].end:
            out[-1] = Interval(out[-1].start, max(out[-1].end, item.end))
        else:
            out.append(item)
    return tuple(out)


def with_calendars(plan: Plan, request: TeamRequest, facts: Mapping[str, CalendarFacts]) -> Plan:
    """The plan stating the days off and busy time it was made around."""
    return replace(plan, days_off=days_off(request, facts), busy=busy_at_work(request, facts))
