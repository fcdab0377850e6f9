"""The line structure of an iCalendar text, so that errors can name the line to look at.

icalendar parses leniently and forgets where things were; this scan checks the shape of
the text (content lines, BEGIN/END nesting) and remembers on which line each calendar,
event and property starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from scheduler.errors import CalendarError

_CONTENT_LINE = re.compile(r"^([A-Za-z0-9_-]+)[;:]")
_NEWLINE = re.compile(r"\r\n|\n|\r")
_TZID = re.compile(r';TZID=("[^"]*"|[^;]*)', re.IGNORECASE)


@dataclass(frozen=True)
class EventLines:
    """Where one VEVENT and each of its properties (first occurrence) start."""

    begin: int
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.properties.get(name, self.begin)


@dataclass(frozen=True)
class CalendarLines:
    """One VCALENDAR: its events in file order, the zones it defines (VTIMEZONE) and uses
    (TZID parameters of events), its X-WR-TIMEZONE with its line."""

    begin: int
    events: tuple[EventLines, ...]
    timezone_ids: tuple[str, ...]
    event_zones: frozenset[str]
    x_wr_timezone: tuple[str, int] | None


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


def scan_calendars(text: str, source: str) -> tuple[CalendarLines, ...]:
    """Check the text is iCalendar and well nested; say where everything is."""
    lines = list(content_lines(text))
    if not lines:
        raise CalendarError(source, "the calendar is empty")
    first_number, first = lines[0]
    if first.strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError(
            source, "not an iCalendar file: it should start with BEGIN:VCALENDAR", line=first_number
        )
    return _Scanner(source).scan(lines)


class _Scanner:
    def __init__(self, source: str) -> None:
        self.source = source
        self.stack: list[tuple[str, int]] = []
        self.calendars: list[CalendarLines] = []
        self.events: list[EventLines] = []
        self.timezone_ids: list[str] = []
        self.event_zones: set[str] = set()
        self.x_wr_timezone: tuple[str, int] | None = None

    def scan(self, lines: list[tuple[int, str]]) -> tuple[CalendarLines, ...]:
        name = "BEGIN"
        for index, (number, line) in enumerate(lines):
            match = _CONTENT_LINE.match(line)
            if not match and index == len(lines) - 1 and self.stack:
                raise self._cut_off(number)  # a download that stopped mid-line
            if not match and name in ("BEGIN", "END"):
                raise CalendarError(self.source, f"not an iCalendar line: {line[:60]!r}", number)
            if not match:
                # A text value continued without the folding space, as some exporters
                # write DESCRIPTIONs; icalendar skips the line, and so does this scan.
                continue
            head, value = split_line(line)
            name, value = match.group(1).upper(), value.strip()
            if name == "BEGIN":
                self._begin(value.upper(), number)
            elif name == "END":
                self._end(value.upper(), number)
            else:
                self._property(name, head, value, number)
        if self.stack:
            raise self._cut_off(lines[-1][0])
        return tuple(self.calendars)

    def _cut_off(self, number: int) -> CalendarError:
        component, begin = self.stack[-1]
        message = f"BEGIN:{component} on line {begin} is never closed (is the file cut off?)"
        return CalendarError(self.source, message, line=number)

    def _begin(self, component: str, number: int) -> None:
        if not self.stack and component != "VCALENDAR":
            message = f"BEGIN:{component} outside BEGIN:VCALENDAR ... END:VCALENDAR"
            raise CalendarError(self.source, message, line=number)
        self.stack.append((component, number))
        if component == "VEVENT":
            self.events.append(EventLines(number, {}))

    def _end(self, component: str, number: int) -> None:
        if not self.stack:
            raise CalendarError(self.source, f"END:{component} without a BEGIN", line=number)
        opened, begin = self.stack.pop()
        if opened != component:
            message = f"END:{component} closes BEGIN:{opened} from line {begin}"
            raise CalendarError(self.source, message, line=number)
        if component == "VCALENDAR":
            calendar = CalendarLines(
                begin,
                tuple(self.events),
                tuple(self.timezone_ids),
                frozenset(self.event_zones),
                self.x_wr_timezone,
            )
            self.calendars.append(calendar)
            self.events, self.timezone_ids, self.x_wr_timezone = [], [], None
            self.event_zones = set()

    def _property(self, name: str, head: str, value: str, number: int) -> None:
        if not self.stack:
            message = f"{name} outside BEGIN:VCALENDAR ... END:VCALENDAR"
            raise CalendarError(self.source, message, line=number)
        component = self.stack[-1][0]
        if component == "VEVENT":
            self.events[-1].properties.setdefault(name, number)
            self.event_zones.update(m.group(1).strip('"') for m in _TZID.finditer(head))
        elif component == "VTIMEZONE" and name == "TZID":
            self.timezone_ids.append(unescape_text(value))
        elif component == "VCALENDAR" and name == "X-WR-TIMEZONE":
            self.x_wr_timezone = (value, number)
