"""The stored copy of a calendar against the calendar itself, over mutated real calendars.

    python -m bench.stored_calendars --inputs 10000 [--seed 1] [--out findings.jsonl]

The property (tests/test_stored_calendar.py runs it in CI on a fixed budget): for every
calendar the reader accepts, `facts(stored_copy(x)) == facts(x)` (busy time, days off,
locations) in the week the door read it (the week of its first event) and in the week after,
and no free text of x survives: every line of the stored copy is in the stored copy's grammar
(the names, parameters and values rhythm writes) and no canary word put into x is in it.
A reading the half-second series bound cut short is not compared: it depends on the clock.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import icalendar
import recurring_ical_events
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from connectors.ics.lines import content_lines, split_line
from connectors.ics.minimise import read_and_minimise
from connectors.ics.read import read_ics
from connectors.ics.stored_values import RULE_PARTS, UNKNOWN_PART
from connectors.timezones import is_iana_name
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from .ics_mutations import Operation, mutate, random_operations, seed_calendars

ROOT = Path(__file__).resolve().parent.parent
ZONE = "Europe/Amsterdam"
CANARY = "Qzxcanary"
# Free text where calendars carry it, and where the stored copy once kept it (issue 20.2).
PLACES = (
    "SUMMARY:{c}", "DESCRIPTION:{c} at the clinic", "LOCATION:{c}", "COMMENT:{c}", "CATEGORIES:{c}",
    "ATTENDEE;CN={c}:mailto:{c}@example.org", "ORGANIZER;CN={c}:mailto:{c}@example.org",
    "UID:{c}@example.org", "STATUS:{c}", "TRANSP:{c}", "X-MICROSOFT-CDO-BUSYSTATUS:{c}", "SEQUENCE:{c}",
    "CALSCALE:{c}",
    "TZNAME:{c}", "X-LIC-LOCATION:{c}", "TZID:{c} time", "X-WR-TIMEZONE:{c}", "X-WR-CALNAME:{c}",
    "RRULE:FREQ=DAILY;COUNT=3;X-NOTE={c}", "DTSTART;X-NOTE={c}:20261201T100000Z",
    "DTEND;CN={c}:20261201T110000Z",
    "DTSTART;TZID={c} time:20261201T100000", "RECURRENCE-ID;RANGE={c}:20261201T100000Z", "X-{c}:{c}",
    "BEGIN:X-{c}", "BEGIN:VEVENT\nUID:{c}\nSUMMARY:{c}\nATTENDEE:mailto:{c}@example.org\n"
    "DTSTART:20261201T090000Z\nDTEND:20261201T093000Z\nEND:VEVENT",
)
_ONE = r"(\d{8}(T\d{6}Z?)?|\d{6}Z?|[+-]?P[0-9WDTHMS]+)"  # a date, date-time, time or duration
_TIMES = rf"unreadable|{_ONE}(/{_ONE})?(,{_ONE}(/{_ONE})?)*"  # a period is two of them
_OFFSET = r"[+-]\d{4}(\d\d)?|unreadable"
_COMPONENTS = "VCALENDAR|VEVENT|VTIMEZONE|STANDARD|DAYLIGHT|X-RHYTHM-NESTED"
_VALUES = {
    "DTSTART": _TIMES, "DTEND": _TIMES, "RECURRENCE-ID": _TIMES, "DURATION": _TIMES, "EXDATE": _TIMES,
    "RDATE": _TIMES, "TZOFFSETFROM": _OFFSET, "TZOFFSETTO": _OFFSET,
    "SEQUENCE": r"-?\d+|unreadable", "STATUS": "CANCELLED|CONFIRMED", "TRANSP": "TRANSPARENT|OPAQUE",
    "UID": r"\d+@rhythm", "X-MICROSOFT-CDO-BUSYSTATUS": "FREE|OOF|WORKINGELSEWHERE|BUSY",
    "SUMMARY": "Out of office|Office|Home", "VERSION": r"2\.0", "CALSCALE": "UNKNOWN",
    "PRODID": r"-//rhythm//planning facts only//EN", "BEGIN": _COMPONENTS, "END": _COMPONENTS,
    "X-RHYTHM-LINES": r"unknown|(\d+=\d+ ?)*",
}
_RULE_PART = r"[A-Z0-9+,-]+|\d{8}(T\d{6}Z?)?"


@dataclass(frozen=True)
class Outcome:
    accepted: bool  # the reader read the calendar (else refused: not a calendar)
    problems: tuple[str, ...] = ()


def door_week(text: str) -> date:
    """The Monday of the first event's DTSTART (a real calendar's own week), else 2026-11-30."""
    for _, line in content_lines(text):
        match = re.match(r"DTSTART[^:]*:(\d{4})(\d\d)(\d\d)", line)
        if match:
            try:
                day = date(*(int(part) for part in match.groups()))
            except ValueError:
                continue
            if 1900 <= day.year <= 9000:
                return day - timedelta(days=day.weekday())
    return date(2026, 11, 30)


def check_stored(text: str, name: str = "calendar.ics") -> Outcome:
    """The property on one calendar: which parts of it fail, if any."""
    week = door_week(text)
    try:
        read_ics(text, source=name, week=week, timezone=ZONE)
    except CalendarError:
        return Outcome(False)
    except Exception as error:  # the reader's own fault (bench.fuzz_ics hunts those): counted
        return Outcome(False, (f"the reader fails: {type(error).__name__}: {error}"[:600],))
    try:
        return Outcome(True, tuple(_problems(text, name, week)))
    except Exception as error:  # what this counts: the door or a reading failing
        return Outcome(True, (f"{type(error).__name__}: {error}"[:600],))


def _problems(text: str, name: str, week: date) -> list[str]:
    original, stored = read_and_minimise(text, source=name, week=week, timezone=ZONE)
    problems = [f"not in the stored grammar: {line!r}" for line in grammar_problems(stored)]
    if CANARY.lower() in stored.lower():
        problems.append("a canary word survives")
    for shift, first in ((0, original), (7, None)):
        day = week + timedelta(days=shift)
        first = first or read_ics(text, source=name, week=day, timezone=ZONE)
        again = read_ics(stored, source="stored", week=day, timezone=ZONE)
        if not (_clocked(first) or _clocked(again)) and _facts(first) != _facts(again):
            problems.append(f"week of {day}: {_facts(first)} != {_facts(again)}"[:600])
        if any("@rhythm" in w.message for w in again.warnings):
            problems.append("a warning names a stored UID")
    return problems


def grammar_problems(stored: str) -> list[str]:
    """The stored copy's lines that are not what the door writes."""
    found = []
    for _, line in content_lines(stored):
        head, value = split_line(line)
        name, *parameters = head.split(";")
        allowed = _VALUES.get(name)
        if name in ("TZID", "X-WR-TIMEZONE"):
            ok = _zone_name(value) or (name == "X-WR-TIMEZONE" and value == "unknown")
        elif name == "RRULE":
            ok = value == "" or all(_rule_part(part) for part in value.split(";"))
        else:
            ok = allowed is not None and re.fullmatch(allowed, value) is not None
        if not ok or not all(_parameter(p) for p in parameters):
            found.append(line)
    return found


