"""The calendar rules: where a meeting may go at all, whatever else the plan holds.

Each is a start filter: a start it rules out never becomes a variable, so none of them
needs a CP-SAT part. The first four shape the grid every meeting starts on (the days, the
meeting hours, the start every half hour); the last two keep the starts each meeting's
required attendees are at work and free for. Switched off, a rule leaves its part wide
(every day, all day, every five minutes, anyone's calendar) and the validator names the breach.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from i18n import N_, gettext
from scheduler.domain import MeetingRequest, TeamRequest
from scheduler.model.candidates import Candidates
from scheduler.model.grid import Grid
from scheduler.model.minutes import MemberDay, covered
from scheduler.model.rule import Reason, Rule, Start, StartFilter
from scheduler.model.why import Why


def only_on_workdays(grid: Grid, request: TeamRequest) -> Grid:
    """Hard constraint: meetings, lunches, office days and focus blocks only on the team's workdays."""
    return replace(grid, workdays=Grid.of(request).workdays)


def none_on_meetingless_days(grid: Grid, request: TeamRequest) -> Grid:
    """Hard constraint: no meeting on a meetingless day (seeds: meetingless Wednesday)."""
    return replace(grid, meetingless=Grid.of(request).meetingless)


def inside_meeting_hours(grid: Grid, request: TeamRequest) -> Grid:
    """Hard constraint: every meeting starts and ends inside the meeting hours (seeds: 10-15)."""
    return replace(grid, hours=Grid.of(request).hours)


def on_the_grid(grid: Grid, request: TeamRequest) -> Grid:
    """Hard constraint: meetings start on the hour or half hour (the team's grid)."""
    return replace(grid, step=Grid.of(request).step)


# The slots a member-day allows a meeting of so many minutes, as bits over the grid's starts.
Allowed = Callable[[MemberDay, Sequence[int], int], int]


def at_work(c: Candidates, meeting: MeetingRequest, starts: list[Start]) -> list[Start]:
    """Hard constraint: every required attendee works that day, inside their working hours."""
    return _kept(c, "works", meeting, starts, c.week.works_all_day, _works)


def not_busy(c: Candidates, meeting: MeetingRequest, starts: list[Start]) -> list[Start]:
    """Hard constraint: no required attendee's calendar is busy then."""
    return _kept(c, "clear", meeting, starts, c.week.clear_all_day, _clear)


def _works(day: MemberDay, starts: Sequence[int], minutes: int) -> int:
    """The starts (as bits) whose `minutes` lie inside one of the day's working spans."""
    allowed = 0
    if day.works:
        for slot, start in enumerate(starts):
            if covered(day.working, start, start + minutes):
                allowed |= 1 << slot
    return allowed


def _clear(day: MemberDay, starts: Sequence[int], minutes: int) -> int:
    """The starts (as bits) whose `minutes` overlap nothing busy: each busy span takes away
    the starts it overlaps (a loop over a few spans, not a look at every span for every start)."""
    allowed = (1 << len(starts)) - 1
    for a, b in day.busy:
        for slot, start in enumerate(starts):
            if a < start + minutes and start < b:
                allowed &= ~(1 << slot)
    return allowed


def _kept(c: Candidates, kind: str, meeting: MeetingRequest, starts: list[Start],
          all_day: Callable[[str, int], bool], at: Allowed) -> list[Start]:
    """The starts `at` allows for every required attendee."""
    rows = [_slots_allowed(c, kind, a, meeting.minutes) for a in meeting.attendees]
    allowed: dict[int, int] = {}  # day -> the slots every attendee allows, as bits
    kept = []
    for day, slot in starts:
        mask = allowed.get(day)
        if mask is None:
            mask = -1  # every slot
            for a, row in zip(meeting.attendees, rows, strict=True):
                member_mask = row[day]
                if member_mask is None:
                    member_mask = row[day] = _member_day_mask(c, a, day, meeting.minutes, all_day, at)
                mask &= member_mask
            allowed[day] = mask
        if mask >> slot & 1:
            kept.append((day, slot))
    return kept


def _slots_allowed(c: Candidates, kind: str, member_id: str, minutes: int) -> list[int | None]:
    """The slots `at` allows the member for a meeting of `minutes`, as bits, day by day (None:
    not worked out yet); remembered, since each of their meetings of that length, and each
    explanation of an unplaced one, asks the same (most of a large team's model build went on
    asking, and then on asking day by day for the remembered answer)."""
    key = (kind, member_id, minutes)
    row = c.slot_masks.get(key)
    if row is None:
        row = c.slot_masks[key] = [None] * len(c.week.days)
    return row


