"""The v1 plan as values: what the solver returns and what `rhythm check` validates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from scheduler.domain.team import CalendarWarning, Interval, Weekday

Status = Literal["optimal", "feasible", "infeasible"]
# How a placed meeting happens: the request's `where`, with `any` resolved by who is at
# the office that day (all required attendees: office; none: online; some: hybrid).
PlacedWhere = Literal["office", "online", "hybrid"]


@dataclass(frozen=True)
class PlacedMeeting:
    id: str  # "<request>#<occurrence>", occurrences numbered by day
    request: str
    title: str
    start: datetime
    end: datetime
    attendees: tuple[str, ...]
    optional: tuple[str, ...] = ()
    where: PlacedWhere = "online"
    room: str | None = None  # only when the request lists rooms
    chair: str | None = None  # a hybrid meeting's chair: someone not in the room
    pinned: bool = False  # a re-plan never moves it


@dataclass(frozen=True)
class Block:
    """A member's lunch or focus block."""

    member: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Unplaced:
    request: str
    occurrence: int
    reason: str


@dataclass(frozen=True)
class MissingBlock:
    """A lunch or focus block the rules ask for that the member's calendar leaves no room for."""

    kind: Literal["lunch", "focus"]
    member: str
    reason: str
    date: date | None = None


@dataclass(frozen=True)
class PatternMeeting:
    """One weekly slot of a recurring meeting: the rhythm the weeks follow."""

    request: str
    weekday: Weekday
    start: time
    end: time


@dataclass(frozen=True)
class Rhythm:
    """The repeating week: recurring meetings' slots and each member's office weekdays."""

    meetings: tuple[PatternMeeting, ...] = ()
    office_days: Mapping[str, tuple[Weekday, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PatternException:
    """A week that cannot keep the rhythm, and why."""

    week: date
    kind: Literal["moved", "skipped", "office"]
    reason: str
    request: str | None = None  # moved / skipped meetings
    member: str | None = None  # office-day exceptions
    original: datetime | None = None  # where the rhythm would have put it
    moved_to: datetime | None = None
    office_days: tuple[date, ...] = ()  # the member's office days that week
    # The week's calendars themselves rule the rhythm out (someone busy, off or working
    # elsewhere), rather than the plan choosing to: what a better solve could not avoid.
    forced_by_calendar: bool = False


@dataclass(frozen=True)
class Change:
    """What a re-plan changed compared with the plan in use: a meeting of `request`, or a
    `member`'s lunch or focus `block` (then `request` is None)."""

    kind: Literal["moved", "added", "removed"]
    request: str | None
    reason: str
    before: datetime | None = None
    after: datetime | None = None
    block: Literal["lunch", "focus"] | None = None
    member: str | None = None


@dataclass(frozen=True)
class Person:
    """Who a member id is, so a plan alone is enough to send invitations from."""

    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True)
class Plan:
    team: str
    week: date
    timezone: str
    status: Status
    meetings: tuple[PlacedMeeting, ...] = ()
    lunches: tuple[Block, ...] = ()
    focus: tuple[Block, ...] = ()
    office_days: Mapping[str, tuple[date, ...]] = field(default_factory=dict)
    unplaced: tuple[Unplaced, ...] = ()
    unplaced_blocks: tuple[MissingBlock, ...] = ()
    metrics: Mapping[str, int | float] = field(default_factory=dict)
    members: tuple[Person, ...] = ()
    weeks: int = 1
    rhythm: Rhythm | None = None  # only for plans over several weeks
    exceptions: tuple[PatternException, ...] = ()
    changes: tuple[Change, ...] = ()  # only for re-plans (`rhythm plan --current`)
    # Days at office capacity with someone at home who could have come: capacity, not the
    # team's choice, kept the overlap down.
    full_office_days: tuple[date, ...] = ()
    # Member id -> what their calendars had that was skipped or guessed (tolerant reading).
    calendar_warnings: Mapping[str, tuple[CalendarWarning, ...]] = field(default_factory=dict)
    version: int = 1
    # What the calendars said when the plan was made, for its figures (`availability.py`):
    # member id -> workdays off, and busy time inside working hours. None in older plans.
    days_off: Mapping[str, tuple[date, ...]] | None = None
    busy: Mapping[str, tuple[Interval, ...]] | None = None
