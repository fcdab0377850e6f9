"""The week being read and the busy intervals inside it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from scheduler.domain import Interval


@dataclass(frozen=True)
class Window:
    """[first_day 00:00, first_day + days 00:00) in the team's zone."""

    first_day: date
    days: int
    zone: ZoneInfo

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(self.first_day + timedelta(days=n) for n in range(self.days))

    # Remembered: `clip` asks for both for every busy interval of every member.
    @cached_property
    def start(self) -> datetime:
        return self.midnight(self.first_day)

    @cached_property
    def end(self) -> datetime:
        return self.midnight(self.first_day + timedelta(days=self.days))

    def midnight(self, day: date) -> datetime:
        # Built from the date, not by adding hours, so a 23- or 25-hour day stays a day.
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def whole_day(self, day: date) -> Interval:
        return Interval(self.midnight(day), self.midnight(day + timedelta(days=1)))

    def covers(self, day: date) -> bool:
        return self.first_day <= day < self.first_day + timedelta(days=self.days)


def clip(interval: Interval, window: Window) -> Interval | None:
    """The part of an interval inside the window, in the window's zone; None if none is."""
    start = max(interval.start, window.start).astimezone(window.zone)
    end = min(interval.end, window.end).astimezone(window.zone)
    return Interval(start, end) if start < end else None


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted, with overlapping and touching intervals joined: back-to-back meetings are
    one busy stretch to a planner."""
    merged: list[Interval] = []
    for interval in sorted(intervals, key=lambda i: (i.start, i.end)):
        if merged and interval.start <= merged[-1].end:
            last = merged.pop()
            interval = Interval(last.start, max(last.end, interval.end))
        merged.append(interval)
    return tuple(merged)


def busy_in_window(intervals: Iterable[Interval], window: Window) -> tuple[Interval, ...]:
    """What a planner reads: clipped to the week, in the team's zone, merged, sorted."""
    return merge(c for c in (clip(i, window) for i in intervals) if c is not None)
