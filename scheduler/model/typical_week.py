"""The typical week of a horizon: what each member's week looks like in most of its weeks.

A rhythm is one week that repeats. Planned on the typical week, it lands where the
calendars are free in most weeks, so the weeks that cannot keep it are the ones whose
calendars differ: a conference, a recurring event that happens this once at another time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from scheduler.domain import Location
from scheduler.model.minutes import MemberDay, Span, merge
from scheduler.model.week import Week

# A minute is busy in the typical week when it is busy in more than this share of the weeks.
# Half (a strict majority) kept as many meetings as the whole-horizon model on the issue-6
# teams, with a third of its exceptions; busy in half or more of the weeks gave up slots
# that most weeks could keep (bench/RESULTS.md, issue 12).
BUSY_SHARE = 0.5


@dataclass(frozen=True)
class TypicalWeek(Week):
    """The first planned week's days, each member-day as it is in most of the horizon's weeks
    on that weekday. Built by `typical_week`."""

    horizon: Week | None = None

    @cached_property
    def member_days(self) -> dict[str, tuple[MemberDay, ...]]:
        assert self.horizon is not None
        horizon = self.horizon
        weeks = range(horizon.request.weeks)
        same = [_same_weekday(horizon, index, weeks) for index in range(len(self.days))]
        return {member_id: tuple(most_weeks([days[d] for d in each]) for each in same)
                for member_id, days in horizon.member_days.items()}


def typical_week(horizon: Week) -> TypicalWeek:
    """The typical week of a plan over several weeks, as a one-week plan of its first week."""
    return TypicalWeek(replace(horizon.request, weeks=1), horizon.facts, grid=horizon.grid, horizon=horizon)


def _same_weekday(horizon: Week, day: int, weeks: range) -> list[int]:
    """The day `day` of the first week, and the same weekday in every later week."""
    first = horizon.days[day]
    return [i for w in weeks for i in horizon.days_of_week(w)
            if (horizon.days[i] - first).days == 7 * w]


def most_weeks(days: Sequence[MemberDay]) -> MemberDay:
    """A member-day as most weeks have it: at work if they mostly are, busy in the minutes
    busy in most weeks, a stated location if most weeks state it."""
    first = days[0]
    return MemberDay(
        works=2 * sum(d.works for d in days) > len(days),
        working=first.working,
        busy=tuple(merge(_busy_in_half(days))),
        location=_mostly(days),
    )


def _busy_in_half(days: Sequence[MemberDay]) -> list[Span]:
    events = sorted([(s, 1) for d in days for s, _ in d.busy] + [(e, -1) for d in days for _, e in d.busy])
    needed = int(len(days) * BUSY_SHARE) + 1
    spans, depth, opened = [], 0, 0
    for minute, step in events:
        before = depth
        depth += step
        if before < needed <= depth:
            opened = minute
        elif depth < needed <= before and minute > opened:
            spans.append((opened, minute))
    return spans


def _mostly(days: Sequence[MemberDay]) -> Location | None:
    for location in {d.location for d in days if d.location is not None}:
        if 2 * sum(d.location == location for d in days) > len(days):
            return location
    return None
