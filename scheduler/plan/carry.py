"""Last week's plan carried on to the next week, to re-plan from: a new week of the weekly
cycle is a calm re-plan of the team's rhythm, so what the calendars do not force stays at its
weekday and time. Times move by a week of wall-clock time in the team's zone, so a meeting at
10:00 stays at 10:00 across a change to or from summer time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Plan


def carried(plan: Plan, weeks: int = 1) -> Plan:
    """`plan` as the plan in use of the week `weeks` later: its blocks at the same weekdays
    and local times, and its metrics (the format needs them; a re-plan counts its own), nothing
    else about how it was made (reasons, changes, calendar warnings)."""
    zone, by = ZoneInfo(plan.timezone), timedelta(weeks=weeks)

    def later(moment: datetime) -> datetime:
        local = moment.astimezone(zone).replace(tzinfo=None) + by
        return local.replace(tzinfo=zone)

    return Plan(
        team=plan.team, week=plan.week + by, timezone=plan.timezone, status=plan.status,
        meetings=tuple(replace(m, start=later(m.start), end=later(m.end)) for m in plan.meetings),
        lunches=tuple(replace(b, start=later(b.start), end=later(b.end)) for b in plan.lunches),
        focus=tuple(replace(b, start=later(b.start), end=later(b.end)) for b in plan.focus),
        office_days={member: tuple(day + by for day in days) for member, days in plan.office_days.items()},
        members=plan.members, metrics=plan.metrics,
    )
