"""How many people a coffee round reaches on generated organisations, against the most any plan
could reach, with the master's CPU seconds.

    python -m bench.coffee_reach 150:2:1 200:3:2 120:1:3 300:2:2

Each argument is PEOPLE:BUILDINGS:SEED for `bench/generate_org.py`. Every organisation is
planned as `rhythm org plan --no-alone` does it (master, team solves in 2 processes, coffee),
and checked with every organisation rule (`check_org`); a broken rule is printed. The bound of
a building: its people with an office day, less those of its largest team past all the others
(coffee pairs two teams, so a team bigger than the rest of its building leaves that many out
whatever the plan).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.generate_org import generate_org, write_org
from organisation.check import check_org
from organisation.coffee import coffee_round
from organisation.planner import plan_org
from organisation.request import read_org
from organisation.summary import summarise
from organisation.teams import in_process_pool


def reach(people: int, buildings: int, seed: int, master_time_limit: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        org = read_org(str(write_org(Path(folder), *generate_org(people, buildings, seed))))
    began = time.process_time()
    outcome = plan_org(org, in_process_pool(2), master_time_limit=master_time_limit, team_time_limit=1,
                       alone=False)
    master_cpu = time.process_time() - began  # this process: calendars and the master (teams: the pool)
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    coffee = coffee_round(org, plans, outcome.facts, set(), None)
    broken = check_org(org, plans, summarise(outcome), coffee, outcome.facts, set())
    left = {e["member"] for e in coffee["left_out"]}
    rows = []
    for building in org.buildings:
        dated_here = [
            p for p, home in org.home_team.items()
            if org.building_of(p) == building.id and plans[home]["office_days"].get(p)
        ]
        teams = Counter(org.home_team[p] for p in dated_here)
        biggest = max(teams.values(), default=0)
        bound = len(dated_here) - max(0, biggest - (len(dated_here) - biggest))
        met = sum(1 for p in dated_here if p not in left)
        rows.append(f"{building.id} {met}/{len(dated_here)} (bound {bound}, {building.desks} desks)")
    r = coffee["reach"]  # and the price: affinity pairs sharing a day, meetings, team pair-days
    summary = summarise(outcome)
    affinities = summary["affinities"]
    return {"org": f"{people}:{buildings}:{seed}", "dated": r["dated"], "of": r["with_office_day"],
            "share": r["share"], "master": outcome.master.status, "master_s": outcome.master.seconds,
            "cpu_s": round(master_cpu, 1), "split": len(outcome.master.split), "broken": len(broken),
            "affinity": f"{sum(a['shares'] for a in affinities)}/{len(affinities)}",
            "meetings": f"{summary['meetings']['placed']}/{summary['meetings']['requested']}",
            "pair_days": sum(p["metrics"]["office_pair_days"] for p in plans.values()),
            "buildings": "; ".join(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("orgs", nargs="+", help="PEOPLE:BUILDINGS:SEED")
    parser.add_argument("--master-time-limit", type=float, default=5.0)
    args = parser.parse_args()
    for spec in args.orgs:
        people, buildings, seed = (int(x) for x in spec.split(":"))
        found = reach(people, buildings, seed, args.master_time_limit)
        print(" | ".join(f"{k} {v}" for k, v in found.items()), flush=True)


if __name__ == "__main__":
    main()
