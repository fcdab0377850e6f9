"""Local-time helpers for the validator: days of the week, clock labels, overlap and gaps.

The validator works on absolute, time-zone-aware datetimes and converts to local time only
to read a day or a clock, so it shares no arithmetic with the solver it checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from i18n import formats

from ..domain import WEEKDAYS, TimeRange


class Span(Protocol):
    """Anything with an absolute [start, end): intervals, meetings, lunch and focus blocks."""

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...


def week_days(monday: date) -> tuple[date, ...]:
    return tuple(monday + timedelta(days=i) for i in range(7))


def at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The moment a local clock shows `clock` on `day` in `zone`."""
    return datetime.combine(day, clock, tzinfo=zone)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def day_label(day: date) -> str:
    """'Tue 1 Dec': short enough for a message, unambiguous within one week."""
    return formats.day(day)


def weekday_name(day: date) -> str:
    return formats.weekday(WEEKDAYS[day.weekday()])


def clock(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def clock_range(hours: TimeRange) -> str:
    return f"{hours.start:%H:%M}-{hours.end:%H:%M}"


def span_label(span: Span, zone: ZoneInfo) -> str:
    """'13:00-14:00' within one local day; with both days named when it crosses midnight."""
    first, last = local_day(span.start, zone), local_day(span.end, zone)
    if first == last:
        return f"{clock(span.start, zone)}-{clock(span.end, zone)}"
    return (f"{day_label(first)} {clock(span.start, zone)} - "
            f"{day_label(last)} {clock(span.end, zone)}")


def minutes(span: Span) -> float:
    """Elapsed minutes, computed in UTC so a time-zone change inside the span counts right."""
    return (span.end.astimezone(UTC) - span.start.astimezone(UTC)) / timedelta(minutes=1)


def overlap(a: Span, b: Span) -> bool:
    """Half-open intervals: a meeting ending at 10:25 does not overlap one starting then."""
    return a.start < b.end and b.start < a.end


def inside(span: Span, start: datetime, end: datetime) -> bool:
    return start <= span.start and span.end <= end


def longest_gap(start: datetime, end: datetime, busy: Iterable[Span]) -> timedelta:
    """The longest stretch of [start, end) that no busy span touches."""
    longest, free_from = timedelta(0), start
    for item in sorted(busy, key=lambda s: s.start):
        if item.end <= free_from or item.start >= end:
            continue
        longest = max(longest, item.start - free_from)
        free_from = max(free_from, item.end)
    return max(longest, end - free_from)
