"""The master's quality against its time limit, on one organisation: is its whole limit needed?

    python -m bench.master_limit /tmp/g10k/org.json 2 5 10 20

For each limit (seconds) the master alone is solved (no team solves) and its plan measured with
what its stages aim at, counted from the plan itself so every limit is measured the same way:
people in a team that shares an office day with another team of its building (coffee dates
need one), affinity pairs sharing a day, and the pairs of teammates at the office together
on the week's meeting days (per person for the teams the master planned per person). Wall
seconds are the master's own and depend on the load; the measures do not.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from math import comb

from cli.documents import read_org_request
from connectors.sources import read_team_calendars
from organisation.domain import OrgRequest
from organisation.master import MasterPlan, choose_office_days, same_building
from organisation.presence import TeamDays, team_days
from scheduler.domain import Weekday


def measures(org: OrgRequest, teams: Mapping[str, TeamDays], plan: MasterPlan) -> dict[str, object]:
    def days(team: str) -> set[Weekday]:
        return set(plan.days.get(team, ()))

    sharing = 0
    for name, td in teams.items():
        others = [o for o, ot in teams.items() if o != name and ot.building == td.building]
        if any(days(name) & days(o) for o in others):
            sharing += td.size
    pairs = same_building(org, teams)
    shared = sum(1 for a in pairs if days(a.teams[0]) & days(a.teams[1]))
    together = sum(comb(_present(td, plan, d), 2) for td in teams.values() for d in td.workdays)
    people = sum(td.size for td in teams.values())
    return {"sharing_people": f"{sharing}/{people}", "affinity_pairs": f"{shared}/{len(pairs)}",
            "pairs_together": together, "coffee": plan.coffee, "split": len(plan.split)}


def _present(td: TeamDays, plan: MasterPlan, day: Weekday) -> int:
    """The team's home members at the office on `day`: per person where the master planned
    them so, else all who can come on the team's days and those who come in any case."""
    if day in td.meetingless:
        return 0  # the master's time together counts meeting days only
    if td.team in plan.split:
        return sum(1 for p in td.states if day in plan.people.get(p, ()))
    return td.most(day) if day in plan.days.get(td.team, ()) else td.fixed.get(day, 0)


def main(path: str, limits: list[float]) -> None:
    org = read_org_request(path)
    teams = {t.name: team_days(org, t, read_team_calendars(t.request)) for t in org.teams}
    for limit in limits:
        began = time.perf_counter()
        plan = choose_office_days(org, teams, time_limit=limit)
        wall = time.perf_counter() - began
        found = {"limit": limit, "wall_s": round(wall, 2), "status": plan.status}
        found |= measures(org, teams, plan)
        print(" | ".join(f"{k} {v}" for k, v in found.items()), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], [float(x) for x in sys.argv[2:]])
