"""Rules on each placed meeting by itself: what it is, how long, when in the day and week."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..domain import MeetingRequest, PlacedMeeting, weekday_of
from .check import Check
from .week import at, clock_range, day_label, inside, minutes, weekday_name


def occurrence(meeting: PlacedMeeting) -> int | None:
    """n from the id '<request>#<n>', or None when the id is not of that form."""
    prefix, _, number = meeting.id.rpartition("#")
    if prefix != meeting.request or not (number.isascii() and number.isdigit()):
        return None
    return int(number) if str(int(number)) == number else None


def names(check: Check, ids: Iterable[str]) -> str:
    listed = sorted(check.name(i) for i in ids)
    return ", ".join(listed) if listed else "nobody"


def known_meetings(check: Check) -> Iterator[str]:
    """Every placed or unplaced meeting is a requested one, with its id, title and attendees."""
    for meeting in check.plan.meetings:
        request = check.requests.get(meeting.request)
        if request is None:
            yield f"{check.label(meeting)}: no meeting '{meeting.request}' was requested"
        else:
            yield from _differences(check, meeting, request)
    for item in check.plan.unplaced:
        if item.request not in check.requests:
            yield (f"unplaced {item.request}#{item.occurrence}: "
                   f"no meeting '{item.request}' was requested")


def _differences(check: Check, meeting: PlacedMeeting, request: MeetingRequest) -> Iterator[str]:
    label = check.label(meeting)
    if occurrence(meeting) is None:
        yield f"{label}: the id should number the occurrence: {request.id}#1, {request.id}#2, ..."
    if meeting.title != request.title:
        yield f"{label}: the title should be '{request.title}'"
    # Order is presentation; who is invited (and how often) is not.
    if sorted(meeting.attendees) != sorted(request.attendees):
        yield (f"{label}: the attendees should be {names(check, request.attendees)}, "
               f"not {names(check, meeting.attendees)}")
    if sorted(meeting.optional) != sorted(request.optional):
        yield (f"{label}: the optional attendees should be {names(check, request.optional)}, "
               f"not {names(check, meeting.optional)}")


def meeting_length(check: Check) -> Iterator[str]:
    """Every meeting lasts its request's minutes, one of the allowed meeting lengths."""
    allowed = check.request.rules.meeting_lengths
    for meeting in check.plan.meetings:
        label, length = check.label(meeting), minutes(meeting)
        request = check.requests.get(meeting.request)
        if request is not None and length != request.minutes:
            yield f"{label}: lasts {length:g} minutes, not the {request.minutes} requested"
        elif length not in allowed:
            lengths = " or ".join(str(n) for n in allowed)
            yield f"{label}: lasts {length:g} minutes; meetings last {lengths} minutes"


def start_on_the_grid(check: Check) -> Iterator[str]:
    """Every meeting starts on the team's grid, local time: by default the hour or half hour."""
    step = check.request.rules.start_every_minutes
    grid = "the (half) hour" if step == 30 else f"the {step}-minute grid"
    for meeting in check.plan.meetings:
        local = meeting.start.astimezone(check.zone)
        if (local.hour * 60 + local.minute) % step or local.second or local.microsecond:
            yield f"{check.label(meeting)}: starts at {local:%H:%M:%S}, not on {grid}"


def meeting_hours(check: Check) -> Iterator[str]:
    """Every meeting starts and ends inside the daily meeting hours."""
    hours = check.request.rules.meeting_hours
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if not inside(meeting, at(day, hours.start, check.zone), at(day, hours.end, check.zone)):
            yield f"{check.label(meeting)}: outside the meeting hours {clock_range(hours)}"


def workdays(check: Check) -> Iterator[str]:
    """Every meeting is on a team workday of the planned week(s)."""
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if day not in check.days:
            yield (f"{check.label(meeting)}: outside the planned {check.horizon} "
                   f"{day_label(check.days[0])} - {day_label(check.days[-1])}")
        elif weekday_of(day) not in check.request.rules.workdays:
            yield f"{check.label(meeting)}: {weekday_name(day)} is not a workday"


def meetingless_days(check: Check) -> Iterator[str]:
    """No meeting on a meetingless day."""
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if weekday_of(day) in check.request.rules.meetingless_days:
            yield f"{check.label(meeting)}: {weekday_name(day)} is a meetingless day"
