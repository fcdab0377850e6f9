"""Turning the master's office weekdays into each team's own v1 request: per member
`office.never` (and for people in several teams `office.always`), so the team solve stays
the core's `plan_week` with the core's rules, and the request it solved can be checked with
`rhythm check` like any other.

A person in several teams comes on their home team's days; another team in the same building
sees them there, one in another building has them join remotely.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scheduler.domain import WEEKDAYS, Weekday

from .domain import OrgRequest, OrgTeam
from .onboarding import buddies
from .presence import TeamDays


def restricted_document(
    org: OrgRequest,
    team: OrgTeam,
    td: TeamDays,
    days: Mapping[str, tuple[Weekday, ...]],
    people: Mapping[str, tuple[Weekday, ...]] | None = None,
    chosen: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """`td`: what the team's calendars and `office` say of each day (`presence.team_days`);
    `people`: the office days of those the master planned one by one (split teams and
    people in two teams); `chosen`: the buddies it chose for a split team's newcomers."""
    people = people or {}
    # Only each member's `office` is replaced: a copy of the members, not of the whole document
    # (a deep copy of 830 teams' documents took 8 of the run's seconds at 10,000 people).
    document = {**team.document, "members": [dict(raw) for raw in team.document["members"]]}
    workdays = team.request.rules.workdays
    onboarding = {
        p: b.days for b in buddies(org, team, td, days, people, chosen) for p in (b.newcomer, b.buddy) if p
    }
    for raw in document["members"]:
        member = team.request.member(raw["id"])
        if member.id in team.request.remote:
            continue
        if org.building_of(member.id) != team.building and len(org.teams_of[member.id]) > 1:
            raw["office"] = {"never": list(workdays), "always": []}
        elif member.id in people:
            come = set(people[member.id]) & set(workdays)
            raw["office"] = {"never": _ordered(set(workdays) - come), "always": _ordered(come)}
        elif len(org.teams_of[member.id]) == 1:
            never = set(member.office_never) | (
                set(workdays) - set(days[team.name]) - set(member.office_always)
            )
            always = set(member.office_always) | set(onboarding.get(member.id, ()))
            raw["office"] = {"never": _ordered(never - always), "always": _ordered(always)}
        elif org.building_of(member.id) != team.building:
            raw["office"] = {"never": list(workdays), "always": []}
        else:
            come = set(person_days(org, member.id, days)) & set(workdays)
            raw["office"] = {"never": _ordered(set(workdays) - come), "always": _ordered(come)}
        if not raw["office"]["always"]:
            del raw["office"]["always"]
    return document


def person_days(org: OrgRequest, person: str, days: Mapping[str, tuple[Weekday, ...]]) -> tuple[Weekday, ...]:
    """The office weekdays of a person in several teams: their home team's days and their own
    `always` days, without their `never` days, at most the smallest maximum of their teams."""
    home = org.team(org.home_team[person])
    member = home.request.member(person)
    wanted = [d for d in member.office_always if d not in member.office_never]
    wanted += [d for d in days[home.name] if d not in member.office_never and d not in wanted]
    most = min(org.team(t).request.rules.office_days.max for t in org.teams_of[person])
    return tuple(_ordered(set(wanted[:most])))


def _ordered(days: set[Weekday]) -> list[Weekday]:
    return [d for d in WEEKDAYS if d in days]
