"""`rhythm org plan ORG --out DIR` and `rhythm org check ORG DIR`: the whole organisation's week."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from i18n import _
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
    plan.add_argument(
        "--master-time-limit", type=seconds, default=20.0, metavar="SECONDS",
        help="at most this long choosing the office days, shared out between the buildings by their people",
    )
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
    from organisation.history import open_history
    from organisation.output import write_outcome
    from organisation.run import plan_and_store, timed

    from .progress import counter, counting

    with timed("read"):
        org = read_org_request(args.org)
    with counter(_("reading calendars, choosing office days"), unit=_(" teams")) as bar:  # on a terminal only
        done = plan_and_store(
            org,
            counting(_runner(args, on_done=lambda _result: bar.update()), bar, _("teams planned")),
            open_history(args.history or _default_history()),
            master_time_limit=args.master_time_limit,
            team_time_limit=args.team_time_limit,
            alone=not args.no_alone,
            before_storing=lambda d: write_outcome(
                d.outcome, d.summary, d.coffee or {}, Path(args.out), ics=args.ics
            ),
        )
    print(render_summary(done.summary))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from connectors.sources import read_team_calendars
    from organisation.check import check_org
    from organisation.history import open_history, recent_pairs
    from scheduler.request import parse_request

    org = read_org_request(args.org)
    folder = Path(args.dir)
    if not (folder / "summary.json").is_file():
        raise RhythmError(_("%(dir)s: not a folder `rhythm org plan --out` wrote (it has no summary.json)",
                            dir=args.dir))
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
        print(_("%(dir)s: %(count)d broken organisation rule(s)", dir=args.dir, count=len(broken)))
        return 1
    pairs = len(coffee.get("pairs", [])) if isinstance(coffee, dict) else 0
    print(_("%(dir)s: valid, every organisation rule holds (%(plans)d team plans, %(pairs)d coffee dates)",
            dir=args.dir, plans=len(plans), pairs=pairs))
    return 0


LEFT_OUT_SHOWN = 10  # people without a coffee date listed in the console; all are in coffee.json


def render_summary(summary: dict[str, Any]) -> str:
    """The console's summary: desks per building and day, meetings against planning alone,
    affinities and coffee, each with a header saying what the numbers are."""
    from datetime import date

    from i18n import formats

    lines = [_("%(organisation)s, %(week)s: %(teams)d teams in %(buildings)d buildings",
               organisation=summary["organisation"],
               week=formats.week_of(date.fromisoformat(summary["week"])), teams=len(summary["teams"]),
               buildings=len(summary["buildings"]))]
    lines += _desks(summary["buildings"])
    lines += _meetings(summary)
    shared = sum(1 for a in summary["affinities"] if a["shares"])
    lines.append(_("Affinity pairs sharing an office day: %(shared)d of %(pairs)d, %(days)d shared days",
                   shared=shared, pairs=len(summary["affinities"]), days=summary["affinity_days"]))
    if "alone" in summary:
        alone = summary["alone"]
        lines.append("  " + _("planning alone: %(pairs)d pairs sharing, %(days)d shared days, %(over)d "
                              "building-days over", pairs=alone["affinities_sharing"],
                              days=alone["affinity_days"], over=alone["overflow_days"]))
    lines += _onboarding(summary.get("onboarding", []))
    lines += _coffee(summary.get("coffee"))
    lines += [_("error: %(error)s", error=e) for e in summary["errors"]]
    return "\n".join(lines)


def _desks(buildings: list[dict[str, Any]]) -> list[str]:
    """One line per building: each day as `Mon 30 Nov 82/84` (people/desks), then its lively days."""
    from datetime import date

    from i18n import formats
    from organisation.summary import LIVELY

    width = max([8] + [len(b["id"]) for b in buildings])
    building = _("building")
    width = max(width, len(building))
    low, high = (round(100 * share) for share in LIVELY)
    lines = [_("Desks used per building and day (people/desks; lively: %(low)d-%(high)d%% of desks used)",
               low=low, high=high),
             f"  {building:<{width}}  " + _("each day: people/desks, then lively days")]
    for b in buildings:
        cells, most = [], len(f"{b['desks']}/{b['desks']}")
        for day in b["days"]:
            used = f"{day['people']}/{b['desks']}"
            # Weekday names in the language (`ma 30 nov`), never "11-30" (month-day to a Dutch eye).
            cells.append(f"{formats.day(date.fromisoformat(day['date']), padded=True)} {used:<{most}}")
        lively = _("%(lively)s of %(days)s", lively=b.get("lively_days", 0), days=len(b["days"]))
        lines.append(f"  {b['id']:<{width}}  {'  '.join(cells)}  {lively}")
    return lines


def _meetings(summary: dict[str, Any]) -> list[str]:
    m = summary.get("meetings")
    if not m:
        return []
    line = _("Meetings placed: %(placed)d of %(requested)d requested", placed=m["placed"],
             requested=m["requested"])
    if "alone" not in m:
        return [line + " " + _("(no planning alone to compare: --no-alone)")]
    lines = [line + _(", %(alone)d when each team plans alone; price of coordination: %(lost)d meetings, "
                      "%(kept)d%% of time together kept", alone=m["alone"], lost=m["lost"],
                      kept=round(100 * m["overlap_kept"]))]
    rows = {t["team"]: t for t in summary["teams"]}
    losing = [_("%(team)s %(placed)d (%(alone)d alone)", team=t, placed=rows[t]["meetings_placed"],
                alone=rows[t]["alone_meetings_placed"]) for t in m["teams_losing"]]
    if losing:
        lines.append("  " + _("teams placing fewer than alone: %(teams)s", teams=", ".join(losing)))
    return lines


def _coffee(coffee: dict[str, Any] | None) -> list[str]:
    if not coffee:
        return []
    if not coffee["round"]:
        return [_("Coffee: %(reason)s", reason=coffee["reason"])]
    reach = coffee.get("reach", {})
    dated, present = reach.get("dated", 0), reach.get("with_office_day", 0)
    share = round(100 * reach.get("share", 1.0))
    lines = [_("Coffee: %(dates)d dates for %(dated)d of %(present)d people with an office day "
               "(%(share)d%%); %(left)d without a date:", dates=coffee["dates"], dated=dated, present=present,
               share=share, left=len(coffee["left_out"]))]
    lines += [f"  - {e['name']} ({e['team']}): {e['reason']}" for e in coffee["left_out"][:LEFT_OUT_SHOWN]]
    if len(coffee["left_out"]) > LEFT_OUT_SHOWN:
        more = len(coffee["left_out"]) - LEFT_OUT_SHOWN
        lines.append("  " + _("... and %(more)d more in coffee.json", more=more))
    return lines


def _onboarding(newcomers: list[dict[str, Any]]) -> list[str]:
    """Newcomers without a buddy, with the reason (those with one are in summary.json)."""
    alone = [n for n in newcomers if not n.get("buddy")]
    if not newcomers:
        return []
    lines = [_("Newcomers: %(count)d, %(alone)d without a buddy", count=len(newcomers), alone=len(alone))]
    lines += [f"  - {n.get('name', n['member'])} ({n['team']}): {n.get('reason', '')}"
              for n in alone[:LEFT_OUT_SHOWN]]
    return lines


def _runner(args: argparse.Namespace, on_done: Any = None) -> Any:
    from organisation.teams import in_process_pool

    if args.celery:
        from organisation.celery_teams import on_celery

        return on_celery()  # the bar then moves when all teams are back
    return in_process_pool(args.workers, on_done)


def _default_history() -> str:
    from store.secrets import data_dir

    return f"sqlite:///{data_dir() / 'rhythm.db'}"