def _member_day_mask(c: Candidates, member_id: str, day: int, minutes: int,
                     all_day: Callable[[str, int], bool], at: Allowed) -> int:
    """Every start lies inside the meeting hours, so a member-day `all_day` allows needs no
    further look: every slot."""
    if all_day(member_id, day):
        return -1
    return at(c.week.at(member_id, day), c.slots.starts, minutes)


def no_meeting_days(why: Why, meeting: MeetingRequest) -> str | None:
    if why.week.meeting_days:
        return None
    return gettext("the team has no meeting days (every workday is meetingless)")


def off_or_hours_apart(why: Why, meeting: MeetingRequest) -> str | None:
    """Nobody can meet when the attendees are never at work on the same meeting day, or
    when one's working hours leave no block inside the meeting hours: a colleague in
    another zone, typically (the clock changes of both zones are in the week)."""
    week, attendees, names = why.week, meeting.attendees, why.request.names_of
    if not week.meeting_days:
        return None
    if not any(all(week.at(a, d).works for a in attendees) for d in week.meeting_days):
        if len(attendees) == 1:
            return gettext("%(names)s is off on every meeting day (%(days)s)", names=names(attendees),
                           days=why.day_names(week.meeting_days))
        return gettext("%(names)s are never all at work on the same meeting day", names=names(attendees))
    slots = why.slots
    for a in attendees:
        if any(covered(week.at(a, d).working, *slots.span(s, meeting.minutes))
               for d in week.meeting_days for s in range(len(slots.starts))
               if slots.fits(s, meeting.minutes)):
            continue
        member, hours = why.request.member(a), why.request.rules.meeting_hours
        return gettext("%(name)s's working hours (%(start)s-%(end)s %(zone)s) leave no %(minutes)d minutes "
                       "inside the meeting hours (%(begin)s-%(until)s %(team_zone)s) on any meeting day",
                       name=why.request.name_of(a), start=f"{member.working_hours.start:%H:%M}",
                       end=f"{member.working_hours.end:%H:%M}", zone=member.timezone,
                       minutes=meeting.minutes, begin=f"{hours.start:%H:%M}", until=f"{hours.end:%H:%M}",
                       team_zone=why.request.timezone)
    return None


def calendars_full(why: Why, meeting: MeetingRequest) -> str | None:
    """The attendees' calendars share no free time, and who among them is in the way."""
    attendees = list(meeting.attendees)
    # The meeting's own starts (the model's, remembered) are among those of its attendees'
    # calendars alone: where it has any, their calendars are not full, and the relaxed
    # meeting's starts are not filtered afresh (most of explaining a large team's week).
    if why.candidates.meeting_starts(meeting) or _free_starts(why, meeting, attendees):
        return None
    hours = why.request.rules.meeting_hours
    block = gettext("%(minutes)d-minute block inside meeting hours (%(start)s-%(end)s)",
                    minutes=meeting.minutes, start=f"{hours.start:%H:%M}", end=f"{hours.end:%H:%M}")
    names = why.request.names_of
    if len(attendees) == 1:
        return gettext("%(names)s has no free %(block)s on a meeting day", names=names(attendees),
                       block=block)
    blockers = [a for a in attendees if _free_starts(why, meeting, [x for x in attendees if x != a])]
    if len(blockers) == 1:
        others = [a for a in attendees if a != blockers[0]]
        one = N_("%(names)s is busy at every %(block)s on the meeting days when %(others)s is free")
        all_ = N_("%(names)s is busy at every %(block)s on the meeting days when %(others)s are all free")
        message = one if len(others) == 1 else all_
        return gettext(message, names=names(blockers), block=block, others=names(others))
    return gettext("%(names)s share no free %(block)s on a meeting day", names=names(attendees), block=block)


def _free_starts(why: Why, meeting: MeetingRequest, attendees: Sequence[str]) -> list[Start]:
    relaxed = MeetingRequest(meeting.id, meeting.title, meeting.minutes, tuple(attendees))
    return why.candidates.meeting_starts(relaxed)


workdays = Rule("workdays", StartFilter(grid=only_on_workdays))
meetingless_days = Rule("meetingless_days", StartFilter(grid=none_on_meetingless_days),
                        reason=Reason(always=no_meeting_days))
meeting_hours = Rule("meeting_hours", StartFilter(grid=inside_meeting_hours))
start_on_the_grid = Rule("start_on_the_grid", StartFilter(grid=on_the_grid))
working_hours = Rule("working_hours", StartFilter(keep=at_work), reason=Reason(always=off_or_hours_apart))
busy_time = Rule("busy_time", StartFilter(keep=not_busy), reason=Reason(always=calendars_full))
