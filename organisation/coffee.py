"""Coffee dates ("koffiedates"): after the team plans are known, each listed person meets
someone from another team, at the same building on an office day both have, in a slot both
are free for the whole `minutes` (inside both working hours, clear of meetings, lunch, focus
blocks and calendar busy time). No pair meets again within six rounds; a person who cannot
be paired is left out with the reason.

The pairing is a maximum matching (rustworkx's blossom algorithm, networkx's in Rust) on a
sparse graph: each person is joined to up to EDGES colleagues of other teams with whom they
share an office day and a free slot. An exact matching costs about the cube of the people
matched, so a large building is matched in blocks of BLOCK people (those with the same office
days together, where most of their edges are), and then everyone a block left over is matched
again, all together, so a colleague across blocks is not missed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import rustworkx as rx

from i18n import _, formats, ngettext
from scheduler.domain import CalendarFacts, weekday_of

from .coffee_people import FreeSlots, Person, listed, people_of
from .domain import OrgRequest
from .occupancy import PlanJson

CANDIDATES_TRIED = 60  # per person and day: enough to find a free colleague, bounded at scale
EDGES = 8  # colleagues with a common slot kept per person: a sparse graph, matched exactly
BLOCK = 800  # people matched exactly at once (blossom's cost grows with the cube; bench/RESULTS.md)


def coffee_round(
    org: OrgRequest,
    plans: Mapping[str, PlanJson],
    facts: Mapping[str, Mapping[str, CalendarFacts]],
    recent: set[frozenset[str]],
    last_round: date | None,
    people: Mapping[str, Person] | None = None,  # `people_of(org, plans, facts)`, if known already
) -> dict[str, Any]:
    coffee = org.coffee
    assert coffee is not None
    if last_round is not None and (org.week - last_round).days < 7 * coffee.every_weeks:
        return {
            "week": org.week.isoformat(),
            "round": False,
            "pairs": [],
            "left_out": [],
            "reason": ngettext(
                "not a coffee week: the last round was %(week)s, one round every week",
                "not a coffee week: the last round was %(week)s, one round every %(num)d weeks",
                coffee.every_weeks, week=formats.week_of(last_round)),
        }
    if people is None:
        people = people_of(org, plans, facts)
    wanted = [p for p in people.values() if listed(org, p)]
    left_out = [{"member": p.id, "reason": _why_away(org, p)} for p in wanted if not p.office_days]
    rng = random.Random(f"coffee:{org.organisation}:{org.week}")
    dated = [p for p in wanted if p.office_days]
    pairs, unpaired = [], []
    for building in sorted({p.building for p in dated}):
        here = [p for p in dated if p.building == building]
        slots = FreeSlots(coffee.minutes)
        matched, left = match_building(here, recent, slots, rng)
        pairs += [_pair(a, b, start, building, coffee.minutes) for a, b, start in matched]
        paired = {p.id for a, b, _ in matched for p in (a, b)}
        unpaired += [(p, _why_unpaired(p, here, paired, recent, slots)) for p in left]
    left_out += [{"member": p.id, "reason": why} for p, why in unpaired]
    return {
        "week": org.week.isoformat(),
        "round": True,
        "minutes": coffee.minutes,
        "pairs": sorted(pairs, key=lambda p: p["people"]),
        "left_out": sorted(left_out, key=lambda e: e["member"]),
        "reach": {
            "with_office_day": len(dated),
            "dated": 2 * len(pairs),
            "share": round(2 * len(pairs) / len(dated), 3) if dated else 1.0,
        },
    }


Match = tuple[Person, Person, datetime]


def match_building(
    people: list[Person], recent: set[frozenset[str]], slots: FreeSlots, rng: random.Random
) -> tuple[list[Match], list[Person]]:
    """A maximum matching of one building's people, block by block, then the leftovers."""
    ordered = sorted(people, key=lambda p: (p.office_days, rng.random()))
    met = _met(recent)
    matched: list[Match] = []
    left: list[Person] = []
    for i in range(0, len(ordered), BLOCK):
        found, rest = _maximum_matching(ordered[i : i + BLOCK], met, slots, rng)
        matched += found
        left += rest
    if len(ordered) > BLOCK and len(left) > 1:
        found, left = _maximum_matching(left, met, slots, rng)
        matched += found
    return matched, left


def _met(recent: set[frozenset[str]]) -> dict[str, set[str]]:
    """Who each person met in the recent rounds: looked up by id, not by building a pair."""
    found: dict[str, set[str]] = defaultdict(set)
    for pair in recent:
        for person in pair:
            found[person] |= pair - {person}
    return found


