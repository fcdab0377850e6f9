"""Onboarding at the office: a newcomer (`members[].starts` within the last `weeks` weeks)
comes on more of the team's office days, and a buddy from the same team comes on the same
days (the seeds: onboarding at the office matters most)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from scheduler.domain import WEEKDAYS, Weekday

from .domain import OrgRequest, OrgTeam
from .master.rules import can_buddy, day_range
from .presence import TeamDays


@dataclass(frozen=True)
class Buddying:
    newcomer: str
    buddy: str | None  # None: nobody in the team can come on those days
    days: tuple[Weekday, ...]


def newcomers(org: OrgRequest, team: OrgTeam) -> list[str]:
    if org.onboarding is None:
        return []
    since = org.week - timedelta(weeks=org.onboarding.weeks)
    return [
        m.id
        for m in team.request.members
        if org.home_team[m.id] == team.name
        and m.id not in team.request.remote
        and since <= org.starts.get(m.id, since - timedelta(1)) <= org.week + timedelta(days=6)
    ]


def buddies(
    org: OrgRequest,
    team: OrgTeam,
    td: TeamDays,
    days: Mapping[str, tuple[Weekday, ...]],
    people: Mapping[str, tuple[Weekday, ...]] | None = None,
    chosen: Mapping[str, str | None] | None = None,
) -> list[Buddying]:
    """Each newcomer's office days (the team's, up to `onboarding.office_days` and the team's
    maximum) and a buddy: a teammate who is no newcomer, in this team only, and can come then
    (`can_buddy`, as for a team planned one by one: `td.states` holds what `office` and the
    calendar say of each day). In a team the master planned one by one, the newcomer's days
    and buddy are its own (`people`, `chosen`)."""
    new = newcomers(org, team)
    if chosen is not None and new and all(p in chosen for p in new):
        return [Buddying(p, chosen[p], tuple((people or {}).get(p, ()))) for p in new]
    taken: set[str] = set()
    found = []
    rules = team.request.rules.office_days
    for person in new:
        states = td.states.get(person, {})
        # Their own always days first: they come then anyway, and count towards the maximum.
        always = own_days(team, td, person)
        wanted = always + [d for d in days[team.name] if states.get(d) is not False and d not in always]
        most = max(len(always), min(org.onboarding.office_days, rules.max)) if org.onboarding else 0
        come = tuple(wanted[:most])
        buddy = next(
            (
                m
                for m in td.states
                if m not in new
                and m not in taken
                and len(org.teams_of[m]) == 1
                and can_buddy(dict.fromkeys(come, True), td.states[m], len(come), day_range(org, td, m)[1])
            ),
            None,
        )
        if buddy:
            taken.add(buddy)
        found.append(Buddying(person, buddy, tuple(d for d in WEEKDAYS if d in come)))
    return found


def own_days(team: OrgTeam, td: TeamDays, person: str) -> list[Weekday]:
    """The days a newcomer is at the office whatever the team's days: their `office.always`
    days and the days their calendar says they are at the office (the calendar is the fact:
    it beats `always` and `never`, `office_fixed`). Their buddy comes then too. Before, only
    `always` counted: a newcomer whose calendar put them at the office on another day came
    in without their buddy (seen at 100,000 people, refused by the final check)."""
    states = td.states.get(person, {})
    return [d for d in team.request.rules.workdays if states.get(d) is True]
