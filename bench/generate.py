"""Realistic v1 requests for the benchmark, deterministic for a seed.

    python -m bench.generate --members 50 --occurrences 120 --busy 0.35 --seed 1 > team.json

A team in Europe/Amsterdam plans the week of 2026-11-30 under the default rules, with
office days 2-3, an office holding 60-70% of the team and two 120-minute focus blocks.
Busy time is inline (`busy`), so a request needs no calendar files and runs anywhere.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from typing import Any

from .meetings import meetings_for, split_teams
from .members import make_member

TEAM_ZONE = "Europe/Amsterdam"
WEEK = date(2026, 11, 30)


def generate_request(members: int, occurrences: int, busy_fraction: float, seed: int,
                     capacity: float | None = None) -> dict[str, Any]:
    """A v1 request document: `members` people, meetings summing to `occurrences`; the office
    holds `capacity` of the team (a share), else a random 60-70%."""
    if members < 2:
        raise ValueError("a team needs at least 2 members")
    # A string seed is hashed with SHA-512, so the team is the same in every process.
    rng = random.Random(f"rhythm-bench:{members}:{occurrences}:{busy_fraction}:{seed}")
    used: set[str] = set()
    people = [make_member(rng, used, WEEK, TEAM_ZONE, busy_fraction) for _ in range(members)]
    teams = split_teams(rng, [p["id"] for p in people])
    share = rng.uniform(0.6, 0.7)  # drawn either way, so the meetings stay the same
    return {
        "version": 1,
        "team": f"org{members}" if len(teams) > 1 else teams[0][0],
        "timezone": TEAM_ZONE,
        "week": WEEK.isoformat(),
        "rules": {
            "office_days": {"min": 2, "max": 3},
            "office_capacity": max(2, round(members * (share if capacity is None else capacity))),
            "focus": {"minutes": 120, "blocks_per_week": 2},
        },
        "members": people,
        "meetings": meetings_for(rng, teams, occurrences),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--occurrences", type=int, default=30)
    parser.add_argument("--busy", type=float, default=0.35, help="fraction of working hours busy")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--capacity", type=float, help="share of the team the office holds")
    args = parser.parse_args(argv)
    request = generate_request(args.members, args.occurrences, args.busy, args.seed, args.capacity)
    json.dump(request, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
