"""Why an organisation's office days cannot be planned, in counts a planner can check: each
reason names the building or team, the day, the people and the desks, and its numbers add up.

Each count is a necessary condition of every plan (people who must come fit the desks; the
office days people need fit the desks or the team's capacity on the days they can come), so
a reason found here is true whatever the master tries; the master refuses with these. They
are written in the language in use (`i18n`: `--lang`, or the planner's on the web); the
names of the contract (`office.always`, `office_days.min`, `office_capacity`, the weekdays'
`mon`..`sun`) stay as the request spells them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from i18n import _
from scheduler.domain import WEEKDAYS, Weekday

from .domain import OrgRequest
from .presence import TeamDays


def why_not(org: OrgRequest, teams: Mapping[str, TeamDays]) -> list[str]:
    """Every count that shows the office days cannot all hold; empty if none does."""
    return must_come_over_desks(org, teams) + team_capacity_short(teams) + desks_short(org, teams)


def must_come_over_desks(org: OrgRequest, teams: Mapping[str, TeamDays]) -> list[str]:
    """People whose calendar or `office.always` puts them at the office take a desk that day,
    and so does the buddy of a newcomer who is always in that day (onboarding)."""
    found = []
    for building in org.buildings:
        for day in WEEKDAYS:
            mine = _in(teams, building.id)
            fixed = Counter({td.team: n for td in mine if (n := _count(td, day, True))})
            buddies = [(td.team, p) for td in mine for p in buddies_needed(org, td, day)]
            if fixed.total() + len(buddies) > building.desks:
                found.append(_(
                    "%(building)s on %(day)s: %(count)d people must be at the office (office.always "
                    "or their calendar: %(teams)s%(buddies)s), more than its %(desks)d desks",
                    building=building.id, day=day, count=fixed.total() + len(buddies),
                    teams=_teams(fixed), buddies=_buddies(buddies), desks=building.desks))
    for td in teams.values():
        for day in td.workdays:
            fixed_here = _count(td, day, True)
            buddies = [(td.team, p) for p in buddies_needed(org, td, day)]
            if td.capacity is not None and fixed_here + len(buddies) > td.capacity:
                detail = f": {fixed_here}{_buddies(buddies)}" if buddies else ""
                found.append(_(
                    "team %(team)s on %(day)s: %(count)d of its people must be at the office "
                    "(office.always or their calendar%(detail)s), more than its office_capacity of "
                    "%(capacity)d", team=td.team, day=day, count=fixed_here + len(buddies), detail=detail,
                    capacity=td.capacity))
    return found


def buddies_needed(org: OrgRequest, td: TeamDays, day: Weekday) -> list[str]:
    """The newcomers of the team who are always in on `day` and whose buddy comes with them
    but is not at the office that day anyway: each such buddy takes one more desk. A buddy is
    a teammate of this team only who is no newcomer, one per newcomer (onboarding.py), so
    teammates already in that day can be the buddies of as many newcomers and no more."""
    from .onboarding import newcomers, own_days

    team = org.team(td.team)
    new = newcomers(org, team)
    always = [
        p
        for p in new
        if len(org.teams_of[p]) == 1
        and td.states.get(p, {}).get(day) is True
        and day in own_days(team, td, p)
    ]
    already = sum(
        1
        for p, states in td.states.items()
        if p not in new and len(org.teams_of[p]) == 1 and states.get(day) is True
    )
    return always[already:]


def team_capacity_short(teams: Mapping[str, TeamDays]) -> list[str]:
    """A team's people need their minimum of office days within its capacity."""
    found = []
    for td in teams.values():
        if td.capacity is None:
            continue
        need = sum(least for least, _most in td.bounds.values())
        days = {d: n for d in td.workdays if (n := _can_come(td, d))}
        holds = {d: min(td.capacity, n) for d, n in days.items()}
        if need > sum(holds.values()):
            found.append(_(
                "team %(team)s (%(building)s): its %(people)d people need %(need)d office days "
                "(office_days.min), its office_capacity of %(capacity)d on the days they can come "
                "holds %(holds)d (%(per_day)s)", team=td.team, building=td.building, people=td.size,
                need=need, capacity=td.capacity, holds=sum(holds.values()), per_day=_per_day(holds)))
    return found


def desks_short(org: OrgRequest, teams: Mapping[str, TeamDays]) -> list[str]:
    """A building's people need their minimum of office days within its desks."""
    found = []
    for building in org.buildings:
        mine = _in(teams, building.id)
        need = sum(least for td in mine for least, _most in td.bounds.values())
        people = sum(td.size for td in mine)
        days = {d: sum(_can_come(td, d) for td in mine if d in td.workdays) for d in WEEKDAYS}
        holds = {d: min(building.desks, n) for d, n in days.items() if n}
        if need > sum(holds.values()):
            found.append(_(
                "%(building)s: its %(people)d people need %(need)d office days (office_days.min), "
                "its %(desks)d desks on the days they can come hold %(holds)d (%(per_day)s)",
                building=building.id, people=people, need=need, desks=building.desks,
                holds=sum(holds.values()), per_day=_per_day(holds)))
    return found


def _in(teams: Mapping[str, TeamDays], building: str) -> list[TeamDays]:
    return [td for td in teams.values() if td.building == building]


def _count(td: TeamDays, day: Weekday, state: bool | None) -> int:
    return sum(1 for states in td.states.values() if states.get(day, False) is state)


def _can_come(td: TeamDays, day: Weekday) -> int:
    return sum(1 for states in td.states.values() if states.get(day, False) is not False)


def _teams(counts: Counter[str]) -> str:
    return ", ".join(f"{t} {n}" for t, n in counts.most_common())


def _buddies(buddies: list[tuple[str, str]]) -> str:
    if not buddies:
        return ""
    names = ", ".join(_("%(person)s of %(team)s", person=p, team=t) for t, p in buddies)
    return _("; the buddies of newcomers always in that day: %(count)d, for %(names)s",
             count=len(buddies), names=names)


def _per_day(holds: Mapping[Weekday, int]) -> str:
    return ", ".join(f"{d} {n}" for d, n in holds.items())
