"""The weeks that do not keep the rhythm: each difference is an exception, with its reason.

For a recurring meeting, each pattern slot in each week is either kept (an occurrence
starts at that weekday and local time) or has exactly one exception: `moved` to the start
of an occurrence off the rhythm that week, or `skipped`. Every occurrence off the rhythm
is where exactly one exception moved it. For a member, a week whose office weekdays differ
from the rhythm's has exactly one `office` exception listing that week's office days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from i18n import gettext

from ..domain import WEEKDAYS, Interval, MeetingRequest, PatternException, PlacedMeeting, Rhythm, weekday_of
from .check import Check
from .rhythm import slot_time
from .week import clock, day_label, overlap

Claimed = set[int]  # indices into plan.exceptions that a slot or member-week accounts for


def rhythm_exceptions(check: Check) -> Iterator[str]:
    """Every week that breaks the rhythm lists exactly one exception per change, with a reason."""
    rhythm, exceptions = check.plan.rhythm, check.plan.exceptions
    if check.request.weeks == 1:
        for item in exceptions:
            yield gettext("%(describe)s: a one-week plan has no rhythm to make exceptions to",
                          describe=_describe(check, item))
        return
    if rhythm is None:
        return  # rhythm_pattern names the missing rhythm; there is nothing to compare with
    claimed: Claimed = set()
    for monday in check.weeks:
        for request in check.request.meetings:
            if request.recurring:
                yield from _meeting_week(check, rhythm, request, monday, claimed)
        for member_id in check.members:
            yield from _office_week(check, rhythm, member_id, monday, claimed)
    for index, item in enumerate(exceptions):
        if index not in claimed:
            yield gettext("%(describe)s: %(why_unmatched)s", describe=_describe(check, item),
                          why_unmatched=_why_unmatched(check, rhythm, item))


def _meeting_week(
    check: Check, rhythm: Rhythm, request: MeetingRequest, monday: date, claimed: Claimed
) -> Iterator[str]:
    held = [m for m in check.plan.meetings
            if m.request == request.id and check.week_of(check.day_of(m.start)) == monday]
    originals = [slot_time(check, monday, s) for s in rhythm.meetings if s.request == request.id]
    unexplained: list[str] = []
    moved: list[tuple[str, PatternException]] = []
    for original in originals:
        label = f"{request.id} ({request.title}) on {_at(check, original)}"
        found = [i for i, e in enumerate(check.plan.exceptions) if e.kind != "office"
                 and (e.request, e.week, e.original) == (request.id, monday, original)]
        claimed.update(found)
        kept = any(m.start == original for m in held)
        if kept and found:
            yield gettext("%(label)s keeps the rhythm, yet is listed as %(kind)s", label=label,
                          kind=check.plan.exceptions[found[0]].kind)
        elif not kept and not found:
            unexplained.append(label)
        elif len(found) > 1:
            yield gettext("%(label)s is listed %(count)s times as an exception", label=label,
                          count=len(found))
        elif found:
            item = check.plan.exceptions[found[0]]
            if not item.reason.strip():
                yield gettext("%(label)s is listed as %(kind)s without a reason", label=label,
                              kind=item.kind)
            yield from _forced_claim(check, request, original, item, label)
            if item.kind == "moved":
                moved.append((label, item))
            elif item.moved_to is not None:
                yield gettext("%(label)s is listed as skipped, yet also as moved to %(at)s", label=label,
                              at=_at(check, item.moved_to))
    off = [m for m in held if m.start not in originals]
    yield from _pair_moves(check, unexplained, moved, off)


def _forced_claim(check: Check, request: MeetingRequest, original: datetime,
                  item: PatternException, label: str) -> Iterator[str]:
    """An exception says truly whether the calendars forced it: the count of those that were
    not is what tells a manager how well the rhythm was kept where it could be."""
    ruled_out = calendars_rule_out(check, request, original)
    if item.forced_by_calendar and ruled_out is None:
        yield gettext("%(label)s is listed as forced by the calendars, yet they leave that time free",
                      label=label)
    elif ruled_out is not None and not item.forced_by_calendar:
        yield gettext("%(label)s: %(ruled_out)s, yet the exception does not say the calendars forced it",
                      label=label, ruled_out=ruled_out)


def calendars_rule_out(check: Check, request: MeetingRequest, start: datetime) -> str | None:
    """Why the calendars and the team's rules alone leave no room for `request` at `start`
    that week, whatever else is planned; None when they leave it free."""
    day = check.day_of(start)
    rules = check.request.rules
    if weekday_of(day) not in rules.workdays or weekday_of(day) in rules.meetingless_days:
        return gettext("%(day)s is not a meeting day", day=day_label(day))
    span = Interval(start, start + timedelta(minutes=request.minutes))
    for a in request.attendees:
        if not check.works(a, day):
            return gettext("%(name)s is off on %(day)s", name=check.name(a), day=day_label(day))
        if any(overlap(span, b) for b in check.busy(a)):
            return gettext("%(name)s is busy then", name=check.name(a))
        if not check.in_working_hours(a, span):
            return gettext("it is outside %(hours_label)s", hours_label=check.hours_label(a))
    if request.where == "office":
        for a in check.request.in_person(request):
            location = check.location(a, day)
            if location == "home" or (location is None and weekday_of(day) in check.members[a].office_never):
                return gettext("%(name)s cannot be at the office on %(day)s", name=check.name(a),
                               day=day_label(day))
    return None


def _pair_moves(
    check: Check, unexplained: list[str], moved: list[tuple[str, PatternException]],
    off: list[PlacedMeeting],
) -> Iterator[str]:
    """Match moved exceptions to the week's occurrences off the rhythm, one each way."""
    free, wrong = list(off), []
    for label, item in moved:
        target = next((m for m in free if m.start == item.moved_to), None)
        if target is None:
            wrong.append((label, item))
        else:
            free.remove(target)
    # A wrong moved_to and an unclaimed occurrence are usually one mistake: say it once.
    for label, item in wrong:
        to = "moved without a time" if item.moved_to is None else f"moved to {_at(check, item.moved_to)}"
        if free:
            yield (gettext("%(label)s is listed as %(to)s, but the occurrence off the rhythm that week is "
                           "%(meeting)s", label=label, to=to, meeting=check.label(free.pop(0))))
        else:
            yield gettext("%(label)s is listed as %(to)s, but no occurrence of it is there that week",
                          label=label, to=to)
    for label in unexplained:
        if free:
            yield (gettext("%(label)s: not held at its rhythm slot, and %(meeting)s is off the rhythm, but "
                           "no exception says it moved", label=label, meeting=check.label(free.pop(0))))
        else:
            yield gettext("%(label)s: not held at its rhythm slot, and no exception says moved or skipped",
                          label=label)
    for meeting in free:
        yield gettext("%(meeting)s is off the rhythm, and no exception moved it there",
                      meeting=check.label(meeting))


