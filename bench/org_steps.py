"""CPU seconds of the steps around the team solves, on a folder `rhythm org plan` wrote:
`python -m bench.org_steps ORG DIR [coffee|greedy|none] [TAG]` prints each step's
`time.process_time()` (load-independent, unlike wall time) and writes the round to
/tmp/coffee.TAG.json, so two checkouts can be compared side by side and their rounds with
`cmp`. `greedy` plans each building with the master's greedy plan (no plans in DIR needed)."""

import json
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cli.documents import read_org_request
from connectors.sources import read_team_calendars
from organisation.domain import OrgRequest
from scheduler.domain import CalendarFacts
from store.files import read_json


def main(org_path: str, out: Path, what: list[str]) -> None:
    began = time.process_time()
    org = read_org_request(org_path)
    print("read_org", round(time.process_time() - began, 2), flush=True)
    plans: dict[str, Any] = {}
    for team in org.teams:
        path = out / "teams" / f"{team.name}.plan.json"
        if path.exists():
            plans[team.name] = read_json(str(path))
    began = time.process_time()
    facts = {t.name: read_team_calendars(t.request) for t in org.teams}
    print("facts", round(time.process_time() - began, 2), flush=True)
    from organisation.presence import team_days

    began = time.process_time()
    for team in org.teams:
        team_days(org, team, facts[team.name])
    print("team_days", round(time.process_time() - began, 2), flush=True)
    if "greedy" in what:
        greedy(org, facts)
    if "coffee" in what:
        from organisation.coffee import coffee_round

        began = time.process_time()
        coffee = coffee_round(org, plans, facts, set(), None)
        print("coffee", round(time.process_time() - began, 2), "pairs", len(coffee["pairs"]), flush=True)
        tag = what[-1] if len(what) > 1 else "round"
        Path(f"/tmp/coffee.{tag}.json").write_text(json.dumps(coffee, sort_keys=True))


def greedy(org: OrgRequest, facts: Mapping[str, Mapping[str, CalendarFacts]]) -> None:
    from organisation.master.greedy import greedy_days
    from organisation.presence import team_days

    teams = {t.name: team_days(org, t, facts[t.name]) for t in org.teams}
    for building in org.buildings:
        mine = {n: td for n, td in teams.items() if td.building == building.id}
        began = time.process_time()
        found = greedy_days(org, mine)
        people = sum(td.size for td in mine.values())
        print(f"greedy {building.id}: {people} people, {building.desks} desks, "
              f"{'a plan' if found else 'none'} in {time.process_time() - began:.2f} CPU s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:] or ["coffee"])
