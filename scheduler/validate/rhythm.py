"""The rhythm of a plan over several weeks: the weekly slots and office weekdays it repeats.

A one-week plan has no rhythm. Over several weeks every recurring meeting has up to
`per_week` slots (a weekday and a local time, one per weekday) and every member a set of
office weekdays; `exceptions.py` checks the weeks that do not keep them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from i18n import formats, gettext

from ..domain import WEEKDAYS, MeetingRequest, PatternMeeting, Rhythm, Weekday
from .check import Check
from .week import at


def slot_time(check: Check, monday: date, slot: PatternMeeting) -> datetime:
    """The moment the slot falls on in the week of `monday`, in the team's local time."""
    return at(monday + timedelta(days=WEEKDAYS.index(slot.weekday)), slot.start, check.zone)


def every(weekday: Weekday) -> str:
    return gettext("every %(weekday)s", weekday=formats.weekday(weekday))


def rhythm_pattern(check: Check) -> Iterator[str]:
    """A plan over several weeks states its rhythm: valid weekly slots, office weekdays."""
    rhythm, weeks = check.plan.rhythm, check.request.weeks
    if weeks == 1:
        if rhythm is not None:
            yield gettext("a one-week plan has no rhythm, yet the plan states one")
        return
    if rhythm is None:
        yield gettext("a plan over %(weeks)s weeks states no rhythm (the week it repeats)", weeks=weeks)
        return
    yield from _slots(check, rhythm)
    yield from _office_weekdays(check, rhythm)


def _slots(check: Check, rhythm: Rhythm) -> Iterator[str]:
    kept: dict[str, list[PatternMeeting]] = defaultdict(list)
    for slot in rhythm.meetings:
        request = check.requests.get(slot.request)
        label = f"{slot.request} {every(slot.weekday)} at {slot.start:%H:%M}"
        if request is None:
            yield gettext("the rhythm has %(label)s, but no meeting '%(request)s' was requested",
                          label=label, request=slot.request)
        elif not request.recurring:
            yield gettext("the rhythm has %(label)s, but %(title)s is a one-off (recurring: false)",
                          label=label, title=request.title)
        else:
            kept[request.id].append(slot)
            yield from _slot_problems(check, request, slot, f"{label} ({request.title})")
    for request_id, slots in kept.items():
        request = check.requests[request_id]
        if len(slots) > request.per_week:
            yield (gettext("%(request_id)s (%(title)s) has %(count)s weekly slots in the rhythm; it is "
                           "asked for %(per_week)s a week", request_id=request_id, title=request.title,
                           count=len(slots), per_week=request.per_week))
        for weekday, count in sorted(Counter(s.weekday for s in slots).items()):
            if count > 1:
                yield (gettext("%(request_id)s (%(title)s) has %(count)s slots %(every)s: occurrences are "
                               "on different days", request_id=request_id, title=request.title, count=count,
                               every=every(weekday)))


def _slot_problems(
    check: Check, request: MeetingRequest, slot: PatternMeeting, label: str
) -> Iterator[str]:
    rules = check.request.rules
    length = (_minutes(slot.end) - _minutes(slot.start))
    if length != request.minutes:
        yield gettext("%(label)s: lasts %(length)s minutes until %(end)s, not %(minutes)s", label=label,
                      length=length, end=format(slot.end, "%H:%M"), minutes=request.minutes)
    if slot.weekday not in rules.workdays:
        yield gettext("%(label)s: %(weekday)s is not a workday", label=label,
                      weekday=formats.weekday(slot.weekday))
    elif slot.weekday in rules.meetingless_days:
        yield gettext("%(label)s: %(weekday)s is a meetingless day", label=label,
                      weekday=formats.weekday(slot.weekday))
    step = rules.start_every_minutes
    if _minutes(slot.start) % step or slot.start.second or slot.start.microsecond:
        yield gettext("%(label)s: starts off the %(step)s-minute grid", label=label, step=step)
    hours = rules.meeting_hours
    if not hours.start <= slot.start < slot.end <= hours.end:
        yield gettext("%(label)s: outside the meeting hours %(start)s-%(end)s", label=label,
                      start=format(hours.start, "%H:%M"), end=format(hours.end, "%H:%M"))


def _office_weekdays(check: Check, rhythm: Rhythm) -> Iterator[str]:
    for member_id, weekdays in rhythm.office_days.items():
        if member_id not in check.members:
            yield gettext("the rhythm has office days for '%(member_id)s', who is not a team member",
                          member_id=member_id)
            continue
        for weekday, count in sorted(Counter(weekdays).items()):
            name = formats.weekday(weekday)
            if count > 1:
                yield gettext("%(name)s's rhythm lists %(name2)s %(count)s times as an office day",
                              name=check.name(member_id), name2=name, count=count)
            if weekday not in check.request.rules.workdays:
                yield gettext("%(name)s's rhythm has an office day on %(name2)s, which is not a workday",
                              name=check.name(member_id), name2=name)


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute
