"""Benchmark of issue 6: a rhythm over six weeks, and calm re-planning.

    python -m bench.rhythm horizon --members 50 --occurrences 120 --weeks 6 --time-limit 60
    python -m bench.rhythm replan --members 50 --occurrences 120 --time-limit 30

Each prints one JSON object (run each in its own process: peak memory is this process's).
Horizon: the generated week's busy time recurs every week, each recurring event skipped
now and then, and a whole-day conference here and there, so some weeks cannot keep the
pattern. Re-plan: one member gets one new busy event over one of their meetings; we count
the meetings, and the lunches and focus blocks, whose time differs from the plan in use,
after `--current` and after a fresh solve; and what a re-plan with nothing changed moves
(it should move nothing).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from datetime import datetime, timedelta
from typing import Any

from constraints import RULES
from scheduler.domain import Plan
from scheduler.request import parse_request
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate

from .generate import generate_request

SKIP_CHANCE = 0.15  # a recurring event that does not happen in a given week
CONFERENCE_CHANCE = 0.1  # a member away a whole day in a given week


def horizon_document(members: int, occurrences: int, busy: float, seed: int, weeks: int) -> dict:
    document = generate_request(members, occurrences, busy, seed)
    rng = random.Random(seed)
    for member in document["members"]:
        first = member.get("busy", [])
        later = []
        for week in range(1, weeks):
            later += [_shifted(b, week) for b in first if rng.random() > SKIP_CHANCE]
            if rng.random() < CONFERENCE_CHANCE:
                later.append(_conference(document["week"], week, rng))
        member["busy"] = first + later
    document["weeks"] = weeks
    return document


def _shifted(busy: dict[str, str], weeks: int) -> dict[str, str]:
    shift = timedelta(weeks=weeks)
    return {k: (datetime.fromisoformat(v) + shift).isoformat() for k, v in busy.items()}


def _conference(monday: str, week: int, rng: random.Random) -> dict[str, str]:
    day = datetime.fromisoformat(f"{monday}T08:00:00+01:00") + timedelta(weeks=week,
                                                                         days=rng.randrange(5))
    return {"start": day.isoformat(), "end": (day + timedelta(hours=10)).isoformat()}


def horizon(args: argparse.Namespace) -> dict[str, Any]:
    request = parse_request(horizon_document(args.members, args.occurrences, args.busy,
                                             args.seed, args.weeks))
    began = time.perf_counter()
    plan = plan_week(request, {}, RULES, SolveSettings(time_limit=args.time_limit, horizon=args.horizon))
    seconds = time.perf_counter() - began
    meeting_exceptions = [e for e in plan.exceptions if e.kind != "office"]
    return {
        "members": args.members, "occurrences_per_week": args.occurrences, "weeks": args.weeks,
        "status": plan.status, "seconds": round(seconds, 2),
        "placed": plan.metrics["meetings_placed"], "requested": plan.metrics["meetings_requested"],
        "pattern_slots": len(plan.rhythm.meetings) if plan.rhythm else 0,
        "meeting_exceptions": len(meeting_exceptions),
        "meeting_exceptions_forced": sum(e.forced_by_calendar for e in meeting_exceptions),
        "office_exceptions": len(plan.exceptions) - len(meeting_exceptions),
        "office_exceptions_forced": sum(e.forced_by_calendar for e in plan.exceptions
                                        if e.kind == "office"),
        "horizon": args.horizon,
        "violations": len(validate(request, {}, plan)), "peak_mib": _peak_mib(),
    }


def replan(args: argparse.Namespace) -> dict[str, Any]:
    document = generate_request(args.members, args.occurrences, args.busy, args.seed)
    request = parse_request(document)
    settings = SolveSettings(time_limit=args.time_limit)
    before = plan_week(request, {}, RULES, settings)
    hit = random.Random(args.seed).choice(before.meetings)
    member = hit.attendees[0]
    for raw in document["members"]:
        if raw["id"] == member:
            raw.setdefault("busy", []).append({"start": hit.start.isoformat(),
                                               "end": hit.end.isoformat()})
    changed = parse_request(document)
    now = datetime.fromisoformat(f"{document['week']}T00:00:00+01:00") - timedelta(days=2)
    began = time.perf_counter()
    calm = plan_week(changed, {}, RULES, settings, current=before, now=now)
    calm_seconds = time.perf_counter() - began
    fresh = plan_week(changed, {}, RULES, settings)
    same = plan_week(request, {}, RULES, settings, current=before, now=now)
    return {
        "members": args.members, "occurrences": args.occurrences,
        "meetings": len(before.meetings), "busy_event_on": f"{hit.id} ({member})",
        "blocks": len(before.lunches) + len(before.focus),
        "moved_by_replan": _moved(before, calm), "moved_by_fresh_solve": _moved(before, fresh),
        "blocks_moved_by_replan": _blocks_moved(before, calm),
        "blocks_moved_by_fresh_solve": _blocks_moved(before, fresh),
        "moved_by_unchanged_replan": _moved(before, same) + _blocks_moved(before, same),
        "office_days_moved_by_replan": _office_moved(before, calm),
        "replan_status": calm.status, "fresh_status": fresh.status,
        "unchanged_replan_status": same.status, "replan_seconds": round(calm_seconds, 2),
        "violations": len(validate(changed, {}, calm)),
    }


def _moved(before: Plan, after: Plan) -> int:
    """Meetings of the plan in use that are not at the same time any more."""
    kept = {(m.request, m.start) for m in after.meetings}
    return sum(1 for m in before.meetings if (m.request, m.start) not in kept)


def _blocks_moved(before: Plan, after: Plan) -> int:
    """Lunches and focus blocks of the plan in use that are not at the same time any more."""
    kept = {(b.member, b.start, b.end) for b in (*after.lunches, *after.focus)}
    return sum(1 for b in (*before.lunches, *before.focus) if (b.member, b.start, b.end) not in kept)


def _office_moved(before: Plan, after: Plan) -> int:
    """Member-days whose office choice differs from the plan in use."""
    return sum(len(set(days) ^ set(after.office_days.get(member, ())))
               for member, days in before.office_days.items())


def _peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rhythm", description=__doc__)
    parser.add_argument("what", choices=("horizon", "replan"))
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--occurrences", type=int, default=30)
    parser.add_argument("--busy", type=float, default=0.35)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--horizon", choices=("auto", "whole", "by_week"), default="auto",
                        help="one model of the whole horizon, or week by week (SolveSettings.horizon)")
    args = parser.parse_args(argv)
    print(json.dumps(horizon(args) if args.what == "horizon" else replan(args)))


if __name__ == "__main__":
    main()