def _zone_name(name: str) -> bool:
    neutral = re.fullmatch(r"rhythm-zone-\d+", name) is not None
    return neutral or is_iana_name(name) or name in WINDOWS_TO_OLSON


def _rule_part(part: str) -> bool:
    key, _, value = part.partition("=")
    return (key in RULE_PARTS or key == UNKNOWN_PART) and re.fullmatch(_RULE_PART, value) is not None


def _parameter(parameter: str) -> bool:
    key, _, value = parameter.partition("=")
    return (key, value) in (("VALUE", "DATE"), ("VALUE", "PERIOD"), ("RANGE", "THISANDFUTURE")) or (
        key == "TZID" and _zone_name(value))


def _facts(facts: CalendarFacts) -> tuple:
    return facts.busy, facts.off_days, dict(facts.locations)


def _clocked(facts: CalendarFacts) -> bool:
    return any("takes too long" in w.message for w in facts.warnings)


def with_canaries(text: str, placements: list[tuple[int, int]]) -> str:
    """The text with free text put in at lines (place index, line index)."""
    lines = text.splitlines()
    for place, at in placements:
        added = PLACES[place % len(PLACES)].format(c=CANARY).split("\n")
        index = at % (len(lines) + 1)
        lines[index:index] = added
    return "\r\n".join(lines) + "\r\n"


def seeds() -> list[tuple[str, str]]:
    return seed_calendars(Path(icalendar.__file__).parent, Path(recurring_ical_events.__file__).parent,
                          ROOT / "tests" / "fixtures" / "ics", ROOT / "examples")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stored_calendars",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="write each failing input here (JSON lines)")
    args = parser.parse_args(argv)
    calendars, rng = seeds(), random.Random(args.seed)
    counts = {"inputs": 0, "accepted": 0, "failing": 0}
    started, cpu = time.monotonic(), time.process_time()
    log = open(args.out, "w", buffering=1) if args.out else None  # noqa: SIM115 - open for the run
    for number in range(args.inputs):
        name, text = calendars[rng.randrange(len(calendars))]
        operations: list[Operation] = random_operations(rng)
        canaries = [(rng.randrange(len(PLACES)), rng.randrange(1 << 20)) for _ in range(rng.randint(0, 2))]
        outcome = check_stored(with_canaries(mutate(text, operations), canaries), name)
        counts["inputs"] += 1
        counts["accepted"] += outcome.accepted
        if outcome.problems:
            counts["failing"] += 1
            record = json.dumps({"seed": name, "operations": operations, "canaries": canaries,
                                 "problems": outcome.problems})
            print(record, file=log or sys.stderr)
        if (number + 1) % 500 == 0:
            print(json.dumps(counts), file=sys.stderr)
    spent = {"wall_s": round(time.monotonic() - started), "cpu_s": round(time.process_time() - cpu)}
    print(json.dumps({**counts, "seed_calendars": len(calendars), **spent}))
    return 1 if counts["failing"] else 0


if __name__ == "__main__":
    sys.exit(main())
