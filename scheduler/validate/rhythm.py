"""The rhythm of a plan over several weeks: the weekly slots and office weekdays it repeats.

A one-week plan has no rhythm. Over several weeks every recurring meeting has up to
`per_week` slots (a weekday and a local time, one per weekday) and every member a set of
office weekdays; `exceptions.py` checks the weeks that do not keep them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from ..domain import WEEKDAYS, MeetingRequest, PatternMeeting, Rhythm, Weekday
from .check import Check
from .week import WEEKDAY_NAMES, at


def slot_time(check: Check, monday: date, slot: PatternMeeting) -> datetime:
    """The moment the slot falls on in the week of `monday`, in the team's local time."""
    return at(monday + timedelta(days=WEEKDAYS.index(slot.weekday)), slot.start, check.zone)


def every(weekday: Weekday) -> str:
    return f"every {WEEKDAY_NAMES[WEEKDAYS.index(weekday)]}"


def rhythm_pattern(check: Check) -> Iterator[str]:
    """A plan over several weeks states its rhythm: valid weekly slots, office weekdays."""
    rhythm, weeks = check.plan.rhythm, check.request.weeks
    if weeks == 1:
        if rhythm is not None:
            yield "a one-week plan has no rhythm, yet the plan states one"
        return
    if rhythm is None:
        yield f"a plan over {weeks} weeks states no rhythm (the week it repeats)"
        return
    yield from _slots(check, rhythm)
    yield from _office_weekdays(check, rhythm)


def _slots(check: Check, rhythm: Rhythm) -> Iterator[str]:
    kept: dict[str, list[PatternMeeting]] = defaultdict(list)
    for slot in rhythm.meetings:
        request = check.requests.get(slot.request)
        label = f"{slot.request} {every(slot.weekday)} at {slot.start:%H:%M}"
        if request is None:
            yield f"the rhythm has {label}, but no meeting '{slot.request}' was requested"
        elif not request.recurring:
            yield f"the rhythm has {label}, but {request.title} is a one-off (recurring: false)"
        else:
            kept[request.id].append(slot)
            yield from _slot_problems(check, request, slot, f"{label} ({request.title})")
    for request_id, slots in kept.items():
        request = check.requests[request_id]
        if len(slots) > request.per_week:
            yield (f"{request_id} ({request.title}) has {len(slots)} weekly slots in the rhythm; "
                   f"it is asked for {request.per_week} a week")
        for weekday, count in sorted(Counter(s.weekday for s in slots).items()):
            if count > 1:
                yield (f"{request_id} ({request.title}) has {count} slots {every(weekday)}: "
                       "occurrences are on different days")


def _slot_problems(
    check: Check, request: MeetingRequest, slot: PatternMeeting, label: str
) -> Iterator[str]:
    rules = check.request.rules
    length = (_minutes(slot.end) - _minutes(slot.start))
    if length != request.minutes:
        yield f"{label}: lasts {length} minutes until {slot.end:%H:%M}, not {request.minutes}"
    if slot.weekday not in rules.workdays:
        yield f"{label}: {WEEKDAY_NAMES[WEEKDAYS.index(slot.weekday)]} is not a workday"
    elif slot.weekday in rules.meetingless_days:
        yield f"{label}: {WEEKDAY_NAMES[WEEKDAYS.index(slot.weekday)]} is a meetingless day"
    step = rules.start_every_minutes
    if _minutes(slot.start) % step or slot.start.second or slot.start.microsecond:
        yield f"{label}: starts off the {step}-minute grid"
    hours = rules.meeting_hours
    if not hours.start <= slot.start < slot.end <= hours.end:
        yield f"{label}: outside the meeting hours {hours.start:%H:%M}-{hours.end:%H:%M}"


def _office_weekdays(check: Check, rhythm: Rhythm) -> Iterator[str]:
    for member_id, weekdays in rhythm.office_days.items():
        if member_id not in check.members:
            yield f"the rhythm has office days for '{member_id}', who is not a team member"
            continue
        for weekday, count in sorted(Counter(weekdays).items()):
            name = WEEKDAY_NAMES[WEEKDAYS.index(weekday)]
            if count > 1:
                yield f"{check.name(member_id)}'s rhythm lists {name} {count} times as an office day"
            if weekday not in check.request.rules.workdays:
                yield f"{check.name(member_id)}'s rhythm has an office day on {name}, which is not a workday"


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute
