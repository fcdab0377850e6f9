"""The line structure of an iCalendar text, so that errors can name the line to look at.

icalendar parses leniently and forgets where things were; this scan checks the shape of
the text (content lines, BEGIN/END nesting) and remembers on which line each calendar,
event and property starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

CONTENT_LINE = re.compile(r"^([A-Za-z0-9_-]+)[;:]")
_NEWLINE = re.compile(r"\r\n|\n|\r")
TZID = re.compile(r';TZID=("[^"]*"|[^;]*)', re.IGNORECASE)


@dataclass(frozen=True)
class EventLines:
    """Where one VEVENT and each of its properties (first occurrence) start."""

    begin: int
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.properties.get(name, self.begin)


@dataclass(frozen=True)
class Child:
    """A component directly inside a VCALENDAR (VEVENT, VTIMEZONE, ...) as repaired text,
    so that a calendar icalendar cannot parse whole can be parsed one component at a time."""

    name: str
    begin: int
    text: str
    events: tuple[EventLines, ...]


@dataclass(frozen=True)
class CalendarLines:
    """One VCALENDAR: its events in file order, the zones it defines (VTIMEZONE: TZID -> the
    line of its TZID) and uses (TZID parameters of events), its X-WR-TIMEZONE with its line;
    its own properties and its components as text."""

    begin: int
    events: tuple[EventLines, ...]
    timezone_ids: Mapping[str, int]
    event_zones: frozenset[str]
    x_wr_timezone: tuple[str, int] | None
    header: str = ""
    children: tuple[Child, ...] = ()


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    number, current = 0, None
    for physical, line in enumerate(_NEWLINE.split(text), start=1):
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield number, current
        number, current = physical, (line if line.strip() else None)
    if current is not None:
        yield number, current


def unescape_text(value: str) -> str:
    """A TEXT value as written (Outlook escapes the commas in its zone names) as meant."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_line(line: str) -> tuple[str, str]:
    """Name with parameters, and value: split at the first colon not in a quoted parameter."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""
