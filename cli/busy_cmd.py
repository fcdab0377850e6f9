"""`rhythm busy CALENDAR --week MONDAY`: what the planner reads from one calendar for a week.

For checking a calendar before planning with it: which times count as busy, which days
are off, where the person says they work. Times are shown in --timezone, else in the zone
the calendar states (X-WR-TIMEZONE, or its only VTIMEZONE), else UTC; the output says which.
Reading and showing the week is `busy_week.py`, loaded when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from scheduler.errors import Problem, RequestError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "busy",
        help="show what rhythm reads from one calendar for a week",
        description="Show the busy times, days off and office/home days that rhythm reads "
        "from one calendar for a week.",
    )
    parser.add_argument(
        "calendar", metavar="CALENDAR", help="an .ics file, an https:// or webcal:// feed, or -"
    )
    parser.add_argument("--week", required=True, help="the Monday of the week, e.g. 2026-11-30")
    parser.add_argument(
        "--timezone", help="show times in this zone (default: the calendar's own zone, else UTC)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    parser.add_argument("--strict", action="store_true",
                        help="refuse the calendar at its first unreadable event (default: skip it, warn)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .busy_week import read_week, render_json, render_text  # the calendar readers

    week = monday(args.week)
    shown = read_week(args.calendar, week, args.timezone, strict=args.strict)
    if args.json:
        print(render_json(shown.facts))
        if args.timezone is None:
            print(f"rhythm busy: times in {shown.zone} ({shown.why})", file=sys.stderr)
    else:
        print(render_text(shown, week))
    return 0


def monday(text: str) -> date:
    try:
        week = date.fromisoformat(text)
    except ValueError:
        raise RequestError([Problem("--week", f"{text!r} is not a date like 2026-11-30")]) from None
    if week.weekday() != 0:
        previous = week - timedelta(days=week.weekday())
        problem = f"{week} is a {week:%A}; give the Monday of the week: {previous}"
        raise RequestError([Problem("--week", problem)])
    return week
