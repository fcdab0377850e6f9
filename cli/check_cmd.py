"""`rhythm check REQUEST PLAN`: list every rule a plan breaks (exit 1), e.g. after hand edits."""

from __future__ import annotations

import argparse

from scheduler.errors import RhythmError

from .documents import PLAN, TEAM, peek_kind, read_plan, read_team_request


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="check a plan against its request and calendars")
    parser.add_argument("request", help="the v1 request the plan is for")
    parser.add_argument("plan", help="the v1 plan JSON to check")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: `rhythm --help` loads no calendar reader (the validator needs no solver).
    from connectors.sources import read_team_calendars
    from scheduler.validate import validate

    if (peek_kind(args.request), peek_kind(args.plan)) == (PLAN, TEAM):
        raise RhythmError(f"{args.request} is a plan and {args.plan} a team request: the request comes "
                          f"first: `rhythm check {args.plan} {args.request}`")
    request = read_team_request(args.request)
    plan = read_plan(args.plan)
    violations = validate(request, read_team_calendars(request), plan)
    for violation in violations:
        print(f"- {violation.rule}: {violation.message}")
    if violations:
        print(f"{args.plan}: {len(violations)} broken rule(s)")
        return 1
    print(f"{args.plan}: valid, every rule holds "
          f"({len(plan.meetings)} meetings, {len(plan.unplaced)} unplaced)")
    return 0
