"""Minutes of a local day: spans, how they compare, and one member's day in them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from scheduler.domain import Location

Span = tuple[int, int]  # [start, end) in minutes after local midnight
DAY_MINUTES = 24 * 60


def minutes_of(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping and touching spans joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlaps(spans: Iterable[Span], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def covered(spans: Iterable[Span], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the spans."""
    return any(a <= start and end <= b for a, b in spans)


@dataclass(frozen=True)
class MemberDay:
    """One member on one workday, in team-local minutes."""

    works: bool
    working: tuple[Span, ...]  # the member's working hours seen from the team's zone
    busy: tuple[Span, ...]
    location: Location | None  # what the member's calendar states for the day

    def free_for(self, start: int, end: int) -> bool:
        """A meeting or focus block fits: working, inside working hours, nothing busy."""
        return self.works and covered(self.working, start, end) and not overlaps(self.busy, start, end)
