"""Onboarding at the office: a newcomer (`members[].starts` within the last `weeks` weeks)
comes on more of the team's office days, and a buddy from the same team comes on the same
days (the seeds: onboarding at the office matters most)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from scheduler.domain import WEEKDAYS, Weekday

from .domain import OrgRequest, OrgTeam


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
    days: Mapping[str, tuple[Weekday, ...]],
    people: Mapping[str, tuple[Weekday, ...]] | None = None,
    chosen: Mapping[str, str | None] | None = None,
) -> list[Buddying]:
    """Each newcomer's office days (the team's, up to `onboarding.office_days` and the team's
    maximum) and a buddy: a teammate who is no newcomer, in this team only, and can come then.
    In a team the master planned one by one, the newcomer's days and buddy are its own
    (`people`, `chosen`)."""
    new = newcomers(org, team)
    if chosen is not None and new and all(p in chosen for p in new):
        return [Buddying(p, chosen[p], tuple((people or {}).get(p, ()))) for p in new]
    taken: set[str] = set()
    found = []
    rules = team.request.rules.office_days
    for person in new:
        member = team.request.member(person)
        # Their own always days first: they come then anyway, and count towards the maximum.
        always = [d for d in member.office_always if d not in member.office_never]
        wanted = always + [d for d in days[team.name] if d not in member.office_never and d not in always]
        most = max(len(always), min(org.onboarding.office_days, rules.max)) if org.onboarding else 0
        come = tuple(wanted[:most])
        buddy = next(
            (
                m.id
                for m in team.request.members
                if m.id not in new
                and m.id not in taken
                and len(org.teams_of[m.id]) == 1
                and m.id not in team.request.remote
                and not set(come) & set(m.office_never)
                and len(set(m.office_always) | set(come)) <= rules.max
            ),
            None,
        )
        if buddy:
            taken.add(buddy)
        found.append(Buddying(person, buddy, tuple(d for d in WEEKDAYS if d in come)))
    return found
