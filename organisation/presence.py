"""Who of a team can be at its building on each weekday: what the master problem counts.

Only a person's home team counts them, so a person in two teams takes one desk. A day the
calendar or `office.always` fixes at the office counts whatever days the team gets; a day
the member is off, stated home or `never` does not count at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scheduler.domain import CalendarFacts, Weekday, weekday_of
from scheduler.model.candidates import office_bounds, office_fixed
from scheduler.model.week import Week

from .domain import OrgRequest, OrgTeam


@dataclass(frozen=True)
class TeamDays:
    team: str
    building: str
    workdays: tuple[Weekday, ...]
    free: Mapping[Weekday, int]  # home members who come if the team gets the day
    fixed: Mapping[Weekday, int]  # home members at the office that day in any case
    min_days: int  # office days the team must get (its office_days.min, or fewer if few are possible)
    max_days: int
    capacity: int | None  # the team's own office_capacity
    meetingless: tuple[Weekday, ...]
    # Per home member: each workday's state (True: at the office in any case, False: cannot
    # come, None: ours to choose) and their (least, most) office days after calendar facts.
    states: Mapping[str, Mapping[Weekday, bool | None]] = field(default_factory=dict)
    bounds: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    guests: tuple[str, ...] = ()  # members from another home team in this building

    @property
    def size(self) -> int:
        return len(self.states)

    def most(self, day: Weekday) -> int:
        """The most of the team's home members at the office on `day` if the team gets it."""
        present = self.free.get(day, 0) + self.fixed.get(day, 0)
        return present if self.capacity is None else min(present, self.capacity)

    def possible(self) -> tuple[Weekday, ...]:
        return tuple(d for d in self.workdays if self.free.get(d, 0) > 0)


def team_days(org: OrgRequest, team: OrgTeam, facts: Mapping[str, CalendarFacts]) -> TeamDays:
    request = team.request
    week = Week(request, facts)
    free: dict[Weekday, int] = {}
    fixed: dict[Weekday, int] = {}
    home = [m.id for m in request.members if org.home_team[m.id] == team.name and m.id not in request.remote]
    states: dict[str, dict[Weekday, bool | None]] = {m: {} for m in home}
    for index, day in enumerate(week.days):
        weekday = weekday_of(day)
        if weekday not in request.rules.workdays:
            continue
        for member in home:
            states[member][weekday] = office_fixed(week, member, index)
        free[weekday] = sum(1 for m in home if states[m][weekday] is None)
        fixed[weekday] = sum(1 for m in home if states[m][weekday] is True)
    guests = tuple(
        m.id
        for m in request.members
        if org.home_team[m.id] != team.name
        and m.id not in request.remote
        and org.building_of(m.id) == team.building
    )
    rules = request.rules
    possible = sum(1 for d in rules.workdays if free.get(d, 0) > 0)
    return TeamDays(
        team=team.name,
        building=team.building,
        workdays=rules.workdays,
        free=free,
        fixed=fixed,
        min_days=min(rules.office_days.min, possible),
        max_days=min(rules.office_days.max, possible),
        capacity=rules.office_capacity,
        meetingless=rules.meetingless_days,
        states=states,
        bounds={m: office_bounds(week, m) for m in home},
        guests=guests,
    )