def _office_week(
    check: Check, rhythm: Rhythm, member_id: str, monday: date, claimed: Claimed
) -> Iterator[str]:
    actual = sorted(d for d in set(check.plan.office_days.get(member_id, ()))
                    if check.week_of(d) == monday)
    usual = set(rhythm.office_days.get(member_id, ()))
    found = [i for i, e in enumerate(check.plan.exceptions)
             if e.kind == "office" and (e.member, e.week) == (member_id, monday)]
    claimed.update(found)
    label = f"{check.name(member_id)}'s office days in the week of {day_label(monday)}"
    if {weekday_of(d) for d in actual} == usual:
        if found:
            yield gettext("%(label)s keep the rhythm, yet are listed as an exception", label=label)
        return
    if not found:
        weekdays = ", ".join(w.capitalize() for w in sorted(usual, key=WEEKDAYS.index)) or "none"
        yield (gettext("%(label)s (%(days)s) differ from the rhythm (%(weekdays)s), and no exception says "
                       "why", label=label, days=_days(actual), weekdays=weekdays))
    elif len(found) > 1:
        yield gettext("%(label)s are listed %(count)s times as an exception", label=label, count=len(found))
    else:
        item = check.plan.exceptions[found[0]]
        if set(item.office_days) != set(actual):
            yield gettext("%(label)s: the exception says %(days)s, the plan %(days2)s", label=label,
                          days=_days(item.office_days), days2=_days(actual))
        if not item.reason.strip():
            yield gettext("%(label)s differ from the rhythm, and the exception gives no reason",
                          label=label)


def _why_unmatched(check: Check, rhythm: Rhythm, item: PatternException) -> str:
    if item.week not in check.weeks:
        return gettext("that is not the Monday of a planned week")
    if item.kind == "office":
        return gettext("'%(member)s' is not a team member", member=item.member)
    request = check.requests.get(item.request or "")
    if request is None:
        return gettext("no meeting '%(request)s' was requested", request=item.request)
    if not request.recurring:
        return gettext("%(title)s is a one-off (recurring: false): it has no rhythm to leave",
                       title=request.title)
    slots = [_at(check, slot_time(check, item.week, s))
             for s in rhythm.meetings if s.request == request.id]
    if not slots:
        return gettext("the rhythm has no slot for %(title)s to leave", title=request.title)
    return gettext("its original time is none of the rhythm's slots that week (%(join)s)",
                   join=', '.join(slots))


def _describe(check: Check, item: PatternException) -> str:
    """'the moved exception for sync in the week of Mon 7 Dec'."""
    whose = check.name(item.member or "") if item.kind == "office" else item.request
    return gettext("the %(kind)s exception for %(whose)s in the week of %(day)s", kind=item.kind,
                   whose=whose, day=day_label(item.week))


def _at(check: Check, moment: datetime) -> str:
    return gettext("%(day)s %(time)s", day=day_label(check.day_of(moment)), time=clock(moment, check.zone))


def _days(days: tuple[date, ...] | list[date]) -> str:
    return ", ".join(day_label(d) for d in sorted(days)) or "none"
