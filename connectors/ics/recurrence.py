"""Recurrence rules that cannot be expanded in reasonable time, told apart before expanding.

dateutil walks a rule from its DTSTART up to the week asked for, one period at a time,
and inside each period through every candidate the BY parts allow. A rule with INTERVAL=0
never advances (it would hang), and one repeating every minute since 1970 takes minutes.
The estimate below bounds that walk; a rule past it is refused (strict) or skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Component, Event

from scheduler.errors import CalendarError

from .context import EventContext
from .expand import PARSE_ERRORS
from .times import duration, moment

MAX_STEPS = 200_000  # about a second of dateutil on this machine (bench/fuzz_ics.py)
_PERIOD_SECONDS = {
    "SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
    "MONTHLY": 31 * 86400, "YEARLY": 366 * 86400,
}
_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")


def check_recurrence(event: Event, context: EventContext) -> CalendarError | None:
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else ([rules] if rules is not None else []):
        # recurring-ical-events looks back the event's length for occurrences that reach
        # into the week, so a start decades before its end walks those decades too.
        until = context.window.end + _length(event, context.window.end)
        problem = _rule_problem(rule, moment(event, "DTSTART"), until)
        name = event.get("UID")
        who = f"event {str(name)!r}" if name is not None else "an event without a UID"
        if problem:
            return context.error(f"RRULE of {who} {problem}", "RRULE")
        if context.steps is not None:  # the rule is fine alone; all of them together may not be
            steps = int(_walk_steps(rule, moment(event, "DTSTART"), until) or 0)
            context.steps.charge(steps, who, context.lines.line_of("RRULE"))
    return None


def costly_zones(calendar: Calendar, until: datetime) -> dict[str, str]:
    """TZID -> why, for each VTIMEZONE whose STANDARD or DAYLIGHT rule is too costly to walk:
    dateutil walks those rules on every offset it is asked for, and would hang there."""
    found = {}
    for zone in calendar.walk("VTIMEZONE"):
        for part in zone.subcomponents:
            try:
                problem = _part_problem(part, until)
            except PARSE_ERRORS as error:
                problem = f"cannot be read ({error})"
            if problem:
                found[str(zone.get("TZID", ""))] = f"{part.name} RRULE {problem}"
    return found


def _part_problem(part: Component, until: datetime) -> str | None:
    rules, start = part.get("RRULE"), getattr(part.get("DTSTART"), "dt", None)
    for rule in rules if isinstance(rules, list) else ([rules] if rules is not None else []):
        problem = _rule_problem(rule, start, until) if isinstance(start, date) else None
        if problem:
            return problem
    return None


def _rule_problem(rule: dict, start: date, until: datetime) -> str | None:
    interval = _first(rule, "INTERVAL", 1)
    if not isinstance(interval, int) or interval < 1:
        return f"has INTERVAL={interval}, which never advances"
    steps = _walk_steps(rule, start, until)
    if steps is not None and steps > MAX_STEPS:
        frequency = str(_first(rule, "FREQ", "")).lower()
        return (f"repeats {frequency} from {start} on: too many repetitions to reach "
                f"the week (more than {MAX_STEPS})")
    return None


def _walk_steps(rule: dict, start: date, until: datetime) -> float | None:
    """About how many candidates dateutil walks from `start` to `until`; None for a rule it
    cannot walk (an unknown FREQ, a zero INTERVAL: reported elsewhere)."""
    interval = _first(rule, "INTERVAL", 1)
    frequency = str(_first(rule, "FREQ", "")).upper()
    if frequency not in _PERIOD_SECONDS or not isinstance(interval, int) or interval < 1:
        return None  # icalendar reports an unknown FREQ as unreadable
    start_moment = _moment(start, until)
    stop = _moment(_first(rule, "UNTIL", until), until)
    seconds = (min(stop, until) - start_moment).total_seconds()
    periods = max(0.0, seconds) / (_PERIOD_SECONDS[frequency] * interval)
    per_period = 1
    if any(part in rule for part in _DAY_FILTERS):
        per_period = max(1, _PERIOD_SECONDS[frequency] // 86400)
    for part in _TIME_PARTS:
        per_period *= max(1, len(rule.get(part, ())))
    return periods * per_period


def _length(event: Event, like: datetime) -> timedelta:
    if "DTEND" not in event:
        return abs(duration(event)) if "DURATION" in event else timedelta(0)
    return abs(_moment(moment(event, "DTEND"), like) - _moment(moment(event, "DTSTART"), like))


def _first(rule: dict, key: str, default: object) -> object:
    values = rule.get(key)
    return values[0] if values else default


def _moment(value: object, like: datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=like.tzinfo)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=like.tzinfo)
    return like + timedelta(0)
