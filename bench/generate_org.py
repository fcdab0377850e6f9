"""Generated organisations for tests and benchmarks, deterministic for a seed.

    python -m bench.generate_org --people 1000 --buildings 3 --seed 1 --out /tmp/acme

Teams of 4 to 30 (most 6 to 12) grouped in departments of 3 to 8 teams; a department works
from one building and its teams have affinities with each other, a few with teams of other
departments. About 5% of people are also in a second team of their department. Each team is
a v1 request file (`teams/<name>.json`, inline busy time, so it runs anywhere) and desks hold
0.5-0.7 per person of a building (as real buildings do), so teams choosing alone overflow the
popular days.

As organisations are (from 100 people up): now and then a big team (40-100, several
teams' worth) that a small building cannot seat at once; a fifth of the teams of 8 or more
with an `office_capacity` below their size; members with `office.always` days (about 5%,
from `members.py`); and newcomers (`starts` within the last weeks, about 3%) with the
organisation's `onboarding`. These are drawn from their own random stream, so the rest of
an organisation stays as the seed made it.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from .meetings import meetings_for
from .members import make_member

WEEK = date(2026, 11, 30)
ZONE = "Europe/Amsterdam"
DESK_SHARE = (0.5, 0.7)  # desks per person of a building
SECOND_TEAM_SHARE = 0.05
BIG_TEAM_SHARE = 0.03  # of teams, merged with the next ones into one big team (100+ people)
CAPPED_SHARE = 0.2  # of teams of 8 or more: an office_capacity below their size
NEWCOMER_SHARE = 0.03
CITIES = (
    "utrecht",
    "amsterdam",
    "rotterdam",
    "eindhoven",
    "groningen",
    "zwolle",
    "arnhem",
    "breda",
    "leiden",
    "delft",
)

Json = dict[str, Any]


def team_sizes(rng: random.Random, people: int) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < people:
        sizes.append(max(4, min(30, round(rng.lognormvariate(2.25, 0.4)))))
    excess = sum(sizes) - people
    while excess > 0:  # trim the largest until the total is exact, keeping every team >= 4
        i = max(range(len(sizes)), key=sizes.__getitem__)
        cut = min(excess, sizes[i] - 4)
        if cut <= 0:
            sizes.pop()
            excess = sum(sizes) - people
            continue
        sizes[i] -= cut
        excess -= cut
    if sum(sizes) < people:
        sizes.append(people - sum(sizes))
    return sizes


def generate_org(
    people: int, buildings: int, seed: int, busy: float = 0.3, coffee: bool = True
) -> tuple[Json, dict[str, Json]]:
    """The organisation document and each team's request document by file name."""
    rng = random.Random(f"rhythm-org:{people}:{buildings}:{seed}")
    real = random.Random(f"rhythm-org-as-they-are:{people}:{buildings}:{seed}")
    used: set[str] = set()
    sizes = team_sizes(rng, people)
    if people >= 100:
        sizes = _big_teams(real, sizes)
    teams: list[tuple[str, list[Json], int]] = []  # name, members, department
    department, left = 0, rng.randint(3, 8)
    for i, size in enumerate(sizes):
        if left == 0:
            department, left = department + 1, rng.randint(3, 8)
        left -= 1
        members = [make_member(rng, used, WEEK, ZONE, busy) for _ in range(size)]
        teams.append((f"team{i + 1:04d}", members, department))
    homes = [CITIES[i] for i in range(buildings)]
    weights = [1.0 / (i + 1) for i in range(buildings)]  # a head office and smaller ones
    # Every building gets a department first, then the rest go by building size.
    building_of = {
        d: homes[d] if d < buildings else rng.choices(homes, weights)[0] for d in range(department + 1)
    }
    by_department: dict[int, list[int]] = {}
    for index, (_, _, d) in enumerate(teams):
        by_department.setdefault(d, []).append(index)
    _second_teams(rng, teams, by_department)
    documents = {f"teams/{name}.json": _request(rng, name, members) for name, members, _ in teams}
    for document in documents.values():
        _as_teams_are(real, document)
    counts = dict.fromkeys(homes, 0)
    for _, members, d in teams:
        counts[building_of[d]] += sum(1 for m in members if not m.get("_second"))
    org: Json = {
        "version": 1,
        "organisation": f"generated{people}",
        "timezone": ZONE,
        "week": WEEK.isoformat(),
        "buildings": [
            {"id": b, "desks": max(4, round(counts[b] * real.uniform(*DESK_SHARE)))} for b in homes
        ],
        "teams": [{"building": building_of[d], "request": f"teams/{name}.json"} for name, _, d in teams],
        "affinities": _affinities(rng, teams, by_department, building_of),
    }
    if coffee:
        org["coffee"] = {"minutes": 25, "every_weeks": 2, "members": "all"}
    org["onboarding"] = {"weeks": 6, "office_days": 3}
    return org, documents


