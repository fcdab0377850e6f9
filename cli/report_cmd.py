"""`rhythm report PLAN --out DIR`: the pictures of the week, as one HTML page and PNGs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _, ngettext
from scheduler.errors import PlanError, RhythmError
from store.files import read_json

from .documents import read_plan, read_team_request
from .options import moment

if TYPE_CHECKING:
    from scheduler.domain import Plan, TeamRequest


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="charts of a plan: office days, overlap, meeting load, focus")
    parser.add_argument("plan", help="the v1 plan JSON")
    parser.add_argument("--out", required=True, metavar="DIR", help="write index.html and the PNGs here")
    parser.add_argument("--request", metavar="REQUEST",
                        help="the plan's v1 request: working hours, rules, calendars (needed by "
                             "--baseline and --actual)")
    side = parser.add_mutually_exclusive_group()
    side.add_argument("--against", metavar="PLAN", help="show this second plan beside it")
    side.add_argument("--baseline", action="store_true",
                      help="show the week planned by hand beside it (in Tuesday and Thursday, "
                           "first common free slot)")
    parser.add_argument("--actual", action="store_true",
                        help="read the calendars again and show what of the plan was kept (days "
                             "that are over, members who received the plan)")
    parser.add_argument("--now", metavar="TIME", type=moment,
                        help="with --actual: judge the days over by this time (ISO 8601 with "
                             "offset; default: the clock)")
    parser.add_argument("--buildings", metavar="FILE",
                        help='JSON {"members": {"ana": "north"}, "capacity": {"north": 4}}: '
                             "occupancy per building")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from connectors.sources import read_team_calendars
    from report.build import build_report, by_hand
    from report.html import write_report

    if (args.baseline or args.actual) and not args.request:
        raise RhythmError("--baseline and --actual need the plan's request: add --request REQUEST")
    plan = read_plan(args.plan)
    request = read_team_request(args.request) if args.request else None
    if request is not None:
        _same_team(request, plan.team, args.request)
    facts = read_team_calendars(request) if request is not None else None
    other, label, after = None, "other plan", None
    if args.against:
        other, label = read_plan(args.against), Path(args.against).stem
    elif args.baseline and request is not None and facts is not None:
        other, label = by_hand(request, facts), _("by hand")
    if args.actual and request is not None:
        from connectors.received import read_what_happened

        # The calendars as they are now: after the week, what happened.
        after = read_what_happened(plan, request)
    members, capacity = _buildings(args.buildings) if args.buildings else (None, None)
    report = build_report(plan, request, other=other, other_label=label, facts=facts, after=after,
                          buildings=members, building_capacity=capacity, now=args.now)
    index = write_report(Path(args.out), report.page(plan.timezone), report.charts, _processes(plan))
    sys.stdout.write(f"{index} (" + ngettext("%(num)d chart", "%(num)d charts", len(report.charts)) + ")\n")
    return 0


def _processes(plan: Plan) -> int:
    """Two processes for a large plan (a team of fifty over six weeks): its PNGs take a second."""
    return min(2, os.cpu_count() or 1) if len(plan.members) * plan.weeks > 60 else 1


def _same_team(request: TeamRequest, team: str, path: str) -> None:
    if request.team != team:
        raise RhythmError(f"{path}: the request is team {request.team!r}, the plan team {team!r}")


def _buildings(path: str) -> tuple[dict[str, str], dict[str, int]]:
    data = read_json(path)
    members = data.get("members") if isinstance(data, dict) else None
    capacity = data.get("capacity", {}) if isinstance(data, dict) else None
    if not isinstance(members, dict) or not all(isinstance(v, str) for v in members.values()):
        raise PlanError(f'{path}: "members" must map member ids to building names')
    if not isinstance(capacity, dict) or not all(isinstance(v, int) for v in capacity.values()):
        raise PlanError(f'{path}: "capacity" must map building names to whole numbers')
    return members, capacity
