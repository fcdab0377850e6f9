"""Rules on the meetings themselves: how many, which days, nobody in two at once."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables


def occurrences_per_week(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: a request is placed at most `per_week` times in each planned week."""
    for meeting in v.week.request.meetings:
        for week in range(v.week.request.weeks):
            days = set(v.week.days_of_week(week))
            starts = [v.start[k] for k in v.start_keys(meeting.id) if k[1] in days]
            model.add(sum(starts) <= meeting.per_week)
    return []


def one_occurrence_per_day(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: each occurrence of a request is on a day of its own."""
    for meeting in v.week.request.meetings:
        for day in v.week.meeting_days:
            model.add_at_most_one(v.starts(meeting.id, day))
    return []


def no_double_booking(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: a required attendee is in at most one meeting per half hour."""
    for key in v.taking_keys():
        held = v.taking_indices(*key)
        if len(held) > 1:  # one meeting alone cannot double-book anyone
            # Straight into the proto: the expression API costs more than the rest of the rule.
            model.proto.constraints.add().at_most_one.literals.extend(held)
    return []


def place_requested_meetings(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Objective, first priority: every placed occurrence counts one."""
    requested = sum(m.per_week for m in v.week.request.meetings) * v.week.request.weeks
    # One flat sum: Python's `sum` nests an expression per start, which every stage's
    # objective then has to unfold again.
    placed = cp_model.LinearExpr.sum(list(v.start.values()))
    return [Term("meetings placed", Tier.MEETINGS_PLACED, placed, requested)]
