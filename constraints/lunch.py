"""Protected lunch: the seeds' daily walk outside, blocked in every calendar."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.objective import Term
from scheduler.model.variables import Variables

from ._shared import at_most_one_at_a_time, slot_items


def protected_lunch(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: one lunch a working day, clear of the member's meetings.

    Busy time was already filtered out of the lunch starts; a day with no start left is
    reported in the plan instead of blocking everything else.
    """
    minutes = v.week.request.rules.lunch.minutes
    for (member_id, day), options in v.lunch.items():
        if not options:
            continue
        model.add_exactly_one(options.values())
        lunches = [(var, (start, start + minutes)) for start, var in options.items()]
        window = (min(options), max(options) + minutes)
        at_most_one_at_a_time(model, lunches + slot_items(v, member_id, day, window))
    return []
