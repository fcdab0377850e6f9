"""The scan of an iCalendar text's structure: BEGIN/END nesting, each line where it is.

Strict, anything out of shape is a CalendarError naming the line. Tolerant, the scan
repairs what calendar apps read past: a mistyped or missing END closes what is open; a
line that is no content line, a property or component outside the VCALENDAR and a
VCALENDAR nested inside a component are left out; a cut-off file is closed.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from scheduler.errors import CalendarError

from ..tolerance import Tolerance
from .lines import (
    CONTENT_LINE,
    TZID,
    CalendarLines,
    Child,
    EventLines,
    content_lines,
    split_line,
    unescape_text,
)

_CRLF = "\r\n"
_TYPO = 0.75  # END:VTOOD is 0.8 like VTODO, END:VCALENDARD 0.95 like VCALENDAR; VEVENT 0.27


def scan_calendars(
    text: str, source: str, tolerance: Tolerance | None = None
) -> tuple[tuple[CalendarLines, ...], str]:
    """Check the text is iCalendar and well nested; say where everything is.

    Returns the calendars and the text icalendar should parse: the content lines as they
    are (strict, else a CalendarError) or repaired the way calendar apps read them
    (tolerant), each repair a warning.
    """
    tolerance = tolerance or Tolerance(strict=True)
    lines = list(content_lines(text))
    if not lines:
        raise CalendarError(source, "the calendar is empty")
    first_number, first = lines[0]
    if first.strip().upper() != "BEGIN:VCALENDAR":
        starts = [i for i, (_, line) in enumerate(lines) if line.strip().upper() == "BEGIN:VCALENDAR"]
        if not starts or tolerance.strict:
            # Not a calendar at all: the one thing refused even when reading tolerantly.
            message = "not an iCalendar file: it should start with BEGIN:VCALENDAR"
            raise CalendarError(source, message, line=first_number)
        tolerance.report(CalendarError(source, "the lines before BEGIN:VCALENDAR are left out", first_number))
        lines = lines[starts[0]:]
    known = len(tolerance.warnings)
    scanner = _Scanner(source, tolerance)
    scanner.scan(lines)
    readable = any(c.children or c.header.count("\n") > 2 for c in scanner.calendars)
    if len(tolerance.warnings) > known and not readable:
        # BEGIN:VCALENDAR and nothing after it that reads as iCalendar: not a calendar.
        warning = tolerance.warnings[known]
        message = f"not an iCalendar file: nothing in its VCALENDAR can be read ({warning.message})"
        raise CalendarError(source, message, warning.line)
    return tuple(scanner.calendars), _CRLF.join(scanner.out) + _CRLF


class _Scanner:
    def __init__(self, source: str, tolerance: Tolerance) -> None:
        self.source, self.tolerance = source, tolerance
        self.stack: list[tuple[str, int]] = []
        self.dropping: list[str] = []  # a component left out, with what is open inside it
        self.calendars: list[CalendarLines] = []
        self.out: list[str] = []
        self._new_calendar()

    def _new_calendar(self) -> None:
        self.events: list[EventLines] = []
        self.timezone_ids: dict[str, int] = {}
        self.event_zones: set[str] = set()
        self.x_wr_timezone: tuple[str, int] | None = None
        self.header: list[str] = []
        self.children: list[Child] = []
        self.child: list[str] = []
        self.child_events = 0

    def problem(self, message: str, number: int) -> None:
        self.tolerance.report(CalendarError(self.source, message, line=number))

    def scan(self, lines: list[tuple[int, str]]) -> None:
        name = "BEGIN"
        for index, (number, line) in enumerate(lines):
            match = CONTENT_LINE.match(line)
            if not match and index == len(lines) - 1 and self.stack:
                self.problem(self._cut_off(), number)  # a download that stopped mid-line
                break
            if not match and name in ("BEGIN", "END"):
                self.problem(f"not an iCalendar line: {line[:60]!r}", number)
                continue
            if not match:
                # A text value continued without the folding space, as some exporters
                # write DESCRIPTIONs; icalendar skips the line, and so does this scan.
                continue
            head, value = split_line(line)
            name, value = match.group(1).upper(), value.strip()
            if self.dropping:
                self._drop(name, value.upper())
            elif name == "BEGIN":
                self._begin(value.upper(), number)
            elif name == "END":
                self._end(value.upper(), number)
            else:
                self._property(name, head, value, number, line)
        if self.stack:
            self.problem(self._cut_off(), lines[-1][0])
            while self.stack:
                self._close()

    def _cut_off(self) -> str:
        component, begin = self.stack[-1]
        return f"BEGIN:{component} on line {begin} is never closed (is the file cut off?)"

    def _emit(self, line: str) -> None:
        self.out.append(line)
        (self.child if len(self.stack) > 1 else self.header).append(line)

    def _drop(self, name: str, component: str) -> None:
        if name == "BEGIN":
            self.dropping.append(component)
        elif name == "END":
            self.dropping.pop()

    def _begin(self, component: str, number: int) -> None:
        if not self.stack and component != "VCALENDAR":
            self.problem(f"BEGIN:{component} outside BEGIN:VCALENDAR ... END:VCALENDAR", number)
            self.dropping.append(component)
            return
        if self.stack and component == "VCALENDAR":
            opened, begin = self.stack[-1]
            self.problem(f"BEGIN:VCALENDAR inside BEGIN:{opened} from line {begin}", number)
            if opened != "VCALENDAR":
                self.dropping.append(component)  # a calendar pasted into an event: left out
            # else a repeated BEGIN:VCALENDAR line, left out alone: what follows is the calendar
            return
        self.stack.append((component, number))
        self._emit(f"BEGIN:{component}")
        if component == "VEVENT":
            self.events.append(EventLines(number, {}))

    def _end(self, component: str, number: int) -> None:
        if not self.stack:
            self.problem(f"END:{component} without a BEGIN", number)
            return
        opened, begin = self.stack[-1]
        if opened != component:
            self.problem(f"END:{component} closes BEGIN:{opened} from line {begin}", number)
            # A component open further out is closed with what is inside it; a name like
            # the innermost one's is a typo for it (END:VTOOD for END:VTODO); any other END
            # (whose BEGIN was lost) is left out.
            if component in (c for c, _ in self.stack):
                while self.stack[-1][0] != component:
                    self._close()
            elif SequenceMatcher(None, component, opened).ratio() < _TYPO:
                return
        self._close()

    def _close(self) -> None:
        component, begin = self.stack[-1]
        self._emit(f"END:{component}")
        self.stack.pop()
        if len(self.stack) == 1:
            events = tuple(self.events[self.child_events:])
            self.children.append(Child(component, begin, _CRLF.join(self.child) + _CRLF, events))
            self.child, self.child_events = [], len(self.events)
        if not self.stack:
            self.calendars.append(CalendarLines(
                begin, tuple(self.events), dict(self.timezone_ids), frozenset(self.event_zones),
                self.x_wr_timezone, _CRLF.join(self.header) + _CRLF, tuple(self.children),
            ))
            self._new_calendar()

    def _property(self, name: str, head: str, value: str, number: int, line: str) -> None:
        if not self.stack:
            self.problem(f"{name} outside BEGIN:VCALENDAR ... END:VCALENDAR", number)
            return
        self._emit(line)
        component = self.stack[-1][0]
        if component == "VEVENT":
            self.events[-1].properties.setdefault(name, number)
            self.event_zones.update(m.group(1).strip('"') for m in TZID.finditer(head))
        elif component == "VTIMEZONE" and name == "TZID":
            self.timezone_ids.setdefault(unescape_text(value), number)
        elif component == "VCALENDAR" and name == "X-WR-TIMEZONE":
            self.x_wr_timezone = (value, number)
