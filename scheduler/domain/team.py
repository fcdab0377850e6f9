"""The domain of a team week: plain frozen values, no solver and no I/O.

A `TeamRequest` is the v1 request after parsing and checking (see `scheduler.request`);
`CalendarFacts` is what a connector read from one member's calendars for the week.
Clock times (`TimeRange`, `Lunch`) are local: meeting hours, lunch and workdays in the
team's time zone, working hours in the member's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from i18n import gettext

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Where = Literal["office", "online", "any"]
Location = Literal["office", "home"]


def weekday_of(day: date) -> Weekday:
    return WEEKDAYS[day.weekday()]


@dataclass(frozen=True)
class TimeRange:
    """A daily clock range [start, end) in a named zone's local time."""

    start: time
    end: time


@dataclass(frozen=True)
class Interval:
    """An absolute, time-zone-aware span [start, end)."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Lunch:
    start: time
    end: time
    minutes: int


@dataclass(frozen=True)
class OfficeDays:
    min: int
    max: int


@dataclass(frozen=True)
class Focus:
    minutes: int
    blocks_per_week: int


@dataclass(frozen=True)
class Rules:
    meeting_hours: TimeRange = TimeRange(time(10), time(15))
    meeting_lengths: tuple[int, ...] = (25, 55)
    workdays: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    meetingless_days: tuple[Weekday, ...] = ("wed",)
    lunch: Lunch = Lunch(time(12), time(13), 30)
    office_days: OfficeDays = OfficeDays(2, 3)  # per week
    office_capacity: int | None = None
    focus: Focus | None = None
    start_every_minutes: int = 30  # meetings start on this grid (the hour and half hour)
    freeze_hours: int = 24  # when re-planning, nothing starting this soon moves


@dataclass(frozen=True)
class InlineCalendar:
    """A calendar sent as text inside the request (what API clients do)."""

    ics: str


CalendarRef = str | InlineCalendar


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    timezone: str
    working_hours: TimeRange = TimeRange(time(9), time(17))
    email: str | None = None
    calendars: tuple[CalendarRef, ...] = ()
    busy: tuple[Interval, ...] = ()
    office_never: tuple[Weekday, ...] = ()
    office_always: tuple[Weekday, ...] = ()


@dataclass(frozen=True)
class MeetingRequest:
    id: str
    title: str
    minutes: int
    attendees: tuple[str, ...]
    optional: tuple[str, ...] = ()
    per_week: int = 1
    where: Where = "any"
    # Over several weeks a recurring meeting keeps one weekday and time (its rhythm).
    recurring: bool = True


@dataclass(frozen=True)
class Room:
    """A meeting room; `hybrid` rooms have the camera and sound remote attendees need."""

    id: str
    name: str
    capacity: int
    hybrid: bool = False


@dataclass(frozen=True)
class TeamRequest:
    team: str
    timezone: str
    week: date
    members: tuple[Member, ...]
    meetings: tuple[MeetingRequest, ...] = ()
    rules: Rules = Rules()
    # Without rooms, rooms are not planned at all: every office meeting is assumed to fit.
    rooms: tuple[Room, ...] = ()
    weeks: int = 1  # the horizon: a rhythm is planned over this many weeks from `week`
    version: int = 1
    # Folder that relative calendar paths are read from; None where paths mean nothing (API).
    base_dir: Path | None = None

    def member(self, member_id: str) -> Member:
        return self._by_id[member_id]

    @cached_property
    def _by_id(self) -> dict[str, Member]:
        # Asked once per member-day and more while the model is built: a scan would make
        # the build quadratic in the team's size.
        return {m.id: m for m in self.members}

    def name_of(self, member_id: str) -> str:
        """A member as reasons and messages name them: by name, which a manager knows them by
        (ids are the request's keys); with the id too where two members share the name; an
        id that is no member's, as given."""
        member = self._by_id.get(member_id)
        if member is None:
            return member_id
        return f"{member.name} ({member.id})" if member.name in self._shared_names else member.name

    def names_of(self, member_ids: Sequence[str]) -> str:
        """'Ana', 'Ana and Bram', 'Ana, Bram and Cas'."""
        names = [self.name_of(m) for m in member_ids]
        both = " " + gettext("and") + " "
        return both.join(names) if len(names) < 3 else ", ".join(names[:-1]) + both + names[-1]

    @cached_property
    def _shared_names(self) -> frozenset[str]:
        counts = Counter(m.name for m in self.members)
        return frozenset(name for name, n in counts.items() if n > 1)

    @cached_property
    def remote(self) -> frozenset[str]:
        """Members whose `office.never` covers every workday: planned as remote, with no
        office days, joining office meetings from afar (which makes those meetings hybrid)."""
        workdays = set(self.rules.workdays)
        return frozenset(m.id for m in self.members if workdays <= set(m.office_never))

    def in_person(self, meeting: MeetingRequest) -> tuple[str, ...]:
        """The required attendees a `where: office` meeting needs at the office."""
        return tuple(a for a in meeting.attendees if a not in self.remote)

    def lunch_window(self, member: Member, day: date) -> Interval:
        """The member's lunch window on the team's `day`, on the member's own clock (a
        colleague in New York lunches at their noon, not at the team's), taken on whichever
        of the member's dates falls inside the team's day.

        Remembered per zone and day: the model, the plan and the validator ask it for every
        member-day, and a team shares a zone or a few."""
        key = (member.timezone, day)
        if key not in self._lunch_windows:
            self._lunch_windows[key] = self._lunch_window(member.timezone, day)
        return self._lunch_windows[key]

    @cached_property
    def _lunch_windows(self) -> dict[tuple[str, date], Interval]:
        return {}

    def _lunch_window(self, timezone: str, day: date) -> Interval:
        lunch, own = self.rules.lunch, ZoneInfo(timezone)
        midnight = datetime.combine(day, time(), tzinfo=ZoneInfo(self.timezone))
        windows = [Interval(datetime.combine(d, lunch.start, tzinfo=own),
                            datetime.combine(d, lunch.end, tzinfo=own))
                   for d in (day, day - timedelta(days=1), day + timedelta(days=1))]
        inside = [w for w in windows if midnight <= w.start and w.end <= midnight + timedelta(days=1)]
        return (inside or windows)[0]


@dataclass(frozen=True)
class CalendarWarning:
    """Something in a calendar read past rather than refused: an event skipped, a zone
    guessed. Names the event by its UID only, since warnings are stored and shown to the
    team while an event's title may be private."""

    source: str
    message: str
    line: int | None = None
    uid: str | None = None
    skipped: bool = True  # the event was left out; False: read, as the message says

    def __str__(self) -> str:
        where = f"{self.source}, line {self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CalendarFacts:
    """What one member's calendars say about the planned week."""

    busy: tuple[Interval, ...] = ()
    off_days: frozenset[date] = frozenset()
    locations: Mapping[date, Location] = field(default_factory=dict)
    warnings: tuple[CalendarWarning, ...] = ()
    # Read after a week (`ReadingContext.plan_events`): which of the plan's own events, by UID
    # or sync key, the calendars hold. None of them: the member never received the plan.
    received: frozenset[str] = frozenset()

    def merged(self, other: CalendarFacts) -> CalendarFacts:
        """Both calendars together; where they state different locations the later wins."""
        return CalendarFacts(
            busy=self.busy + other.busy,
            off_days=self.off_days | other.off_days,
            locations={**self.locations, **other.locations},
            warnings=self.warnings + other.warnings,
            received=self.received | other.received,
        )
