"""`rhythm busy CALENDAR --week MONDAY`: what the planner reads from one calendar for a week.

For checking a calendar before planning with it: which times count as busy, which days
are off, where the person says they work. Times are shown in --timezone, else in the zone
the calendar states (X-WR-TIMEZONE, or its only VTIMEZONE), else UTC; the output says which.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from connectors import ReadingContext
from connectors.ics.read import read_ics, stated_timezone
from connectors.intervals import Window
from connectors.sources import is_file_or_feed, load_ics, read_calendar_ref
from connectors.timezones import iana_name
from scheduler.domain import CalendarFacts, Interval
from scheduler.errors import Problem, RequestError
from scheduler.plan.plan_json import warning_to_json

from .documents import CALENDAR, peek_kind, wrong_kind

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WHERE = {"office": "at the office", "home": "working from home"}


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


@dataclass(frozen=True)
class BusyWeek:
    """One calendar's week as shown: the source's name, the zone and why, the facts."""

    source: str
    zone: str
    why: str
    facts: CalendarFacts


def run(args: argparse.Namespace) -> int:
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


def read_week(ref: str, week: date, given: str | None, *, strict: bool = False) -> BusyWeek:
    if ref != "-" and not is_file_or_feed(ref):
        # A connector's address (outlook:, caldav:): no text to find a stated zone in.
        zone, why = (given_zone(given), "given with --timezone") if given else ("UTC", "default")
        context = ReadingContext(week, zone, base_dir=Path(), strict=strict)
        return BusyWeek(ref, zone, why, read_calendar_ref(ref, context))
    found = peek_kind(ref)
    if found not in (None, CALENDAR):  # a request or a plan: say so, not "not an iCalendar file"
        raise wrong_kind(ref, found, CALENDAR)
    source, data = load_calendar(ref)
    zone, why = choose_zone(given, data, source)
    facts = read_ics(data, source=source, week=week, timezone=zone, strict=strict)
    return BusyWeek(source, zone, why, facts)


def load_calendar(ref: str) -> tuple[str, bytes]:
    if ref == "-":
        return "standard input", sys.stdin.buffer.read()
    return load_ics(ref, Path())


def choose_zone(given: str | None, data: bytes, source: str) -> tuple[str, str]:
    if given:
        return given_zone(given), "given with --timezone"
    stated = stated_timezone(data, source=source)
    if stated:
        return stated[0], f"the calendar's zone, from {stated[1]}"
    return "UTC", "the calendar states no zone of its own"


def given_zone(name: str) -> str:
    zone = iana_name(name)
    if zone is None:
        problem = f"{name!r} is not a time zone; give an IANA name such as Europe/Amsterdam"
        raise RequestError([Problem("--timezone", problem)])
    return zone


def render_json(facts: CalendarFacts) -> str:
    return json.dumps(
        {
            "busy": [{"start": i.start.isoformat(), "end": i.end.isoformat()} for i in facts.busy],
            "off_days": [day.isoformat() for day in sorted(facts.off_days)],
            "locations": {day.isoformat(): facts.locations[day] for day in sorted(facts.locations)},
            "warnings": [warning_to_json(w) for w in facts.warnings],
        },
        indent=2,
    )


def render_text(shown: BusyWeek, week: date) -> str:
    window = Window(week, 7, ZoneInfo(shown.zone))
    lines = [f"{shown.source}: week of {day_label(week)} {week.year}, times in {shown.zone} ({shown.why})"]
    for day in window.dates:
        items = day_items(shown.facts, window.whole_day(day), day)
        lines.append(f"{day_label(day)}  {items[0]}")
        lines.extend(f"{'':{len(day_label(day))}}  {item}" for item in items[1:])
    if shown.facts.warnings:
        lines.append(f"{len(shown.facts.warnings)} warning(s): read past what could not be read")
        lines.extend(f"  {warning}" for warning in shown.facts.warnings)
    return "\n".join(lines)


def day_items(facts: CalendarFacts, day_span: Interval, day: date) -> list[str]:
    items = ["day off"] if day in facts.off_days else []
    if day in facts.locations:
        items.append(_WHERE[facts.locations[day]])
    zone = day_span.start.tzinfo
    for interval in facts.busy:
        start = max(interval.start, day_span.start).astimezone(zone)
        end = min(interval.end, day_span.end).astimezone(zone)
        if start < end:
            items.append(f"{clock(start, day)}-{clock(end, day)} busy")
    return items or ["free"]


def day_label(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day:>2} {_MONTHS[day.month - 1]}"


def clock(moment: datetime, day: date) -> str:
    # The end of a day's last busy stretch is midnight of the next: show it as 24:00.
    return "24:00" if moment.date() > day else f"{moment:%H:%M}"
