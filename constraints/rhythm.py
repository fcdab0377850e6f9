"""A weekly rhythm that holds over several weeks (seeds: the repeating team week).

Each recurring meeting chooses weekly slots (a weekday and a time) and each member weekly
office days; a week keeps the pattern where its plan matches it. Weeks that cannot are
the plan's exceptions. Only used when the request plans more than one week.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from scheduler.domain import weekday_of
from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables


def keep_meeting_rhythm(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Objective, first priority over several weeks: an occurrence held at its request's
    weekly slot counts once per required attendee (member-weeks kept)."""
    if v.week.request.weeks < 2:
        return []
    kept_terms, span = [], 0
    for meeting in v.week.request.meetings:
        if not meeting.recurring:
            continue
        by_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for key in v.start_keys(meeting.id):
            by_slot[(weekday_of(v.week.days[key[1]]), key[2])].append(v.start[key])
        for (weekday, slot), starts in by_slot.items():
            chosen = model.new_bool_var(f"pattern[{meeting.id},{weekday},{slot}]")
            v.pattern[(meeting.id, weekday, slot)] = chosen
            for start in starts:
                kept = model.new_bool_var(f"kept[{meeting.id},{weekday},{slot}]")
                model.add_implication(kept, chosen)
                model.add_implication(kept, start)
                kept_terms.append(len(meeting.attendees) * kept)
        _at_most_per_week_and_one_a_day(model, v, meeting.id, meeting.per_week)
        _no_more_occurrences_than_slots(model, v, meeting.id)
        span += len(meeting.attendees) * meeting.per_week * v.week.request.weeks
    return [Term("meeting rhythm kept", Tier.RHYTHM_KEPT, sum(kept_terms), span)]


def keep_office_rhythm(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Objective, first priority over several weeks: a member-week whose office days are the
    member's weekly office days counts one."""
    if v.week.request.weeks < 2:
        return []
    matches = []
    for member in v.week.request.members:
        for weekday in v.week.request.rules.workdays:
            v.office_pattern[(member.id, weekday)] = model.new_bool_var(
                f"office_pattern[{member.id},{weekday}]")
        for week in range(v.week.request.weeks):
            match = model.new_bool_var(f"office_rhythm[{member.id},{week}]")
            for day in v.week.days_of_week(week):
                usual = v.office_pattern[(member.id, weekday_of(v.week.days[day]))]
                present = v.at_office(member.id, day)
                model.add(present - usual <= 1 - match)
                model.add(usual - present <= 1 - match)
            matches.append(match)
    return [Term("office rhythm kept", Tier.RHYTHM_KEPT, sum(matches), len(matches))]


def _at_most_per_week_and_one_a_day(
    model: cp_model.CpModel, v: Variables, request_id: str, per_week: int
) -> None:
    slots = [(weekday, var) for (r, weekday, _), var in v.pattern.items() if r == request_id]
    model.add(sum(var for _, var in slots) <= per_week)
    for weekday in sorted({w for w, _ in slots}):
        model.add_at_most_one(var for w, var in slots if w == weekday)


def _no_more_occurrences_than_slots(model: cp_model.CpModel, v: Variables, request_id: str) -> None:
    """In any week, every occurrence off the pattern stands in for a pattern slot it lost:
    so each exception is a move from a slot (or a skip), never an unexplained extra."""
    slots = [var for (r, _, _), var in v.pattern.items() if r == request_id]
    for week in range(v.week.request.weeks):
        days = set(v.week.days_of_week(week))
        starts = [v.start[k] for k in v.start_keys(request_id) if k[1] in days]
        model.add(sum(starts) <= sum(slots))
