"""One calendar's week as `rhythm busy` shows it: read, in the zone chosen and said why, and
written out as a listing or JSON."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from connectors import ReadingContext
from connectors.ics.read import read_ics, stated_timezone
from connectors.intervals import Window
from connectors.sources import is_file_or_feed, load_ics, read_calendar_ref
from connectors.timezones import iana_name
from i18n import N_, _, formats
from scheduler.domain import CalendarFacts, Interval
from scheduler.errors import Problem, RequestError
from scheduler.plan.plan_json import warning_to_json

from .documents import CALENDAR, peek_kind, wrong_kind

_WHERE = {"office": N_("at the office"), "home": N_("working from home")}


@dataclass(frozen=True)
class BusyWeek:
    """One calendar's week as shown: the source's name, the zone and why, the facts."""

    source: str
    zone: str
    why: str
    facts: CalendarFacts


def read_week(ref: str, week: date, given: str | None, *, strict: bool = False) -> BusyWeek:
    if ref != "-" and not is_file_or_feed(ref):
        # A connector's address (outlook:, caldav:): no text to find a stated zone in.
        zone, why = (given_zone(given), _("given with --timezone")) if given else ("UTC", _("default"))
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
        return _("standard input"), sys.stdin.buffer.read()
    return load_ics(ref, Path())


def choose_zone(given: str | None, data: bytes, source: str) -> tuple[str, str]:
    if given:
        return given_zone(given), _("given with --timezone")
    stated = stated_timezone(data, source=source)
    if stated:
        return stated[0], _("the calendar's zone, from %(where)s", where=stated[1])
    return "UTC", _("the calendar states no zone of its own")


def given_zone(name: str) -> str:
    zone = iana_name(name)
    if zone is None:
        problem = _("%(name)s is not a time zone; give an IANA name such as Europe/Amsterdam",
                    name=repr(name))
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
    lines = [_("%(source)s: week of %(day)s %(year)d (%(week)s), times in %(zone)s (%(why)s)",
               source=shown.source, day=day_label(week), year=week.year, week=formats.week(week),
               zone=shown.zone, why=shown.why)]
    for day in window.dates:
        items = day_items(shown.facts, window.whole_day(day), day)
        lines.append(f"{day_label(day)}  {items[0]}")
        lines.extend(f"{'':{len(day_label(day))}}  {item}" for item in items[1:])
    if shown.facts.warnings:
        lines.append(_("%(count)d warning(s): read past what could not be read",
                       count=len(shown.facts.warnings)))
        lines.extend(f"  {warning}" for warning in shown.facts.warnings)
    return "\n".join(lines)


def day_items(facts: CalendarFacts, day_span: Interval, day: date) -> list[str]:
    items = [_("day off")] if day in facts.off_days else []
    if day in facts.locations:
        items.append(_(_WHERE[facts.locations[day]]))
    zone = day_span.start.tzinfo
    for interval in facts.busy:
        start = max(interval.start, day_span.start).astimezone(zone)
        end = min(interval.end, day_span.end).astimezone(zone)
        if start < end:
            items.append(_("%(start)s-%(end)s busy", start=clock(start, day), end=clock(end, day)))
    return items or [_("free")]


def day_label(day: date) -> str:
    return formats.day_column(day)  # "Mon 30 Nov", "Tue  1 Dec", "di  1 dec": the days line up


def clock(moment: datetime, day: date) -> str:
    # The end of a day's last busy stretch is midnight of the next: show it as 24:00.
    return "24:00" if moment.date() > day else f"{moment:%H:%M}"
