"""A weekly rhythm that holds over several weeks (seeds: the repeating team week).

Each recurring meeting chooses weekly slots (a weekday and a time) and each member weekly
office days; a week keeps the pattern where its plan matches it. Weeks that cannot are
the plan's exceptions. Only used when the request plans more than one week.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from scheduler.domain import Weekday, weekday_of
from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def meeting_member_weeks_kept(c: Context) -> list[Term]:
    """Objective, first priority over several weeks: an occurrence held at its request's
    weekly slot counts once per required attendee (member-weeks kept)."""
    if c.request.weeks < 2:
        return []
    kept_terms, span = [], 0
    for meeting in c.meetings:
        if not meeting.recurring:
            continue
        by_slot: dict[tuple[Weekday, int], list[cp_model.IntVar]] = defaultdict(list)
        for key in c.v.start_keys(meeting.id):
            by_slot[(weekday_of(c.week.days[key[1]]), key[2])].append(c.v.start[key])
        for (weekday, slot), starts in by_slot.items():
            chosen = c.v.meeting_pattern(meeting.id, weekday, slot)
            for start in starts:
                kept = c.v.new_bool(f"kept[{meeting.id},{weekday},{slot}]")
                c.model.add_implication(kept, chosen)
                c.model.add_implication(kept, start)
                kept_terms.append(len(meeting.attendees) * kept)
        slots = [(weekday, c.v.meeting_pattern(meeting.id, weekday, slot)) for weekday, slot in by_slot]
        _at_most_per_week_and_one_a_day(c, slots, meeting.per_week)
        _no_more_occurrences_than_slots(c, meeting.id, [var for _, var in slots])
        span += len(meeting.attendees) * meeting.per_week * c.request.weeks
    return [Term("meeting rhythm kept", Tier.RHYTHM_KEPT, sum(kept_terms), span)]


def office_member_weeks_kept(c: Context) -> list[Term]:
    """Objective, first priority over several weeks: a member-week whose office days are the
    member's weekly office days counts one."""
    if c.request.weeks < 2:
        return []
    matches = []
    for member in c.members:
        for weekday in c.rules.workdays:  # made first, so their indices come before the matches
            c.v.office_pattern(member.id, weekday)
        for week in c.weeks:
            match = c.v.new_bool(f"office_rhythm[{member.id},{week}]")
            for day in c.week.days_of_week(week):
                usual = c.v.office_pattern(member.id, weekday_of(c.week.days[day]))
                present = c.v.at_office(member.id, day)
                c.model.add(present - usual <= 1 - match)
                c.model.add(usual - present <= 1 - match)
            matches.append(match)
    return [Term("office rhythm kept", Tier.RHYTHM_KEPT, sum(matches), len(matches))]


def _at_most_per_week_and_one_a_day(
    c: Context, slots: list[tuple[Weekday, cp_model.IntVar]], per_week: int
) -> None:
    c.model.add(sum(var for _, var in slots) <= per_week)
    for weekday in sorted({w for w, _ in slots}):
        c.model.add_at_most_one(var for w, var in slots if w == weekday)


def _no_more_occurrences_than_slots(c: Context, request_id: str, slots: list[cp_model.IntVar]) -> None:
    """In any week, every occurrence off the pattern stands in for a pattern slot it lost:
    so each exception is a move from a slot (or a skip), never an unexplained extra."""
    for week in c.weeks:
        days = set(c.week.days_of_week(week))
        starts = [c.v.start[k] for k in c.v.start_keys(request_id) if k[1] in days]
        c.model.add(sum(starts) <= sum(slots))


keep_meeting_rhythm = Rule("keep_meeting_rhythm", cp_sat=meeting_member_weeks_kept)
keep_office_rhythm = Rule("keep_office_rhythm", cp_sat=office_member_weeks_kept)
