"""A plan's blocks as they should stand in a calendar, and as rhythm wrote them before."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from scheduler.domain import Weekday

Kind = Literal["meeting", "lunch", "focus", "office"]


CATEGORIES: dict[Kind, str] = {
    "meeting": "Meeting", "lunch": "Lunch", "focus": "Focus", "office": "Office day",
}


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    required: bool = True


@dataclass(frozen=True)
class Override:
    """A week of a series that does not happen as the series says: moved, or elsewhere."""

    original: date  # the slot's date that week: how the calendar finds the occurrence
    start: datetime
    end: datetime
    location: str | None = None
    online: bool = False


@dataclass(frozen=True)
class Recurrence:
    """A weekly series over the plan's weeks (only for sinks that write series)."""

    weekday: Weekday
    first: date  # the slot's date in the first week, even if that week is moved or skipped
    weeks: int  # occurrences before exceptions: one a week
    skipped: tuple[date, ...] = ()
    overrides: tuple[Override, ...] = ()

    def content(self) -> list[object]:
        return [self.weekday, self.first.isoformat(), self.weeks, [d.isoformat() for d in self.skipped],
                [(o.original.isoformat(), o.start.isoformat(), o.end.isoformat(), o.location, o.online)
                 for o in self.overrides]]


@dataclass(frozen=True)
class DesiredEvent:
    """One block of the plan as it should stand in one member's calendar."""

    key: str  # stable across re-exports and re-plans: "<team>/<week>/<kind>/<id>"
    kind: Kind
    title: str
    start: datetime | date  # a date for all-day events (office days)
    end: datetime | date
    busy: bool = True
    attendees: tuple[Attendee, ...] = ()
    location: str | None = None
    online: bool = False
    body: str = ""
    recurrence: Recurrence | None = None  # a series: start/end are its first week's slot

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def category(self) -> str:
        return CATEGORIES[self.kind]

    def fingerprint(self) -> str:
        """Changes whenever anything a person would see changes; stored beside the key."""
        content = [self.kind, self.title, self.start.isoformat(), self.end.isoformat(), self.busy,
                   [(a.email, a.required) for a in self.attendees], self.location, self.online,
                   self.body]
        if self.recurrence is not None:  # added only for series: single events keep their prints
            content.append(self.recurrence.content())
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class WrittenEvent:
    """An event rhythm wrote earlier, as the sink reads it back."""

    key: str
    remote_id: str  # the service's own id (Graph event id, CalDAV href)
    fingerprint: str
    title: str = ""
    start: datetime | date | None = None
