"""The organisation's week as plain values: buildings, teams with their v1 requests,
affinities between teams, and the coffee and onboarding settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from scheduler.domain import CalendarFacts, TeamRequest


@dataclass(frozen=True)
class Building:
    id: str
    desks: int  # people at the building on any one day, across all its teams


@dataclass(frozen=True)
class OrgTeam:
    building: str
    request: TeamRequest
    document: Mapping[str, Any]  # the v1 request as written, sent to a worker as it is
    source: str  # the path it came from, or "inline"
    managers: tuple[str, ...] = ()  # addresses, lower-case: they may open the organisation page

    @property
    def name(self) -> str:
        return self.request.team


@dataclass(frozen=True)
class Affinity:
    """Two teams that should share office days; `reason` says where an inferred one came from."""

    teams: tuple[str, str]  # sorted
    weight: int = 1
    reason: str = "given"


@dataclass(frozen=True)
class Coffee:
    minutes: int = 25
    every_weeks: int = 2
    members: tuple[str, ...] | None = None  # team names and member ids; None: everyone


@dataclass(frozen=True)
class Onboarding:
    weeks: int = 6
    office_days: int = 3


@dataclass(frozen=True)
class OrgRequest:
    organisation: str
    timezone: str
    week: date
    buildings: tuple[Building, ...]
    teams: tuple[OrgTeam, ...]
    affinities: tuple[Affinity, ...] = ()  # given and inferred, one per pair of teams
    coffee: Coffee | None = None
    onboarding: Onboarding | None = None
    starts: Mapping[str, date] = field(default_factory=dict)  # member id -> first day
    base_dir: Path | None = None
    planners: tuple[str, ...] = ()  # addresses, lower-case

    @property
    def viewers(self) -> tuple[str, ...]:
        """Who may open the organisation's page: its planners and its teams' managers."""
        return tuple(sorted({*self.planners, *(m for t in self.teams for m in t.managers)}))

    @cached_property
    def _teams(self) -> Mapping[str, OrgTeam]:
        return {t.name: t for t in self.teams}

    def team(self, name: str) -> OrgTeam:
        return self._teams[name]

    def building(self, building_id: str) -> Building:
        return next(b for b in self.buildings if b.id == building_id)

    def teams_in(self, building_id: str) -> tuple[OrgTeam, ...]:
        return tuple(t for t in self.teams if t.building == building_id)

    @cached_property
    def home_team(self) -> Mapping[str, str]:
        """Each person's home team: the first team listing them. Their office days and desk
        follow it; other teams see them on those days, or remotely from another building."""
        home: dict[str, str] = {}
        for team in self.teams:
            for member in team.request.members:
                home.setdefault(member.id, team.name)
        return home

    @cached_property
    def teams_of(self) -> Mapping[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for team in self.teams:
            for member in team.request.members:
                found.setdefault(member.id, []).append(team.name)
        return {person: tuple(names) for person, names in found.items()}

    def building_of(self, person: str) -> str:
        return self.team(self.home_team[person]).building


OrgFacts = Mapping[str, Mapping[str, CalendarFacts]]  # team -> member -> facts