def _maximum_matching(
    people: list[Person], met: Mapping[str, set[str]], slots: FreeSlots, rng: random.Random
) -> tuple[list[Match], list[Person]]:
    graph: rx.PyGraph[Person, datetime] = rx.PyGraph(multigraph=False)
    node = dict(zip((p.id for p in people), graph.add_nodes_from(people), strict=True))
    present: dict[date, list[Person]] = defaultdict(list)
    for person in people:
        for day in person.office_days:
            present[day].append(person)
    linked: dict[str, set[str]] = {p.id: set() for p in people}  # the graph's edges, as sets
    in_team: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for team in person.teams:
            in_team[team].add(person.id)
    for person in people:
        kept = 0
        mine = linked[person.id]
        # Not themselves, nobody of their teams, nobody met recently: one set to look in.
        barred = set().union(*(in_team[t] for t in person.teams), met.get(person.id, ()))
        for day in rng.sample(person.office_days, len(person.office_days)):
            pool, tried = present[day], 0
            for i in _random_order(len(pool), rng):
                other = pool[i]
                if other.id in barred or other.id in mine:
                    continue
                start = slots.common(person, other, day)
                if start is not None:
                    graph.add_edge(node[person.id], node[other.id], start)
                    mine.add(other.id)
                    linked[other.id].add(person.id)
                    kept += 1
                    if kept >= EDGES:
                        break
                tried += 1
                if tried >= CANDIDATES_TRIED:
                    break
            if kept >= EDGES:
                break
    matching = rx.max_weight_matching(graph, max_cardinality=True)
    found = [(graph[a], graph[b], graph.get_edge_data(a, b)) for a, b in sorted(matching)]
    paired = {p.id for a, b, _ in found for p in (a, b)}
    return found, [p for p in people if p.id not in paired]


def _random_order(n: int, rng: random.Random) -> Iterator[int]:
    """0 to n-1 in a random order, drawn one at a time (Fisher-Yates, the swaps kept in a
    dict): a person needs about ten of a day's thousand colleagues, and shuffling or filtering
    the whole day for each person cost a square of the building."""
    moved: dict[int, int] = {}
    for k in range(n):
        j = rng.randrange(k, n)
        yield moved.get(j, j)
        moved[j] = moved.get(k, k)


def _pair(a: Person, b: Person, start: datetime, building: str, minutes: int) -> dict[str, Any]:
    a, b = sorted((a, b), key=lambda p: p.id)
    return {
        "people": [a.id, b.id],
        "names": [a.name, b.name],
        "teams": [sorted(a.teams)[0], sorted(b.teams)[0]],
        "building": building,
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=minutes)).isoformat(),
    }


def _why_unpaired(
    person: Person, here: list[Person], paired: set[str], recent: set[frozenset[str]], slots: FreeSlots
) -> str:
    """The reason a person has no date, the most telling first: nobody of another team comes
    on their days, they met them all lately, none of them is free at the same time, or all who
    are were paired. Only the few left over are asked, so every colleague is tried here."""
    days = ", ".join(formats.day(d, padded=True) for d in person.office_days)
    mine = set(person.office_days)
    others = [o for o in here if not (o.teams & person.teams) and mine & set(o.office_days)]
    if not others:
        own = sum(1 for o in here if o.id != person.id and mine & set(o.office_days))
        return _("nobody from another team is at %(building)s on their office days (%(days)s); "
                 "%(own)d of their own team(s) are", building=person.building, days=days, own=own)
    fresh = [o for o in others if frozenset((person.id, o.id)) not in recent]
    if not fresh:
        return _("they met all %(count)d colleagues from other teams at %(building)s on their days "
                 "in the last six rounds", count=len(others), building=person.building)
    free = [o for o in fresh if any(slots.common(person, o, d) for d in sorted(mine & set(o.office_days)))]
    if not free:
        return ngettext(
            "a colleague from another team is at %(building)s on their office days (%(days)s), but "
            "is not free for %(minutes)d minutes at the same time as them",
            "%(num)d colleagues from other teams are at %(building)s on their office days (%(days)s), "
            "but none of them is free for %(minutes)d minutes at the same time as them",
            len(fresh), building=person.building, days=days, minutes=slots.minutes)
    if all(o.id in paired for o in free):
        return ngettext(
            "the one colleague from another team at %(building)s who is free at the same time as them "
            "on their office days (%(days)s) has a date already: a maximum matching pairs the most "
            "people, and someone is left over where the people who could meet do not pair up evenly",
            "all %(num)d colleagues from other teams at %(building)s who are free at the same time as "
            "them on their office days (%(days)s) have a date already: a maximum matching pairs the "
            "most people, and someone is left over where the people who could meet do not pair up evenly",
            len(free), building=person.building, days=days)
    return _("%(count)d colleagues from other teams at %(building)s, free at the same time as them, "
             "have no date either, but the round tries %(tried)d colleagues a day at random and did "
             "not reach them", count=sum(1 for o in free if o.id not in paired),
             building=person.building, tried=CANDIDATES_TRIED)


def _why_away(org: OrgRequest, person: Person) -> str:
    workdays = org.team(org.home_team[person.id]).request.rules.workdays
    days = [org.week + timedelta(days=i) for i in range(7)]
    if all(d in person.off_days for d in days if weekday_of(d) in workdays):
        return _("away all week (out of office every workday)")
    return _("no office day this week")
