"""Rules on who is at the office when, and what that means for the meetings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from i18n import gettext, ngettext

from ..domain import Location, Member, PlacedWhere, Where, weekday_of
from .check import Check
from .week import day_label, weekday_name


def fixed_place(check: Check, member: Member, day: date) -> Location | None:
    """`fixed_location` without the words, for rules that only compare (the words, with
    their weekday in the user's language, cost more than the rest of the check)."""
    stated = check.location(member.id, day)
    if stated is not None:
        return stated
    if weekday_of(day) in member.office_never:
        return "home"
    if weekday_of(day) in member.office_always:
        return "office"
    return None


def fixed_location(check: Check, member: Member, day: date) -> tuple[Location, str] | None:
    """Where something other than the plan puts the member that day, and why in words.

    The calendar is the fact, so a stated location beats the request's never/always; and
    never beats always, as the solver reads them.
    """
    stated, name = check.location(member.id, day), check.name(member.id)
    if stated is not None:
        return stated, gettext("%(name)s's calendar says %(stated)s", name=name, stated=stated)
    if weekday_of(day) in member.office_never:
        return "home", gettext("%(name)s never comes in on %(weekday)ss", name=name,
                               weekday=weekday_name(day))
    if weekday_of(day) in member.office_always:
        return "office", gettext("%(name)s always comes in on %(weekday)ss", name=name,
                                 weekday=weekday_name(day))
    return None


def office_days_per_member(check: Check) -> Iterator[str]:
    """Each member is at the office on min..max available days a week, as never/always say."""
    for member_id in check.plan.office_days:
        if member_id not in check.members:
            yield gettext("office days are listed for '%(member_id)s', who is not a team member",
                          member_id=member_id)
    for member in check.request.members:
        listed = check.plan.office_days.get(member.id, ())
        for day, times in sorted(Counter(listed).items()):
            if times > 1:
                yield gettext("%(name)s has %(day)s listed %(times)s times as an office day",
                              name=check.name(member.id), day=day_label(day), times=times)
        yield from _office_day_problems(check, member, set(listed))
        yield from _office_day_count(check, member, set(listed))


def _office_day_problems(check: Check, member: Member, listed: set[date]) -> Iterator[str]:
    for day in sorted(listed):
        reason = check.why_not_working(member.id, day)
        if reason:
            yield gettext("%(name)s is at the office on %(day)s: %(reason)s", name=check.name(member.id),
                          day=day_label(day), reason=reason)
        elif fixed_place(check, member, day) == "home" and (fixed := fixed_location(check, member, day)):
            yield gettext("%(name)s is at the office on %(day)s, but %(fixed)s", name=check.name(member.id),
                          day=day_label(day), fixed=fixed[1])
    for day in check.days:
        if (fixed_place(check, member, day) == "office" and day not in listed and check.works(member.id, day)
                and (fixed := fixed_location(check, member, day))):
            yield gettext("%(name)s is not at the office on %(day)s, but %(fixed)s",
                          name=check.name(member.id), day=day_label(day), fixed=fixed[1])


def _office_day_count(check: Check, member: Member, listed: set[date]) -> Iterator[str]:
    for monday in check.weeks:
        yield from _office_week_count(check, member, listed, monday)


def _office_week_count(
    check: Check, member: Member, listed: set[date], monday: date
) -> Iterator[str]:
    rules = check.request.rules.office_days  # min and max are per week
    days = [d for d in check.days if check.week_of(d) == monday]
    available = [d for d in days if check.works(member.id, d)]
    fixed = [fixed_place(check, member, d) for d in available]
    possible = sum(1 for f in fixed if f is None or f == "office")
    forced = sum(1 for f in fixed if f == "office")
    # Fewer possible days lower the minimum, more forced days raise the maximum: a rule
    # never overrules what the calendar says has happened.
    low, high = min(rules.min, possible), max(rules.max, forced)
    count = len(listed & set(available))
    if not low <= count <= high:
        wanted = f"{low}" if low == high else gettext("%(low)s to %(high)s", low=low, high=high)
        yield (gettext("%(name)s is at the office %(count)s day(s) %(week)s; the rules ask for %(wanted)s",
                       name=check.name(member.id), count=count, week=check.in_week(monday), wanted=wanted))


def office_capacity(check: Check) -> Iterator[str]:
    """No more members at the office on any day than the office holds."""
    capacity = check.request.rules.office_capacity
    if capacity is None:
        return
    for day, count in sorted(office_counts(check).items()):
        if count > capacity:
            yield gettext("%(count)s members are at the office on %(day)s; it holds %(capacity)s",
                          count=count, day=day_label(day), capacity=capacity)


def office_counts(check: Check) -> Counter[date]:
    """How many members the plan puts at the office, per day."""
    return Counter(day for days in check.plan.office_days.values() for day in set(days))


def office_meetings(check: Check) -> Iterator[str]:
    """Office meetings are on days all but remote attendees are in; each says where it is."""
    for meeting in check.plan.meetings:
        request = check.requests.get(meeting.request)
        if request is None:
            continue
        day = check.day_of(meeting.start)
        away = sorted(a for a in meeting.attendees if not check.at_office(a, day))
        missing = [a for a in away if a not in check.request.remote]
        if request.where == "office" and missing:
            yield ngettext("%(meeting)s: %(names)s is not at the office",
                           "%(meeting)s: %(names)s are not at the office", len(missing),
                           meeting=check.label(meeting), names=check.request.names_of(missing))
            continue  # where it happens follows from presence, which is already wrong
        expected, why = _where(request.where, len(away), len(meeting.attendees))
        if meeting.where != expected:
            yield gettext("%(meeting)s: marked %(where)s, should be %(expected)s (%(why)s)",
                          meeting=check.label(meeting), where=meeting.where, expected=expected, why=why)


def _where(asked: Where, away: int, attendees: int) -> tuple[PlacedWhere, str]:
    """How a meeting happens, and why in words."""
    if asked == "online":
        return "online", gettext("asked for online")
    if asked == "office" and 0 < away < attendees:
        return "hybrid", gettext("asked for at the office, with remote members joining from afar")
    if away == 0:
        return "office", gettext("all required attendees are at the office")
    if away == attendees:
        return "online", gettext("no required attendee is at the office")
    return "hybrid", gettext("some required attendees are at the office")
