"""The planned week in the team's local minutes: who works when, and what is already busy.

Everything the model and the explanations need is derived here once, so that constraint
modules only ever deal with (day index, minute of day) and never with time zones.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from scheduler.domain import (
    CalendarFacts,
    Interval,
    Location,
    Member,
    Plan,
    TeamRequest,
    TimeRange,
    weekday_of,
)
from scheduler.domain.availability import NO_FACTS
from scheduler.model.grid import Grid
from scheduler.model.minutes import DAY_MINUTES, MemberDay, Span, covered, merge, overlaps


@dataclass(frozen=True)
class Week:
    request: TeamRequest
    facts: Mapping[str, CalendarFacts]
    # Re-planning: the plan in use, and the moment from which `freeze_hours` counts.
    current: Plan | None = None
    now: datetime | None = None
    # A week of a horizon planned week by week: `current` is the rhythm, kept first of all.
    keeps_rhythm: bool = False
    # Where meetings may go at all, as the calendar rules given narrow it (`grid_of`);
    # None: the request's own, as with every calendar rule on.
    grid: Grid = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.grid is None:
            object.__setattr__(self, "grid", Grid.of(self.request))

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.request.timezone)

    @cached_property
    def days(self) -> tuple[date, ...]:
        """The team's workdays of every planned week, in order."""
        week = self.request.week
        dates = (week + timedelta(days=i) for i in range(7 * self.request.weeks))
        return tuple(d for d in dates if weekday_of(d) in self.grid.workdays)

    @cached_property
    def day_labels(self) -> tuple[str, ...]:
        """Each day's weekday ("Mon"), for the names of the model's variables: formatting the
        date for each of them was a few per cent of a small team's model build."""
        return tuple(f"{d:%a}" for d in self.days)

    def week_of(self, day: int) -> int:
        """Which planned week (0, 1, ...) a day belongs to."""
        return (self.days[day] - self.request.week).days // 7

    def days_of_week(self, week: int) -> list[int]:
        return [d for d in range(len(self.days)) if self.week_of(d) == week]

    def monday(self, week: int) -> date:
        return self.request.week + timedelta(weeks=week)

    @cached_property
    def meeting_days(self) -> tuple[int, ...]:
        return tuple(i for i, d in enumerate(self.days) if weekday_of(d) not in self.grid.meetingless)

    @cached_property
    def member_days(self) -> dict[str, tuple[MemberDay, ...]]:
        return {m.id: tuple(self._member_day(m, d) for d in self.days) for m in self.request.members}

    def at(self, member_id: str, day: int) -> MemberDay:
        return self.member_days[member_id][day]

    def free_for(self, member_id: str, day: int, start: int, end: int) -> bool:
        """`MemberDay.free_for`, remembered: the model asks it for every candidate start and
        attendee, and meetings of one length ask the same spans over and over."""
        return self._look("free", self._open, member_id, day, start, end, lambda d: d.free_for(start, end))

    def _look(self, kind: str, all_day: set[tuple[str, int]], member_id: str, day: int, start: int,
              end: int, answer: Callable[[MemberDay], bool]) -> bool:
        """True at once inside the meeting hours of a member-day `all_day` holds; else
        `answer` for the member's day, remembered."""
        if self._inside_hours(start, end) and (member_id, day) in all_day:
            return True
        memo, key = self._memo[kind], (member_id, day, start, end)
        if key not in memo:
            memo[key] = answer(self.at(member_id, day))
        return memo[key]

    def free_all_day(self, member_ids: Iterable[str], day: int) -> bool:
        """Whether all these members are free for the whole of the meeting hours that day:
        then every start inside the hours is free for them, and nothing needs checking."""
        return all((member_id, day) in self._open for member_id in member_ids)

    def works_all_day(self, member_id: str, day: int) -> bool:
        return (member_id, day) in self._working

    def clear_all_day(self, member_id: str, day: int) -> bool:
        return (member_id, day) in self._clear

    @cached_property
    def _memo(self) -> dict[str, dict[tuple[str, int, int, int], bool]]:
        return {"free": {}}

    @cached_property
    def office_fixed_memo(self) -> dict[tuple[str, int], bool | None]:
        """(member, day) -> `candidates.office_fixed`, for it to remember."""
        return {}

    def _inside_hours(self, start: int, end: int) -> bool:
        first, last = self.grid.hours
        return first <= start and end <= last

    @cached_property
    def _working(self) -> set[tuple[str, int]]:
        """Member-days at work through the whole of the meeting hours: most of them."""
        first, last = self.grid.hours
        return {(member_id, day) for member_id, days in self.member_days.items()
                for day, member_day in enumerate(days)
                if member_day.works and covered(member_day.working, first, last)}

    @cached_property
    def _clear(self) -> set[tuple[str, int]]:
        """Member-days with nothing busy in the meeting hours."""
        first, last = self.grid.hours
        return {(member_id, day) for member_id, days in self.member_days.items()
                for day, member_day in enumerate(days) if not overlaps(member_day.busy, first, last)}

    @cached_property
    def _open(self) -> set[tuple[str, int]]:
        """Member-days free for the whole of the meeting hours: most of them, on most teams."""
        return self._working & self._clear

    def on_meeting_days(self, days: tuple[int, ...]) -> Week:
        """The same week with meetings on `days` only: a view that shares the calendars and
        what `free_for` worked out, computed here once rather than once per view (each week
        of a horizon explains its unplaced meetings through one)."""
        self._open, self._memo  # noqa: B018 (computed before copying, so the views share them)
        view = copy.copy(self)
        view.__dict__["meeting_days"] = days
        return view

    def local(self, day: int, minute: int) -> datetime:
        """The aware datetime of a wall-clock minute on a planned day."""
        naive = datetime.combine(self.days[day], time()) + timedelta(minutes=minute)
        return naive.replace(tzinfo=self.zone)

    def lunch_window(self, member_id: str, day: int) -> Span:
        """The member's lunch window (on their own clock) in the team's minutes of the day."""
        window = self.request.lunch_window(self.request.member(member_id), self.days[day])
        return next(iter(self._spans_on(self.days[day], [window])), (0, 0))

    def day_index(self, day: date) -> int | None:
        return self.days.index(day) if day in self.days else None

    def stated(self, member_id: str, day: int) -> tuple[bool, Location | None]:
        """Whether the member works that day and where their calendar puts them: from the
        calendar facts alone, without the day's spans (the organisation's master asks this of
        every member of every team; working out their spans cost it most of its reading)."""
        return _stated(self.facts.get(member_id, NO_FACTS), self.days[day])

    def _member_day(self, member: Member, day: date) -> MemberDay:
        facts = self.facts.get(member.id, NO_FACTS)
        busy = [*facts.busy, *member.busy]
        works, location = _stated(facts, day)
        return MemberDay(
            works=works,
            working=self._working_spans(member, day),
            busy=tuple(merge(self._spans_on(day, busy))),
            location=location,
        )

    def _working_spans(self, member: Member, day: date) -> tuple[Span, ...]:
        """Remembered by zone and hours: most of a team shares both."""
        key = (member.timezone, member.working_hours, day)
        if key not in self._hours_memo:
            self._hours_memo[key] = tuple(self._hours_on(member, day))
        return self._hours_memo[key]

    @cached_property
    def _hours_memo(self) -> dict[tuple[str, TimeRange, date], tuple[Span, ...]]:
        return {}

    def _hours_on(self, member: Member, day: date) -> list[Span]:
        # Working hours are the member's own clock: seen from another zone they may start
        # on the previous local day, so look at the neighbouring days too.
        zone = ZoneInfo(member.timezone)
        hours = member.working_hours
        spans = []
        for offset in (-1, 0, 1):
            own_day = day + timedelta(days=offset)
            start = datetime.combine(own_day, hours.start, tzinfo=zone)
            end = datetime.combine(own_day, hours.end, tzinfo=zone)
            spans.append(Interval(start, end))
        return merge(self._spans_on(day, spans))

    def _spans_on(self, day: date, intervals: Iterable[Interval]) -> Iterable[Span]:
        if day not in self._midnights:  # asked for every member's busy time and hours each day
            self._midnights[day] = (datetime.combine(day, time(), tzinfo=self.zone),
                                    datetime.combine(day + timedelta(days=1), time(), tzinfo=self.zone))
        midnight, next_midnight = self._midnights[day]
        for interval in intervals:
            if interval.end <= midnight or next_midnight <= interval.start:
                continue  # another day's: most of a member's week is
            start = max(interval.start, midnight)
            end = min(interval.end, next_midnight)
            if start < end:
                yield (self._minute(day, start), self._minute(day, end, round_up=True))

    @cached_property
    def _midnights(self) -> dict[date, tuple[datetime, datetime]]:
        return {}

    def _minute(self, day: date, moment: datetime, round_up: bool = False) -> int:
        # Busy time is widened to whole minutes, never narrowed.
        local = moment.astimezone(self.zone)
        if local.date() > day:
            return DAY_MINUTES
        partial = round_up and bool(local.second or local.microsecond)
        return local.hour * 60 + local.minute + partial


def _stated(facts: CalendarFacts, day: date) -> tuple[bool, Location | None]:
    return day not in facts.off_days, facts.locations.get(day)
