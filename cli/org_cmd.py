"""`rhythm org plan ORG --out DIR` and `rhythm org check ORG DIR`: the whole organisation's week."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scheduler.errors import RhythmError
from store.files import read_json

from .documents import read_org_request
from .options import at_least_one, seconds


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("org", help="plan or check a whole organisation's week")
    commands = parser.add_subparsers(dest="org_command", required=True)
    plan = commands.add_parser("plan", help="plan every team together: desks, affinities, coffee dates")
    plan.add_argument("org", help="the organisation request (JSON)")
    plan.add_argument(
        "--out", required=True, metavar="DIR", help="write plans, calendars and the summary here"
    )
    plan.add_argument(
        "--workers", type=at_least_one, default=2, help="team solves at once in a local process pool"
    )
    plan.add_argument(
        "--celery", action="store_true", help="solve the teams on `rhythm worker`s through CELERY_BROKER_URL"
    )
    plan.add_argument("--team-time-limit", type=seconds, default=2.0, metavar="SECONDS")
    plan.add_argument("--master-time-limit", type=seconds, default=10.0, metavar="SECONDS")
    plan.add_argument(
        "--no-alone", action="store_true", help="do not also plan each team alone (no price of coordination)"
    )
    plan.add_argument("--ics", action="store_true", help="also write one .ics per member, coffee included")
    plan.add_argument(
        "--history",
        metavar="DB-URL",
        help="coffee rounds and summaries (default: the web app's database in the data folder)",
    )
    plan.set_defaults(func=run_plan)
    check = commands.add_parser("check", help="check the organisation's rules on a planned folder")
    check.add_argument("org", help="the organisation request")
    check.add_argument("dir", help="the folder `rhythm org plan --out` wrote")
    check.add_argument("--history", metavar="DB-URL", help="the coffee history the round was planned with")
    check.set_defaults(func=run_check)


def run_plan(args: argparse.Namespace) -> int:
    from organisation.check import check_org
    from organisation.coffee import coffee_round
    from organisation.history import earlier_rounds, open_history, recent_pairs, store_round, store_summary
    from organisation.output import write_outcome
    from organisation.planner import plan_org
    from organisation.summary import summarise

    org = read_org_request(args.org)
    outcome = plan_org(
        org,
        _runner(args),
        master_time_limit=args.master_time_limit,
        team_time_limit=args.team_time_limit,
        alone=not args.no_alone,
    )
    failed = [r.error for r in outcome.plans.values() if r.error]
    if failed:
        # One team's week is part of everyone's (desks, coffee): nothing is written or stored.
        raise RhythmError("these teams cannot be planned, so nothing was written:\n" + "\n".join(failed))
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    summary = summarise(outcome)
    history = open_history(args.history or _default_history())
    coffee: dict[str, Any] | None = None
    recent: set[frozenset[str]] = set()
    if org.coffee is not None:
        with history() as db:
            recent = recent_pairs(db, org.organisation, org.week)
            last = next(iter(earlier_rounds(db, org.organisation, org.week, 1)), None)
        coffee = coffee_round(org, plans, outcome.facts, recent, last)
    broken = check_org(org, plans, summary, coffee, outcome.facts, recent)
    if broken:
        lines = "\n".join(f"- {v}" for v in broken)
        raise RhythmError(f"the organisation plan breaks its rules (please report):\n{lines}")
    write_outcome(outcome, summary, coffee or {}, Path(args.out), ics=args.ics)
    with history() as db, db.begin():
        store_summary(db, org.organisation, org.week, summary, org.viewers)
        if coffee is not None and coffee["round"]:
            emails = {m.id: m.email for t in org.teams for m in t.request.members}
            store_round(db, org.organisation, org.week, coffee["pairs"], emails)
    print(render_summary(summary, coffee))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from connectors.sources import read_team_calendars
    from organisation.check import check_org
    from organisation.history import open_history, recent_pairs
    from scheduler.request import parse_request

    org = read_org_request(args.org)
    folder = Path(args.dir)
    if not (folder / "summary.json").is_file():
        raise RhythmError(f"{args.dir}: not a folder `rhythm org plan --out` wrote (it has no summary.json)")
    plans, facts = {}, {}
    for team in org.teams:
        path = folder / "teams" / f"{team.name}.plan.json"
        if path.exists():
            plans[team.name] = read_json(str(path))
            request = parse_request(
                read_json(str(folder / "teams" / f"{team.name}.request.json")), base_dir=Path("/")
            )
            facts[team.name] = read_team_calendars(request)
    summary = read_json(str(folder / "summary.json"))
    coffee_path = folder / "coffee.json"
    coffee = read_json(str(coffee_path)) if coffee_path.exists() else None
    with open_history(args.history or _default_history())() as db:
        recent = recent_pairs(db, org.organisation, org.week)
    broken = check_org(org, plans, summary, coffee, facts, recent)  # type: ignore[arg-type]
    for violation in broken:
        print(f"- {violation}")
    if broken:
        print(f"{args.dir}: {len(broken)} broken organisation rule(s)")
        return 1
    pairs = len(coffee.get("pairs", [])) if isinstance(coffee, dict) else 0
    print(f"{args.dir}: valid, every organisation rule holds ({len(plans)} team plans, {pairs} coffee dates)")
    return 0


def render_summary(summary: dict[str, Any], coffee: dict[str, Any] | None) -> str:
    from datetime import date

    from i18n import _, formats

    week = date.fromisoformat(summary["week"])
    lines = [_("%(organisation)s, %(week)s: %(teams)d teams", organisation=summary["organisation"],
               week=formats.week_of(week), teams=len(summary["teams"]))]
    for building in summary["buildings"]:
        # Weekday names, not "11-30" (a Dutch reader takes that for the 11th of the 30th month).
        days = "  ".join(f"{formats.day(date.fromisoformat(d['date']), padded=True)} {d['people']:>4}"
                         for d in building["days"])
        desks = _("desks %(desks)5d", desks=building["desks"])
        lines.append(f"  {building['id']:<12} {desks}  {days}")
    shared = sum(1 for a in summary["affinities"] if a["shares"])
    lines.append("  " + _("affinity pairs sharing an office day: %(shared)d of %(pairs)d, "
                          "%(days)s shared days", shared=shared, pairs=len(summary["affinities"]),
                          days=summary["affinity_days"]))
    if "alone" in summary:
        alone = summary["alone"]
        lines.append("  " + _("teams planning alone: %(pairs)s pairs sharing, %(days)s shared days, "
                              "%(over)s building-days over", pairs=alone["affinities_sharing"],
                              days=alone["affinity_days"], over=alone["overflow_days"]))
    if coffee:
        lines.append("  " + (
            _("coffee: %(dates)d dates, %(left)d left out", dates=len(coffee["pairs"]),
              left=len(coffee["left_out"]))
            if coffee["round"]
            else _("coffee: %(reason)s", reason=coffee["reason"])
        ))
    lines += ["  " + _("error: %(error)s", error=e) for e in summary["errors"]]
    return "\n".join(lines)


def _runner(args: argparse.Namespace) -> Any:
    from organisation.teams import in_process_pool

    if args.celery:
        from organisation.celery_teams import on_celery

        return on_celery()
    return in_process_pool(args.workers)


def _default_history() -> str:
    from store.secrets import data_dir

    return f"sqlite:///{data_dir() / 'rhythm.db'}"
