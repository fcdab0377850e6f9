"""Rules on who attends: availability, double booking, and every occurrence accounted for."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from i18n import gettext, ngettext

from ..domain import MeetingRequest, PlacedMeeting
from .check import Check
from .meetings import occurrence
from .week import day_label, overlap, span_label


def attendees_available(check: Check) -> Iterator[str]:
    """Every required attendee works that day, inside their working hours, and is not busy."""
    for meeting in check.plan.meetings:
        for member_id in meeting.attendees:
            # An attendee who is no member is reported by known_meetings.
            if member_id in check.members:
                yield from _unavailable(check, meeting, member_id)


def _unavailable(check: Check, meeting: PlacedMeeting, member_id: str) -> Iterator[str]:
    # The meeting in words only for a message: the date in words is the slow part of a check.
    if check.day_of(meeting.start) in check.calendar(member_id).off_days:
        yield gettext("%(label)s: %(name)s is off that day", label=check.label(meeting),
                      name=check.name(member_id))
        return
    if not check.in_working_hours(member_id, meeting):
        yield gettext("%(label)s: outside %(hours_label)s", label=check.label(meeting),
                      hours_label=check.hours_label(member_id))
    for busy in check.busy(member_id):
        if overlap(meeting, busy):
            yield gettext("%(label)s: %(name)s is busy %(span)s", label=check.label(meeting),
                          name=check.name(member_id), span=span_label(busy, check.zone))


def no_double_booking(check: Check) -> Iterator[str]:
    """No required attendee is in two meetings at once."""
    for member_id in check.members:
        meetings = sorted(check.meetings_of(member_id), key=lambda m: m.start)
        for i, first in enumerate(meetings):
            for second in meetings[i + 1:]:
                if overlap(first, second):
                    yield (gettext("%(name)s is double-booked: %(meeting)s overlaps %(meeting2)s",
                                   name=check.name(member_id), meeting=check.label(first),
                                   meeting2=check.label(second)))


def one_occurrence_per_day(check: Check) -> Iterator[str]:
    """Occurrences 1..per_week x weeks are each placed or explained, on different days."""
    for request in check.request.meetings:
        placed = sorted(
            ((number, meeting)
             for meeting in check.plan.meetings
             if meeting.request == request.id and (number := occurrence(meeting)) is not None),
            key=lambda pair: pair[0],
        )
        yield from _same_day(check, request, [m for _, m in placed])
        yield from _per_week(check, request, [m for _, m in placed])
        yield from _out_of_day_order(check, request, [m for _, m in placed])
        yield from _accounting(check, request, [n for n, _ in placed])


def _same_day(check: Check, request: MeetingRequest, placed: list[PlacedMeeting]) -> Iterator[str]:
    by_day: dict[date, list[str]] = defaultdict(list)
    for meeting in placed:
        by_day[check.day_of(meeting.start)].append(meeting.id)
    for day, ids in sorted(by_day.items()):
        if len(ids) > 1:
            yield gettext("%(join)s (%(title)s) are on the same day, %(day)s", join=' and '.join(ids),
                          title=request.title, day=day_label(day))


def _out_of_day_order(
    check: Check, request: MeetingRequest, placed: list[PlacedMeeting]
) -> Iterator[str]:
    # Occurrences are numbered by day over the whole horizon, so #1 is the earliest placed one.
    for earlier, later in pairwise(placed):
        if check.day_of(later.start) < check.day_of(earlier.start):
            yield (gettext("%(id)s (%(title)s) on %(day)s comes before %(id2)s on %(day2)s: occurrences are"
                           " numbered by day", id=later.id, title=request.title,
                           day=day_label(check.day_of(later.start)), id2=earlier.id,
                           day2=day_label(check.day_of(earlier.start))))


def _accounting(check: Check, request: MeetingRequest, placed: list[int]) -> Iterator[str]:
    unplaced = [u for u in check.plan.unplaced if u.request == request.id]
    counts = Counter(placed + [u.occurrence for u in unplaced])
    name, total = f"({request.title})", request.per_week * check.request.weeks
    for number in range(1, total + 1):
        if counts[number] == 0:
            yield gettext("%(id)s#%(number)s %(name)s is neither placed nor listed as unplaced",
                          id=request.id, number=number, name=name)
        elif counts[number] > 1:
            yield gettext("%(id)s#%(number)s %(name)s appears %(counts)s times", id=request.id,
                          number=number, name=name, counts=counts[number])
    weeks = check.request.weeks
    over = "" if weeks == 1 else " " + gettext("over %(weeks)s weeks", weeks=weeks)
    for number in sorted(n for n in counts if not 1 <= n <= total):
        yield (gettext("%(id)s#%(number)s %(name)s is one too many: it is asked for %(times)s a "
                       "week%(over)s", id=request.id, number=number, name=name,
                       times=_times(request.per_week), over=over))
    for item in unplaced:
        if not item.reason.strip():
            yield gettext("%(id)s#%(occurrence)s %(name)s is listed as unplaced without a reason",
                          id=request.id, occurrence=item.occurrence, name=name)


def _per_week(check: Check, request: MeetingRequest, placed: list[PlacedMeeting]) -> Iterator[str]:
    # Over several weeks the total alone would let one week take another week's occurrences.
    weeks = Counter(check.week_of(check.day_of(m.start)) for m in placed)
    for monday, count in sorted(weeks.items()):
        if count > request.per_week and check.request.weeks > 1:
            yield (gettext("%(id)s (%(title)s) is placed %(count)s times %(week)s; it is asked for "
                           "%(times)s a week", id=request.id, title=request.title, count=count,
                           week=check.in_week(monday), times=_times(request.per_week)))


def _times(count: int) -> str:
    return ngettext("once", "%(num)d times", count)
