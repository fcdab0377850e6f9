"""Focus blocks: planned worker time, preferably at home (seeds: activity-based working)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables

from ._shared import at_most_one_at_a_time, slot_items


def focus_blocks(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: at most one focus block a day and `blocks_per_week` a week, each clear
    of meetings and lunch. Objective: every block placed counts one."""
    rules = v.week.request.rules
    if rules.focus is None:
        return []
    focus_minutes, lunch_minutes = rules.focus.minutes, rules.lunch.minutes
    asked = 0
    for member in v.week.request.members:
        days = range(len(v.week.days))
        for day in days:
            blocks = v.focus_blocks(member.id, day)
            if not blocks:
                continue
            model.add_at_most_one(blocks.values())
            items = [(var, (s, s + focus_minutes)) for s, var in blocks.items()]
            items += [(var, (s, s + lunch_minutes)) for s, var in v.lunches(member.id, day).items()]
            window = (min(blocks), max(blocks) + focus_minutes)
            at_most_one_at_a_time(model, items + slot_items(v, member.id, day, window))
        for week in range(v.week.request.weeks):
            week_blocks = [var for day in v.week.days_of_week(week)
                           for var in v.focus_blocks(member.id, day).values()]
            model.add(sum(week_blocks) <= rules.focus.blocks_per_week)
            asked += rules.focus.blocks_per_week
    return [Term("focus blocks placed", Tier.FOCUS_PLACED, sum(v.focus_vars()), asked)]


def focus_on_home_days(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Soft constraint: a focus block on an office day costs one."""
    penalties = []
    for (member_id, day), blocks in v.focus.items():
        if not blocks:
            continue
        at_office_focus = model.new_bool_var(f"office_focus[{member_id},{day}]")
        model.add(sum(blocks.values()) + v.at_office(member_id, day) <= 1 + at_office_focus)
        penalties.append(at_office_focus)
    return [Term("focus on office days", Tier.PREFERENCES, -sum(penalties), len(penalties))]
