"""Contradictions between rules and calendars, found before solving and said in words."""

from __future__ import annotations

from scheduler.model.candidates import office_bounds, office_fixed
from scheduler.model.week import Week


def contradictions(week: Week) -> list[str]:
    return forced_office_over_capacity(week) + office_minimums_over_capacity(week)


def forced_office_over_capacity(week: Week) -> list[str]:
    """Members whose calendars or `always` days put them in cannot exceed the capacity."""
    capacity = week.request.rules.office_capacity
    if capacity is None:
        return []
    problems = []
    for day, date in enumerate(week.days):
        forced = [m.id for m in week.request.members if office_fixed(week, m.id, day) is True]
        if len(forced) > capacity:
            problems.append(
                f"rules.office_capacity: {len(forced)} members must be at the office on "
                f"{date:%a %d %b} ({week.request.names_of(forced)}: office.always or their calendar), "
                f"more than the capacity of {capacity}"
            )
    return problems


def office_minimums_over_capacity(week: Week) -> list[str]:
    """The office must hold every member's minimum number of office days over the week."""
    capacity = week.request.rules.office_capacity
    if capacity is None:
        return []
    members = week.request.members
    problems = []
    for index in range(week.request.weeks):
        needed = sum(office_bounds(week, m.id, index)[0] for m in members)
        days = len(week.days_of_week(index))
        if needed > days * capacity:
            problems.append(
                f"rules.office_capacity: {len(members)} members need {needed} office days in the "
                f"week of {week.monday(index):%d %b} (office_days.min), but a capacity of "
                f"{capacity} over {days} days gives {days * capacity}"
            )
    return problems
