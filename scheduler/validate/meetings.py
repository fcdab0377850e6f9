"""Rules on each placed meeting by itself: what it is, how long, when in the day and week."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from i18n import gettext

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
            yield gettext("%(meeting)s: no meeting '%(request)s' was requested",
                          meeting=check.label(meeting), request=meeting.request)
        else:
            yield from _differences(check, meeting, request)
    for item in check.plan.unplaced:
        if item.request not in check.requests:
            yield (gettext("unplaced %(request)s#%(occurrence)s: no meeting '%(request)s' was requested",
                           request=item.request, occurrence=item.occurrence))


def _differences(check: Check, meeting: PlacedMeeting, request: MeetingRequest) -> Iterator[str]:
    # The label (its date in words, through babel) only for a message: worded for every
    # meeting of a valid plan it was a fifth of checking a 90-member team's plan.
    if occurrence(meeting) is None:
        yield gettext("%(label)s: the id should number the occurrence: %(id)s#1, %(id)s#2, ...",
                      label=check.label(meeting), id=request.id)
    if meeting.title != request.title:
        yield gettext("%(label)s: the title should be '%(title)s'", label=check.label(meeting),
                      title=request.title)
    # Order is presentation; who is invited (and how often) is not.
    if sorted(meeting.attendees) != sorted(request.attendees):
        yield (gettext("%(label)s: the attendees should be %(names)s, not %(names2)s",
                       label=check.label(meeting),
                       names=names(check, request.attendees), names2=names(check, meeting.attendees)))
    if sorted(meeting.optional) != sorted(request.optional):
        yield (gettext("%(label)s: the optional attendees should be %(names)s, not %(names2)s",
                       label=check.label(meeting),
                       names=names(check, request.optional), names2=names(check, meeting.optional)))


def meeting_length(check: Check) -> Iterator[str]:
    """Every meeting lasts its request's minutes, one of the allowed meeting lengths."""
    allowed = check.request.rules.meeting_lengths
    for meeting in check.plan.meetings:
        length = minutes(meeting)
        request = check.requests.get(meeting.request)
        if request is not None and length != request.minutes:
            yield gettext("%(label)s: lasts %(length)s minutes, not the %(minutes)s requested",
                          label=check.label(meeting), length=format(length, "g"), minutes=request.minutes)
        elif length not in allowed:
            lengths = " or ".join(str(n) for n in allowed)
            yield gettext("%(label)s: lasts %(length)s minutes; meetings last %(lengths)s minutes",
                          label=check.label(meeting), length=format(length, "g"), lengths=lengths)


def start_on_the_grid(check: Check) -> Iterator[str]:
    """Every meeting starts on the team's grid, local time: by default the hour or half hour."""
    step = check.request.rules.start_every_minutes
    grid = gettext("the (half) hour") if step == 30 else gettext("the %(step)s-minute grid", step=step)
    for meeting in check.plan.meetings:
        local = meeting.start.astimezone(check.zone)
        if (local.hour * 60 + local.minute) % step or local.second or local.microsecond:
            yield gettext("%(meeting)s: starts at %(local)s, not on %(grid)s", meeting=check.label(meeting),
                          local=format(local, "%H:%M:%S"), grid=grid)


def meeting_hours(check: Check) -> Iterator[str]:
    """Every meeting starts and ends inside the daily meeting hours."""
    hours = check.request.rules.meeting_hours
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if not inside(meeting, at(day, hours.start, check.zone), at(day, hours.end, check.zone)):
            yield gettext("%(meeting)s: outside the meeting hours %(hours)s", meeting=check.label(meeting),
                          hours=clock_range(hours))


def workdays(check: Check) -> Iterator[str]:
    """Every meeting is on a team workday of the planned week(s)."""
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if day not in check.days:
            yield (gettext("%(meeting)s: outside the planned %(horizon)s %(day)s - %(day2)s",
                           meeting=check.label(meeting), horizon=check.horizon,
                           day=day_label(check.days[0]), day2=day_label(check.days[-1])))
        elif weekday_of(day) not in check.request.rules.workdays:
            yield gettext("%(meeting)s: %(weekday)s is not a workday", meeting=check.label(meeting),
                          weekday=weekday_name(day))


def meetingless_days(check: Check) -> Iterator[str]:
    """No meeting on a meetingless day."""
    for meeting in check.plan.meetings:
        day = check.day_of(meeting.start)
        if weekday_of(day) in check.request.rules.meetingless_days:
            yield gettext("%(meeting)s: %(weekday)s is a meetingless day", meeting=check.label(meeting),
                          weekday=weekday_name(day))
