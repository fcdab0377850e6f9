"""Connectors: where calendars are read from and where plans are written to.

Two boundaries, stated here so that every connector meets the same shape:

- a **calendar source** is a `CalendarReader`: an address (`outlook:ana@example.com`,
  `caldav:https://...`, a feed) read for the week of a `ReadingContext` into the planner's
  `CalendarFacts`. `sources.py` picks the reader by the address's scheme.
- a **calendar sink** is a `CalendarSink`: a member's calendar that rhythm writes planned blocks
  into, by stable key (`sync/`).

The packages: `ics/` reads and writes iCalendar text (the pipeline: scan, check, expand, read
facts; minimise for storage; export), `feeds/` fetches feeds (`guarded.py`: the one guarded
path for server-side fetches), `sync/` turns a plan into a member's calendar events and
pushes them through a sink, `outlook/` (Microsoft Graph) and `caldav/` are the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from scheduler.domain import CalendarFacts, TeamRequest

    from .sync.blocks import DesiredEvent, WrittenEvent


@dataclass(frozen=True)
class ReadingContext:
    """What every reader needs: the week, the team's zone, where relative paths start."""

    week: date
    timezone: str
    days: int = 7
    base_dir: Path | None = None
    strict: bool = False  # refuse a calendar at its first unreadable event (`--strict`)
    # Reading what happened to a plan (`connectors/received.py`): its events' UIDs and sync
    # keys. Readers then keep rhythm's own events as busy (they are what was kept of the plan)
    # and say which of these they found (`CalendarFacts.received`).
    plan_events: frozenset[str] = frozenset()

    @classmethod
    def of(cls, request: TeamRequest, days: int = 7, strict: bool = False,
           plan_events: frozenset[str] = frozenset()) -> ReadingContext:
        return cls(request.week, request.timezone, days, request.base_dir, strict, plan_events)


class CalendarReader(Protocol):
    """Reads the calendar at an address (`outlook:ana@example.com`) for the week."""

    def __call__(self, ref: str, context: ReadingContext) -> CalendarFacts: ...


class CalendarSink(Protocol):
    """A member's calendar that rhythm can write to (Outlook, CalDAV, ...).

    A sink with a true `writes_series` attribute gets a plan's recurring slots as one
    `DesiredEvent` per slot with a `recurrence`; any other sink gets each week's occurrence
    as its own event, as before.
    """

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        """Events rhythm wrote whose key starts with `prefix`, overlapping [start, end)."""

    def create(self, event: DesiredEvent) -> None: ...

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None: ...

    def delete(self, old: WrittenEvent) -> None: ...
