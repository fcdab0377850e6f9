"""Who and when a report counts over: the members, their workdays and working hours.

A plan alone says who is in it but not the rules; without the request a report assumes the
contract's defaults (Monday to Friday, 09:00-17:00 in the team's zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import WEEKDAYS, Member, Plan, TeamRequest, weekday_of


@dataclass(frozen=True)
class Frame:
    request: TeamRequest
    days: tuple[date, ...]  # every workday over the plan's weeks

    @property
    def members(self) -> tuple[Member, ...]:
        return self.request.members

    def weeks(self) -> tuple[date, ...]:
        return tuple(self.request.week + timedelta(weeks=n) for n in range(self.request.weeks))

    def day_of(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.request.timezone)).date()


def frame_of(plan: Plan, request: TeamRequest | None = None) -> Frame:
    request = request or request_from_plan(plan)
    workdays = set(request.rules.workdays)
    span = [plan.week + timedelta(days=n) for n in range(7 * max(plan.weeks, request.weeks))]
    return Frame(request, tuple(d for d in span if weekday_of(d) in workdays))


def request_from_plan(plan: Plan) -> TeamRequest:
    """A request that says only what the plan says: its people, in the team's zone."""
    people = [(p.id, p.name) for p in plan.members]
    if not people:  # plans from before `members` was written: ids in the order they appear
        ids = dict.fromkeys([*plan.office_days, *(a for m in plan.meetings for a in m.attendees)])
        people = [(i, i) for i in ids]
    members = tuple(Member(id=i, name=n, timezone=plan.timezone) for i, n in people)
    return TeamRequest(team=plan.team, timezone=plan.timezone, week=plan.week, members=members,
                       weeks=plan.weeks)


__all__ = ["WEEKDAYS", "Frame", "frame_of", "request_from_plan"]
