"""Where an event is and what its calendar defines: what the checks on one event need.

Its own module so that the checks (`checks.py`), the recurrence limits (`recurrence.py`) and
the zones (`zones.py`) share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from scheduler.errors import CalendarError

from ..budget import CalendarSteps
from ..intervals import Window
from .lines import EventLines


@dataclass(frozen=True)
class EventContext:
    """Where an event is and what its calendar defines: what the checks need besides it."""

    source: str
    lines: EventLines
    floating: tzinfo
    window: Window
    costly: frozenset[str] = frozenset()  # TZIDs of VTIMEZONEs too costly to use (recurrence.py)
    own: Mapping[str, tzinfo] = field(default_factory=dict)  # TZID -> this calendar's VTIMEZONE
    steps: CalendarSteps | None = None  # what this calendar's recurring events may walk together

    def error(self, message: str, name: str | None = None) -> CalendarError:
        line = self.lines.line_of(name) if name else self.lines.begin
        return CalendarError(self.source, message, line=line)
