"""Reasons a person understands for what the plan could not hold.

Each reason names the people and the obstacle: nobody works that day, someone's calendar
is full, the office cannot have them all, or the free times went to other meetings. People
are named as a manager knows them, by name (`TeamRequest.name_of`), never by request id.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from scheduler.domain import MeetingRequest
from scheduler.model.candidates import Slots, meeting_starts
from scheduler.model.solution import Solution
from scheduler.model.week import Week, covered, overlaps


def day_names(week: Week, days: Sequence[int]) -> str:
    return ", ".join(f"{week.days[d]:%a}" for d in days)


def unplaced_reason(week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest,
                    days: Collection[int] | None = None) -> str:
    """Why an occurrence of `meeting` is not in the plan, from the first obstacle met;
    with `days`, why it is not on those days (one week of several)."""
    if days is not None:
        week = _within(week, days)
    return (
        _nobody_works(week, meeting)
        or _no_room_fits(week, meeting)
        or _hours_apart(week, slots, meeting)
        or _calendars_full(week, slots, meeting)
        or _office_impossible(week, slots, meeting)
        or _too_few_days(week, slots, solution, meeting)
        or _taken_by_plan(week, slots, solution, meeting)
        or "no valid time was found within the time limit; a longer --time-limit may place it"
    )


def _within(week: Week, days: Collection[int]) -> Week:
    """The same week, with meetings considered on `days` only."""
    return week.on_meeting_days(tuple(d for d in week.meeting_days if d in days))


def _nobody_works(week: Week, meeting: MeetingRequest) -> str | None:
    if not week.meeting_days:
        return "the team has no meeting days (every workday is meetingless)"
    attendees, who = meeting.attendees, week.request.names_of(meeting.attendees)
    if any(all(week.at(a, d).works for a in attendees) for d in week.meeting_days):
        return None
    if len(attendees) == 1:
        return f"{who} is off on every meeting day ({day_names(week, week.meeting_days)})"
    return f"{who} are never all at work on the same meeting day"


def _no_room_fits(week: Week, meeting: MeetingRequest) -> str | None:
    rooms = week.request.rooms
    invited = len(meeting.attendees) + len(meeting.optional)
    if meeting.where != "office" or not rooms or any(r.capacity >= invited for r in rooms):
        return None
    largest = max(rooms, key=lambda r: r.capacity)
    return (f"no room holds the {invited} people invited "
            f"(the largest, {largest.name}, holds {largest.capacity})")


def _hours_apart(week: Week, slots: Slots, meeting: MeetingRequest) -> str | None:
    """An attendee whose working hours leave no block inside the meeting hours: a colleague
    in another zone, typically (the clock changes of both zones are in `week`)."""
    for a in meeting.attendees:
        if any(covered(week.at(a, d).working, *slots.span(s, meeting.minutes))
               for d in week.meeting_days for s in range(len(slots.starts))
               if slots.fits(s, meeting.minutes)):
            continue
        member, hours = week.request.member(a), week.request.rules.meeting_hours
        return (f"{week.request.name_of(a)}'s working hours ({member.working_hours.start:%H:%M}-"
                f"{member.working_hours.end:%H:%M} {member.timezone}) leave no {meeting.minutes} "
                f"minutes inside the meeting hours ({hours.start:%H:%M}-{hours.end:%H:%M} "
                f"{week.request.timezone}) on any meeting day")
    return None


def _free_starts(
    week: Week, slots: Slots, meeting: MeetingRequest, attendees: Sequence[str]
) -> list[tuple[int, int]]:
    relaxed = MeetingRequest(meeting.id, meeting.title, meeting.minutes, tuple(attendees))
    return meeting_starts(week, slots, relaxed)


def _calendars_full(week: Week, slots: Slots, meeting: MeetingRequest) -> str | None:
    attendees = list(meeting.attendees)
    if _free_starts(week, slots, meeting, attendees):
        return None
    hours = week.request.rules.meeting_hours
    block = f"{meeting.minutes}-minute block inside meeting hours ({hours.start:%H:%M}-{hours.end:%H:%M})"
    names = week.request.names_of
    if len(attendees) == 1:
        return f"{names(attendees)} has no free {block} on a meeting day"
    blockers = [a for a in attendees if _free_starts(week, slots, meeting, [x for x in attendees if x != a])]
    if len(blockers) == 1:
        others = [a for a in attendees if a != blockers[0]]
        free = "is free" if len(others) == 1 else "are all free"
        return f"{names(blockers)} is busy at every {block} on the meeting days when {names(others)} {free}"
    return f"{names(attendees)} share no free {block} on a meeting day"


def _office_impossible(week: Week, slots: Slots, meeting: MeetingRequest) -> str | None:
    if meeting.where != "office":
        return None
    in_person = week.request.in_person(meeting)
    who = week.request.names_of(in_person)
    capacity = week.request.rules.office_capacity
    if capacity is not None and len(in_person) > capacity:
        return (f"it needs all {len(in_person)} of {who} at the office, "
                f"which holds {capacity} (office_capacity)")
    if meeting_starts(week, slots, meeting):
        return None
    both = "both" if len(in_person) == 2 else "all"
    return (
        f"{who} share no free {meeting.minutes}-minute block on a day {both} can be at the office "
        "(office never-days and calendar home days rule the others out)"
    )


def _too_few_days(
    week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest
) -> str | None:
    days = sorted({d for d, _ in meeting_starts(week, slots, meeting)})
    placed = [d for d, _ in solution.starts[meeting.id] if d in week.meeting_days]
    if len(placed) < len(days):
        return None
    return (
        f"{week.request.names_of(meeting.attendees)} have a free {meeting.minutes}-minute block on only "
        f"{len(days)} meeting day(s) ({day_names(week, days)}), and each occurrence needs its own day"
    )


def _taken_by_plan(
    week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest
) -> str | None:
    """Every free time the attendees share went to something else in this plan."""
    used_days = {d for d, _ in solution.starts[meeting.id]}
    titles: set[str] = set()
    causes: set[str] = set()
    # Who holds which slot, gathered once: asked afresh at every candidate start, it made
    # explaining a large week's unplaced meetings take longer than solving it.
    held, booked = _held_slots(week, slots, solution, meeting), _booked_rooms(week, slots, solution)
    for day, slot in meeting_starts(week, slots, meeting):
        if day in used_days:
            continue
        meetings, others = _blockers(week, slots, solution, meeting, day, slot, held, booked)
        if not meetings and not others:
            return None  # a time was free after all: the search stopped before using it
        titles |= meetings
        causes |= others
    if not titles and not causes:
        return None
    named = [f"other meetings ({', '.join(sorted(titles))})"] if titles else []
    who = week.request.names_of(meeting.attendees)
    return (f"every free {meeting.minutes}-minute time {who} share is taken by "
            f"{' or '.join(named + sorted(causes))}")


Held = dict[tuple[int, int], set[str]]  # (day, slot) -> titles, or room ids


def _held_slots(week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest) -> Held:
    """The slots that other meetings of any of its attendees hold, with their titles."""
    held: Held = {}
    for other in week.request.meetings:
        if other.id != meeting.id and set(other.attendees) & set(meeting.attendees):
            for d, s in solution.starts[other.id]:
                for t in slots.taken(s, other.minutes):
                    held.setdefault((d, t), set()).add(other.title)
    return held


def _booked_rooms(week: Week, slots: Slots, solution: Solution) -> Held:
    minutes = {m.id: m.minutes for m in week.request.meetings}
    booked: Held = {}
    for (other, d, s), room in solution.rooms.items():
        for t in slots.taken(s, minutes[other]):
            booked.setdefault((d, t), set()).add(room)
    return booked


def _blockers(week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest,
              day: int, slot: int, held: Held, booked: Held) -> tuple[set[str], set[str]]:
    """What in the plan keeps the meeting from (day, slot): other meetings' titles, and the
    other causes in words."""
    taken = set(slots.taken(slot, meeting.minutes))
    start, end = slots.span(slot, meeting.minutes)
    titles = {title for t in taken for title in held.get((day, t), ())}
    found: set[str] = set()
    minutes = week.request.rules.lunch.minutes
    if any((a, day) in solution.lunch and overlaps(
            [(solution.lunch[(a, day)], solution.lunch[(a, day)] + minutes)], start, end)
           for a in meeting.attendees):
        found.add("lunch")
    if meeting.where == "office" and not all(solution.office.get((a, day), False)
                                             for a in week.request.in_person(meeting)):
        found.add("the office days, which cannot bring them all in on those days "
                  "(office days per person and office capacity)")
    if _rooms_taken(week, meeting, day, taken, booked):
        found.add("meetings in every room that fits them")
    return titles, found


def _rooms_taken(week: Week, meeting: MeetingRequest, day: int, taken: set[int], booked: Held) -> bool:
    """Every room big enough is booked at that time (only asked of office meetings)."""
    invited = len(meeting.attendees) + len(meeting.optional)
    fitting = {r.id for r in week.request.rooms if r.capacity >= invited}
    if meeting.where != "office" or not fitting:
        return False
    return fitting <= {room for t in taken for room in booked.get((day, t), ())}


def missing_lunch_reason(week: Week, member_id: str) -> str:
    lunch = week.request.rules.lunch
    return (f"{week.request.name_of(member_id)} is busy all through the lunch window "
            f"{lunch.start:%H:%M}-{lunch.end:%H:%M}: no {lunch.minutes} free minutes")


def missing_focus_reason(static_days: int, placed: int, name: str, minutes: int) -> str:
    if static_days <= placed:
        return (f"{name}'s calendar leaves {minutes} free minutes in a row inside "
                f"working hours on only {static_days} day(s)")
    return f"meetings and lunch leave {name} {minutes} free minutes in a row on only {placed} day(s)"
