"""Which teams should share office days: as given, and inferred where not given, from people
in several teams and from meetings that cross teams (a meeting of one team with someone of
another among its attendees)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from i18n import _, ngettext

from .domain import Affinity, OrgRequest

MAX_INFERRED_WEIGHT = 5


def affinities_of(org: OrgRequest, given: Iterable[tuple[tuple[str, ...], int]]) -> tuple[Affinity, ...]:
    """One affinity per pair of teams: a given weight wins over an inferred one."""
    found: dict[tuple[str, str], Affinity] = {}
    for pair, affinity in inferred_affinities(org).items():
        found[pair] = affinity
    for teams, weight in given:
        for a, b in combinations(sorted(teams), 2):
            found[(a, b)] = Affinity((a, b), weight, _("given"))
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
            names = ", ".join(people[:3]) + (", ..." if len(people) > 3 else "")
            reasons.append(ngettext("%(num)d shared member (%(names)s)", "%(num)d shared members (%(names)s)",
                                    len(people), names=names))
        if held:
            reasons.append(ngettext("a meeting across them (%(ids)s)", "meetings across them (%(ids)s)",
                                    len(held), ids=", ".join(held[:3])))
        # Each shared person counts; the meetings they attend across both teams count once.
        weight = min(MAX_INFERRED_WEIGHT, len(people) + bool(held))
        both = reasons[0] if len(reasons) == 1 else _("%(first)s and %(second)s", first=reasons[0],
                                                      second=reasons[1])
        found[pair] = Affinity(pair, weight, _("inferred: %(reasons)s", reasons=both))
    return found
