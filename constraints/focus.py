"""Focus blocks: planned worker time, preferably at home (seeds: activity-based working)."""

from __future__ import annotations

from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule

from ._shared import at_most_one_at_a_time, slot_items


def blocks_clear_of_meetings_and_lunch(c: Context) -> list[Term]:
    """Hard constraint: at most one focus block a day and `blocks_per_week` a week, each clear
    of meetings and lunch. Objective: every block placed counts one."""
    if c.rules.focus is None:
        return []
    focus_minutes, lunch_minutes = c.rules.focus.minutes, c.rules.lunch.minutes
    asked = 0
    for member in c.members:
        for day in c.days:
            blocks = c.v.focus_blocks(member.id, day)
            if not blocks:
                continue
            c.model.add_at_most_one(blocks.values())
            items = [(var, (s, s + focus_minutes)) for s, var in blocks.items()]
            items += [(var, (s, s + lunch_minutes)) for s, var in c.v.lunches(member.id, day).items()]
            window = (min(blocks), max(blocks) + focus_minutes)
            at_most_one_at_a_time(c.model, items + slot_items(c.v, member.id, day, window))
        for week in c.weeks:
            week_blocks = [var for day in c.week.days_of_week(week)
                           for var in c.v.focus_blocks(member.id, day).values()]
            c.model.add(sum(week_blocks) <= c.rules.focus.blocks_per_week)
            asked += c.rules.focus.blocks_per_week
    return [Term("focus blocks placed", Tier.FOCUS_PLACED, sum(c.v.focus_vars()), asked)]


def focus_at_the_office(c: Context) -> list[Term]:
    """Soft constraint: a focus block on an office day costs one."""
    penalties = []
    for (member_id, day), blocks in c.v.focus.items():
        if not blocks:
            continue
        at_office_focus = c.v.new_bool(f"office_focus[{member_id},{day}]")
        c.model.add(sum(blocks.values()) + c.v.at_office(member_id, day) <= 1 + at_office_focus)
        penalties.append(at_office_focus)
    return [Term("focus on office days", Tier.PREFERENCES, -sum(penalties), len(penalties))]


focus_blocks = Rule("focus_blocks", cp_sat=blocks_clear_of_meetings_and_lunch)
focus_on_home_days = Rule("focus_on_home_days", cp_sat=focus_at_the_office)
