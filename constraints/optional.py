"""Optional attendees: invited and kept free where possible, never blocking the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def optional_attendees_away(c: Context) -> list[Term]:
    """Objective, fourth priority: each optional attendee who cannot come costs one.

    They cannot come when their calendar is busy (known before solving) or when another
    of their meetings takes the same half hour (counted per slot of overlap).
    """
    from ortools.sat.python import cp_model

    week, slots, v = c.week, c.slots, c.v
    # Built as weighted sums: a Python sum over tens of thousands of terms is what made this
    # rule the slowest part of building a large model.
    costs: list[cp_model.IntVar] = []
    weights: list[int] = []
    span = 0
    for meeting in (m for m in week.request.meetings if m.optional):
        for request_id, day, slot in v.start_keys(meeting.id):
            if week.free_all_day(meeting.optional, day):
                continue
            start, end = slots.span(slot, meeting.minutes)
            busy = sum(1 for o in meeting.optional if not week.free_for(o, day, start, end))
            if busy:
                costs.append(v.start[(request_id, day, slot)])
                weights.append(busy)
                span += busy
    for member_id, day, slot in v.optional_keys():
        meetings = v.taking_indices(member_id, day, slot) + v.optional_indices(member_id, day, slot)
        if len(meetings) < 2:
            continue
        clash = v.new_int(0, len(meetings) - 1, f"optional_clash[{member_id},{day},{slot}]")
        c.sum_at_most(meetings, 1, plus=clash)
        costs.append(clash)
        weights.append(1)
        span += len(meetings) - 1

    return [Term("optional attendees kept free", Tier.OPTIONAL_FREE,
                 -cp_model.LinearExpr.weighted_sum(costs, weights), span)]


keep_optional_attendees_free = Rule("keep_optional_attendees_free", cp_sat=optional_attendees_away)
