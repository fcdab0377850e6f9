"""Mutations of real calendars, for fuzzing the ICS reader (`bench.fuzz_ics` and the
Hypothesis test in tests/test_ics_fuzz.py).

A mutation is a list of operations `(kind, a, b)` on the calendar's lines: delete,
duplicate, swap or move lines, put a hostile value or property in, cut the text, add a
parameter. Hostile values are what broke the reader once (a repeated DTSTART, a duration
for a date, RRULE:FREQ=MINUTELY;INTERVAL=0, a nested VCALENDAR) and their kin.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

Operation = tuple[int, int, int]

VALUES = (
    "P1D", "0", "-1", "", "99991231T235959", "00010101T000000", "20261301T250000", "20261201",
    "20261201T100000Z", "19700101T000000Z", "FREQ=MINUTELY;INTERVAL=0", "FREQ=SECONDLY",
    "FREQ=MINUTELY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;COUNT=999999999",
    "FREQ=WEEKLY;UNTIL=20261201", "FREQ=HOURLY;BYSECOND=0,1,2,3,4,5;BYMINUTE=0,1,2,3",
    "FREQ=MONTHLY;BYDAY=5FR;BYSETPOS=-1", "+5744", "-PT1H", "P99999W", "PT0S", "Mars/Olympus",
    "BEGIN:VCALENDAR", "END:VTOOD", "\x00", "\u00fc\u2028", "20261201T100000/PT1H", "TRANSPARENT",
    "CANCELLED", "OOF", "20261201T100000Z,20261202T100000Z,xx",
)
PROPERTIES = (
    "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID", "UID", "BEGIN",
    "END", "TZID", "X-WR-TIMEZONE", "DTSTART;VALUE=DATE", "DTSTART;TZID=Western/Central Europe",
    "EXRULE", "STATUS", "TRANSP", "X-MICROSOFT-CDO-BUSYSTATUS", "TZOFFSETTO",
)
PARAMETERS = (";VALUE=DATE", ";VALUE=PERIOD", ";TZID=Mars/Olympus", ";TZID=(UTC+01:00) Amsterdam",
              ";VALUE=DATE-TIME", ";RANGE=THISANDFUTURE", ';TZID="unterminated')
KINDS = 9


def mutate(text: str, operations: Sequence[Operation]) -> str:
    lines = text.splitlines()
    for kind, a, b in operations:
        if not lines:
            break
        lines = _apply(lines, kind % KINDS, a, b)
    return "\r\n".join(lines) + "\r\n"


def _apply(lines: list[str], kind: int, a: int, b: int) -> list[str]:
    i, j = a % len(lines), b % len(lines)
    line = lines[i]
    if kind == 0:
        return lines[:i] + lines[i + 1:]
    if kind == 1:
        return [*lines[:i + 1], line, *lines[i + 1:]]
    if kind == 2:
        lines = list(lines)
        lines[i], lines[j] = lines[j], lines[i]
        return lines
    if kind == 3:
        name = line.partition(":")[0]
        return [*lines[:i], f"{name}:{VALUES[b % len(VALUES)]}", *lines[i + 1:]]
    if kind == 4:
        added = f"{PROPERTIES[b % len(PROPERTIES)]}:{VALUES[(b // len(PROPERTIES)) % len(VALUES)]}"
        return [*lines[:i], added, *lines[i:]]
    if kind == 5:
        joined = "\n".join(lines)
        return joined[: a % (len(joined) + 1)].split("\n")
    if kind == 6:
        position = b % (len(line) + 1)
        changed = line[:position] + VALUES[a % len(VALUES)][:1] + line[position + 1:]
        return [*lines[:i], changed, *lines[i + 1:]]
    if kind == 7:
        moved = [*lines[:i], *lines[i + 1:]]
        return [*moved[:j], line, *moved[j:]]
    name, colon, value = line.partition(":")
    return [*lines[:i], f"{name}{PARAMETERS[b % len(PARAMETERS)]}{colon}{value}", *lines[i + 1:]]


def random_operations(rng: random.Random, most: int = 4) -> list[Operation]:
    return [(rng.randrange(KINDS), rng.randrange(1 << 30), rng.randrange(1 << 30))
            for _ in range(rng.randint(1, most))]


def seed_calendars(*folders: Path) -> list[tuple[str, str]]:
    """(name, text) of every .ics with a VCALENDAR under the folders, in a fixed order."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.ics")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            if "BEGIN:VCALENDAR" in text.upper():
                found.append((path.name, text))
    return found