def _big_teams(real: random.Random, sizes: list[int]) -> list[int]:
    """Now and then a team and the next ones become one big team of 40 to 100 people."""
    merged, i = [], 0
    while i < len(sizes):
        size, i = sizes[i], i + 1
        if real.random() < BIG_TEAM_SHARE:
            target = real.randint(40, 100)
            while i < len(sizes) and size + sizes[i] <= target:
                size, i = size + sizes[i], i + 1
        merged.append(size)
    return merged


def _as_teams_are(real: random.Random, document: Json) -> None:
    """A capacity below the team's size for some teams; newcomers who started lately."""
    size = len(document["members"])
    if size >= 8 and real.random() < CAPPED_SHARE:
        document["rules"]["office_capacity"] = max(4, round(size * real.uniform(0.6, 0.85)))
    for member in document["members"]:
        if real.random() < NEWCOMER_SHARE:
            member["starts"] = (WEEK - timedelta(days=real.randint(0, 35))).isoformat()


def _second_teams(
    rng: random.Random, teams: list[tuple[str, list[Json], int]], by_department: dict[int, list[int]]
) -> None:
    for members in by_department.values():
        if len(members) < 2:
            continue
        for index in members:
            for person in list(teams[index][1]):
                if person.get("_second") or rng.random() >= SECOND_TEAM_SHARE:
                    continue
                other = rng.choice([i for i in members if i != index])
                if len(teams[other][1]) < 30:
                    teams[other][1].append({**person, "_second": True})


def _request(rng: random.Random, name: str, members: list[Json]) -> Json:
    clean = [{k: v for k, v in m.items() if k != "_second"} for m in members]
    ids = [m["id"] for m in clean]
    return {
        "version": 1,
        "team": name,
        "timezone": ZONE,
        "week": WEEK.isoformat(),
        "rules": {"office_days": {"min": 2, "max": 3}, "focus": {"minutes": 120, "blocks_per_week": 2}},
        "members": clean,
        "meetings": meetings_for(rng, [(name, ids)], len(ids) + 2),
    }


def _affinities(
    rng: random.Random,
    teams: list[tuple[str, list[Json], int]],
    by_department: dict[int, list[int]],
    building_of: dict[int, str],
) -> list[Json]:
    found = []
    for members in by_department.values():
        for a, b in pairwise(members):  # neighbours in a department work together
            found.append({"teams": [teams[a][0], teams[b][0]], "weight": rng.choice((1, 2, 3))})
    for name, _, d in teams:
        if rng.random() < 0.15:  # a few ties to another department in the same building
            near = [i for i, (_, _, e) in enumerate(teams) if e != d and building_of[e] == building_of[d]]
            if near:
                found.append({"teams": [name, teams[rng.choice(near)][0]], "weight": 1})
    return found


def write_org(out: Path, org: Json, documents: dict[str, Json]) -> Path:
    (out / "teams").mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        (out / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    path = out / "org.json"
    path.write_text(json.dumps(org, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate_org", description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--buildings", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="folder for org.json and teams/")
    args = parser.parse_args(argv)
    org, documents = generate_org(args.people, args.buildings, args.seed)
    print(write_org(Path(args.out), org, documents))


if __name__ == "__main__":
    main()
