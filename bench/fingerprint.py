"""What a refactor must not change, as hashes: the model, the first plan and the plans.

    python -m bench.fingerprint > before.json          # on the commit before the change
    python -m bench.fingerprint --against before.json  # after it: every difference, or none

For generated teams (6 to 100 members, one with rooms, one over three weeks) and the two
examples: the CP-SAT model as text (every variable and constraint, in order), the first-fit
draft with its office days and focus blocks, and, for the teams up to 20 members, the plan
of a deterministic solve and of a two-worker reproducible one (placed, pair days, status,
the reasons, every tier's value rule by rule, the whole plan JSON). The model and the draft
do not depend on the machine's load; the plans are proven, so they do not either.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from dataclasses import replace
from typing import Any

from connectors.sources import read_team_calendars
from constraints import RULES
from scheduler.domain import Room, TeamRequest
from scheduler.model.build import build_model
from scheduler.model.week import Week
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import parse_request
from scheduler.request.read import read_request
from scheduler.solve import SolveSettings, plan_week
from scheduler.solve.greedy import first_fit
from scheduler.solve.office_first import focus_first, office_days_first

from .generate import generate_request

ROOMS = (Room("big", "Big", 8, True), Room("small", "Small", 4, False), Room("mid", "Mid", 6, True))


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def cases() -> dict[str, tuple[TeamRequest, bool]]:
    """Each request, and whether its plans are solved too (proven in seconds)."""
    def generated(*args: float) -> TeamRequest:
        return parse_request(generate_request(*args))  # type: ignore[arg-type]

    return {"g6": (generated(6, 10, 0.35, 1), True), "g12": (generated(12, 30, 0.2, 2), True),
            "g12r": (replace(generated(12, 30, 0.5, 3), rooms=ROOMS), True),
            "g20": (generated(20, 40, 0.275, 4), True), "g50": (generated(50, 120, 0.35, 1), False),
            "g100": (generated(100, 250, 0.2, 2), False),
            "g6w3": (replace(generated(6, 10, 0.35, 1), weeks=3), True),
            **{name: (read_request(f"examples/{name}.json"), True)
               for name in ("platform-week", "platform-rhythm")}}


def fingerprint(name: str, request: TeamRequest, solve: bool) -> dict[str, Any]:
    facts = read_team_calendars(request) if name.startswith("platform") else {}
    built = build_model(Week(request, facts), RULES)
    draft = first_fit(built.variables)
    office = office_days_first(built.variables, draft.office)
    focus = focus_first(built.variables, draft.starts, draft.lunch, office)
    found: dict[str, Any] = {
        "model": hashlib.sha256(str(built.model.proto).encode()).hexdigest(),
        "terms": [(t.name, int(t.tier), t.span) for t in built.terms],
        "draft": digest((sorted(draft.starts), sorted(draft.rooms.items()), sorted(draft.office),
                         sorted(draft.lunch.items()), sorted(office), sorted(focus.items()))),
    }
    if solve:
        for mode, settings in (("deterministic", SolveSettings(time_limit=120, deterministic=True)),
                               ("reproducible", SolveSettings(time_limit=60, workers=2))):
            with _Scores() as scores:  # every tier's value, as the solver logs them
                plan = plan_week(request, facts, RULES, settings)
            document = plan_to_json(plan)
            document["metrics"].pop("solve_seconds", None)
            found[mode] = {"status": plan.status, "placed": plan.metrics["meetings_placed"],
                           "pair_days": plan.metrics["office_pair_days"],
                           "reasons": sorted({u.reason for u in plan.unplaced}),
                           "scores": scores.lines,
                           "plan": digest(json.dumps(document, sort_keys=True, default=str))}
    return found


class _Scores(logging.Handler):
    """The objective's value rule by rule (`rhythm.solver`'s "objective:" lines): the tier
    values a speed-up must keep, even where the plan itself may differ among equal ones."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.log = logging.getLogger("rhythm.solver")

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("objective: "):
            self.lines.append(record.getMessage())

    def __enter__(self) -> _Scores:
        self.level = self.log.level
        self.log.setLevel(logging.INFO)
        self.log.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.log.removeHandler(self)
        self.log.setLevel(self.level)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fingerprint", description=__doc__.split("\n")[0])
    parser.add_argument("--against", help="a fingerprint written before: print what differs")
    args = parser.parse_args(argv)
    # Through JSON, so that what was written and what is found compare alike (tuples as lists).
    found = json.loads(json.dumps({name: fingerprint(name, request, solve)
                                   for name, (request, solve) in cases().items()}))
    if not args.against:
        json.dump(found, sys.stdout, indent=1, sort_keys=True)
        return
    with open(args.against) as file:
        before = json.load(file)
    differences = [f"{name} {part}: {before[name].get(part)} -> {value}"
                   for name, parts in found.items() for part, value in parts.items()
                   if before.get(name, {}).get(part) != value]
    print("\n".join(differences) or f"the same: {len(found)} requests")


if __name__ == "__main__":
    main()
