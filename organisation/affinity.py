"""Which teams should share office days: as given, and inferred where not given, from people
in several teams and from meetings that cross teams (a meeting of one team with someone of
another among its attendees)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from .domain import Affinity, OrgRequest

MAX_INFERRED_WEIGHT = 5


def affinities_of(org: OrgRequest, given: Iterable[tuple[tuple[str, ...], int]]) -> tuple[Affinity, ...]:
    """One affinity per pair of teams: a given weight wins over an inferred one."""
    found: dict[tuple[str, str], Affinity] = {}
    for pair, affinity in inferred_affinities(org).items():
        found[pair] = affinity
    for teams, weight in given:
        for a, b in combinations(sorted(teams), 2):
            found[(a, b)] = Affinity((a, b), weight, "given")
    return tuple(found[pair] for pair in sorted(found))


def inferred_affinities(org: OrgRequest) -> dict[tuple[str, str], Affinity]:
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for person, teams in org.teams_of.items():
        for pair in combinations(sorted(teams), 2):
            shared[pair].append(person)
    common: dict[tuple[str, str], list[str]] = defaultdict(list)
    for team in org.teams:
        for meeting in team.request.meetings:
            others = {
                other
                for person in (*meeting.attendees, *meeting.optional)
                for other in org.teams_of[person]
                if other != team.name
            }
            for other in sorted(others):
                first, second = sorted((team.name, other))
                common[first, second].append(f"{team.name}/{meeting.id}")
    found = {}
    for pair in sorted(set(shared) | set(common)):
        people, held = shared.get(pair, []), common.get(pair, [])
        reasons = []
        if people:
            reasons.append(
                f"{len(people)} shared member{'s' * (len(people) > 1)} ({', '.join(people[:3])}"
                f"{', ...' if len(people) > 3 else ''})"
            )
        if held:
            reasons.append(f"meeting{'s' * (len(held) > 1)} across them ({', '.join(held[:3])})")
        # Each shared person counts; the meetings they attend across both teams count once.
        weight = min(MAX_INFERRED_WEIGHT, len(people) + bool(held))
        found[pair] = Affinity(pair, weight, "inferred: " + " and ".join(reasons))
    return found
