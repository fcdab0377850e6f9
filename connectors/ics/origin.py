"""Where each line of a stored copy came from, so that warnings name the user's own file.

The stored copy is rebuilt (`minimise`), so its lines and UIDs are not the file's. At the
door each of its lines is mapped to the file's line it came from (`X-RHYTHM-LINES`, written
last so that it moves no line), with the name to give the calendar in warnings when the
caller gives one (`X-RHYTHM-SOURCE`: "the calendar uploaded on 2026-12-03", never the file's
own name, which is the user's words and may say what the calendar is). Reading a stored copy,
each warning and error is told in the file's terms: its line, and the event by the line it
starts on, instead of the stored copy's line and neutral UID.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from icalendar import Calendar

from scheduler.errors import CalendarError

from .checks import event_uid
from .lines import CalendarLines, EventLines
from .scan import scan_calendars

PRODID = "-//rhythm//planning facts only//EN"
LINES, SOURCE = "X-RHYTHM-LINES", "X-RHYTHM-SOURCE"
UNKNOWN = "unknown"  # a copy made from a stored copy (migrations): the file's lines are not known


@dataclass(frozen=True)
class Came:
    """One stored VCALENDAR's origin: the file's calendar, each stored event's lines there (in
    the order the reader walks the stored events), stored TZID -> the file's TZID."""

    lines: CalendarLines
    events: Sequence[EventLines]
    zones: Mapping[str, str]


def with_origin(stored: str, came: Sequence[Came] | None, label: str | None,
                through: Callable[[int | None], int | None] | None = None) -> str:
    """The stored text with its map to the file's lines (None: not known) and its label.
    `through`: the file is itself a stored copy, whose lines lead on to the user's file."""
    found: dict[int, int] = {}
    for copy, origin in zip(scan_calendars(stored, "stored copy")[0], came or (), strict=False):
        found[copy.begin] = origin.lines.begin
        if copy.x_wr_timezone and origin.lines.x_wr_timezone:
            found[copy.x_wr_timezone[1]] = origin.lines.x_wr_timezone[1]
        for tzid, line in copy.timezone_ids.items():
            found[line] = origin.lines.timezone_ids.get(origin.zones.get(tzid, ""), origin.lines.begin)
        for copied, original in zip(copy.events, origin.events, strict=False):
            found[copied.begin] = original.begin
            for name, line in copied.properties.items():
                found[line] = original.line_of(name)
    if through is not None:
        found = {a: c for a, b in found.items() if (c := through(b)) is not None}
    value = " ".join(f"{a}={b}" for a, b in sorted(found.items())) if came is not None else UNKNOWN
    added = _folded(f"{LINES}:{value}") + (_folded(f"{SOURCE}:{_escaped(label)}") if label else "")
    end = stored.rindex("END:VCALENDAR")
    return stored[:end] + added + stored[end:]


@dataclass(frozen=True)
class Origin:
    """How to tell a stored copy's warnings in the file's terms."""

    lines: tuple[tuple[int, int], ...] | None  # (stored line, file's line), sorted; None: not known
    label: str | None
    starts: Mapping[str, int]  # stored UID -> the line its first event starts on, in the copy

    def translate(self, error: CalendarError, uid: str | None) -> tuple[CalendarError, None]:
        message, line = error.problem, self.line(error.line)
        if uid is not None:
            start = self.line(self.starts.get(uid))
            message = message.replace(f"event {uid!r}", f"the event on line {start}" if start else "an event")
            line = line or start  # a series that cannot be expanded: where it starts
        return CalendarError(self.label or error.source, message, line), None

    def line(self, line: int | None) -> int | None:
        if line is None or not self.lines:
            return None
        at = bisect.bisect_right(self.lines, line, key=lambda pair: pair[0]) - 1
        return self.lines[max(at, 0)][1]  # a line not mapped belongs to the one before


def stored_origin(calendars: Sequence[tuple[Calendar, CalendarLines]]) -> Origin | None:
    """The origin a stored copy carries; None for any other calendar."""
    mapped = [c for c, _ in calendars if str(c.get("PRODID", "")) == PRODID and LINES in c]
    if not mapped:
        return None
    raw = str(mapped[-1][LINES])
    pairs = [part.split("=", 1) for part in raw.split() if "=" in part]
    known = sorted((int(a), int(b)) for a, b in pairs if a.isdigit() and b.isdigit())
    lines = None if raw.strip() == UNKNOWN else tuple(known)
    label = str(mapped[-1][SOURCE]) if SOURCE in mapped[-1] else None
    starts: dict[str, int] = {}
    for calendar, where in calendars:
        events = calendar.events
        if len(events) == len(where.events):
            for event, event_lines in zip(events, where.events, strict=True):
                starts.setdefault(event_uid(event) or "", event_lines.begin)
    return Origin(lines, label, starts)


def _folded(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1); the text is ASCII."""
    parts = [line[:75]] + [line[n:n + 74] for n in range(75, len(line), 74)]
    return "\r\n ".join(parts) + "\r\n"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
