"""`rhythm check REQUEST PLAN`: list every rule a plan breaks (exit 1), e.g. after hand edits."""

from __future__ import annotations

import argparse

from i18n import gettext, ngettext
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
        raise RhythmError(gettext("%(request)s is a plan and %(plan)s a team request: the request comes "
                                  "first: `rhythm check %(plan)s %(request)s`", request=args.request,
                                  plan=args.plan))
    request = read_team_request(args.request)
    plan = read_plan(args.plan)
    violations = validate(request, read_team_calendars(request), plan)
    for violation in violations:
        print(f"- {violation.rule}: {violation.message}")
    if violations:
        print(ngettext("%(plan)s: %(num)d broken rule", "%(plan)s: %(num)d broken rules", len(violations),
                       plan=args.plan))
        return 1
    print(gettext("%(plan)s: valid, every rule holds (%(meetings)d meetings, %(unplaced)d unplaced)",
                  plan=args.plan, meetings=len(plan.meetings), unplaced=len(plan.unplaced)))
    return 0
