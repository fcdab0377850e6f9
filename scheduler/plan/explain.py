"""Reasons a person understands for what the plan could not hold.

Each rule words its own obstacle (its reason text, `scheduler.model.rule.Reason`): nobody
works that day, someone's calendar is full, the office cannot have them all, or the free
times went to other meetings. The explainer asks the rules in their order, in three
rounds: whether any rule keeps the meeting out of every plan, then out of this one, and
then, at each time still free, what of this plan is there. People are named as a manager
knows them, by name (`TeamRequest.name_of`), never by request id.
"""

from __future__ import annotations

from collections.abc import Collection

from i18n import gettext
from scheduler.domain import MeetingRequest
from scheduler.model.week import Week
from scheduler.model.why import Why

TIME_RAN_OUT = "no valid time was found within the time limit; a longer --time-limit may place it"


def unplaced_reason(why: Why, meeting: MeetingRequest, days: Collection[int] | None = None) -> str:
    """Why an occurrence of `meeting` is not in the plan, from the first obstacle met;
    with `days`, why it is not on those days (one week of several)."""
    if days is not None:
        why = why.within(sorted(days))
    rules = why.candidates.rules
    for face in [r.reason.always for r in rules] + [r.reason.in_plan for r in rules]:
        if face is not None and (reason := face(why, meeting)):
            return reason
    return _taken_by_plan(why, meeting) or TIME_RAN_OUT


def _taken_by_plan(why: Why, meeting: MeetingRequest) -> str | None:
    """Every free time the attendees share went to something else in this plan; None when
    one is free after all (the search stopped before using it)."""
    checks = [face(why, meeting) for r in why.candidates.rules if (face := r.reason.in_the_way)]
    used_days = {d for d, _ in why.solution.starts[meeting.id]}
    found: dict[str, set[str]] = {}  # what is in the way -> the names it gives
    for day, slot in why.candidates.meeting_starts(meeting):
        if day in used_days:
            continue
        obstacles = [obstacle for check in checks if (obstacle := check(day, slot))]
        if not obstacles:
            return None
        for obstacle in obstacles:
            found.setdefault(obstacle.what, set()).update(obstacle.names)
    if not found:
        return None
    named = [f"{what} ({', '.join(sorted(names))})" for what, names in sorted(found.items()) if names]
    who = why.request.names_of(meeting.attendees)
    either = " " + gettext("or") + " "
    return gettext("every free %(minutes)d-minute time %(who)s share is taken by %(what)s",
                   minutes=meeting.minutes, who=who,
                   what=either.join(named + sorted(what for what, names in found.items() if not names)))


def missing_lunch_reason(week: Week, member_id: str) -> str:
    lunch = week.request.rules.lunch
    return gettext("%(name)s is busy all through the lunch window %(start)s-%(end)s: no %(minutes)d free "
                   "minutes", name=week.request.name_of(member_id), start=f"{lunch.start:%H:%M}",
                   end=f"{lunch.end:%H:%M}", minutes=lunch.minutes)


def missing_focus_reason(static_days: int, placed: int, name: str, minutes: int) -> str:
    if static_days <= placed:
        return gettext("%(name)s's calendar leaves %(minutes)d free minutes in a row inside working hours on "
                       "only %(days)d day(s)", name=name, minutes=minutes, days=static_days)
    return gettext("meetings and lunch leave %(name)s %(minutes)d free minutes in a row on only %(days)d "
                   "day(s)", name=name, minutes=minutes, days=placed)
