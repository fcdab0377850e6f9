"""`rhythm plan REQUEST`: plan the week, print it as a table, write the plan and calendars."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path

from i18n import gettext
from scheduler.solve import DEFAULT_TIME_LIMIT
from store.files import write_atomically

from .documents import read_plan, read_team_request
from .options import at_least_one, moment, seconds


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("plan", help="plan a team's week from a v1 request")
    parser.add_argument("request", help="the v1 request (JSON file, or - for standard input)")
    parser.add_argument("--out", metavar="PLAN", help="write the v1 plan JSON to this file")
    parser.add_argument("--ics", metavar="DIR", help="write one .ics calendar per member here")
    parser.add_argument("--time-limit", type=seconds, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                        help=f"stop searching after this long (default {DEFAULT_TIME_LIMIT:g})")
    parser.add_argument("--workers", type=at_least_one,
                        help="CP-SAT's racing workers, once one worker has not proven a stage "
                             "(default 8, or one a core)")
    parser.add_argument("--racing", action="store_true",
                        help="let CP-SAT's workers race from the start: two runs of the same "
                             "request may give different, equally good plans")
    parser.add_argument("--deterministic", action="store_true",
                        help="one worker only, stopped on deterministic time: the same plan even "
                             "when the time limit cuts the search short; less proven on large teams")
    parser.add_argument("--horizon", choices=("auto", "whole", "by_week"), default="auto",
                        help="a plan over several weeks: one model of every week (a proven rhythm, "
                             "for small teams), or the rhythm on the typical week and then week by "
                             "week (large teams; less memory, fewer exceptions); default auto")
    parser.add_argument("--json", action="store_true", help="print the plan JSON, not the table")
    parser.add_argument("--strict", action="store_true",
                        help="refuse a calendar at its first unreadable event (default: skip it, warn)")
    parser.add_argument("--current", metavar="PLAN",
                        help="re-plan from the plan in use: move only what must move")
    parser.add_argument("--now", metavar="TIME", type=moment,
                        help="with --current: the moment freeze_hours counts from "
                             "(ISO 8601 with offset; default: now)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The solver, the rules and the calendar readers load here: every other command, and
    # `rhythm --help`, starts without them (OR-Tools alone took 0.6 s).
    from connectors.ics.export import write_member_calendars
    from connectors.sources import read_team_calendars
    from constraints import RULES
    from scheduler.plan.plan_json import plan_to_json
    from scheduler.solve import SolveSettings, plan_checked

    from .progress import clock
    from .table import render_week

    request = read_team_request(args.request)
    facts = read_team_calendars(request, strict=args.strict)
    current = read_plan(args.current) if args.current else None
    settings = SolveSettings(time_limit=args.time_limit, workers=args.workers,
                             reproducible=not args.racing, deterministic=args.deterministic,
                             horizon=args.horizon)
    # Several weeks can take a while: a bar of the time against the limit (on a terminal only).
    several = request.weeks > 1
    with clock(f"planning {request.weeks} weeks", settings.time_limit) if several else nullcontext():
        plan = plan_checked(request, facts, RULES, settings, current=current, now=args.now)
    document = json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_atomically(args.out, document)
    if args.ics:
        write_member_calendars(plan, request, Path(args.ics))
    sys.stdout.write(document if args.json else render_week(plan, request) + "\n")
    for member, warnings in plan.calendar_warnings.items():
        for warning in warnings:
            print("rhythm plan: " + gettext("warning: %(name)s's calendar %(warning)s",
                                            name=request.name_of(member), warning=warning), file=sys.stderr)
    return 0


