"""Re-planning from the plan in use: which of its meetings and blocks can stay, and which must."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scheduler.domain import Block, PlacedMeeting
from scheduler.model.candidates import Slots
from scheduler.model.week import Week

Key = tuple[str, int, int]
MemberDay = tuple[str, int]


@dataclass(frozen=True)
class Current:
    """The plan in use, seen on the new plan's grid."""

    kept: dict[Key, PlacedMeeting]  # meetings that can stay where they are
    fixed: set[Key]  # pinned, or starting within freeze_hours: they must stay
    # (member, day) -> start minute of the lunch and the focus block the plan in use has
    lunch: dict[MemberDay, int] = field(default_factory=dict)
    focus: dict[MemberDay, int] = field(default_factory=dict)


def plan_in_use(week: Week, slots: Slots) -> Current:
    if week.current is None:
        return Current({}, set())
    requested = {m.id for m in week.request.meetings}
    freeze_until = (week.now or datetime.now(week.zone)) + timedelta(
        hours=week.request.rules.freeze_hours)
    kept, fixed = {}, set()
    for meeting in week.current.meetings:
        key = key_of(week, slots, meeting)
        if key is None or meeting.request not in requested:
            continue
        kept[key] = meeting
        if meeting.pinned or meeting.start < freeze_until:
            fixed.add(key)
    focus = week.request.rules.focus
    return Current(kept, fixed,
                   blocks_on_grid(week, week.current.lunches, week.request.rules.lunch.minutes),
                   blocks_on_grid(week, week.current.focus, focus.minutes) if focus else {})


def key_of(week: Week, slots: Slots, meeting: PlacedMeeting) -> Key | None:
    """Where a placed meeting sits on this week's grid, if it is on it at all."""
    local = meeting.start.astimezone(week.zone)
    day = week.day_index(local.date())
    minute = local.hour * 60 + local.minute
    if day is None or minute not in slots.starts:
        return None
    return (meeting.request, day, slots.starts.index(minute))


def blocks_on_grid(week: Week, blocks: Iterable[Block], minutes: int) -> dict[MemberDay, int]:
    """Lunches or focus blocks as (member, day) -> start minute in the team's zone, as the
    model's lunch and focus variables are keyed. A block of another length than the rules
    now ask is not one the new plan can keep."""
    on_grid = {}
    for block in blocks:
        local = block.start.astimezone(week.zone)
        day = week.day_index(local.date())
        if day is not None and block.end - block.start == timedelta(minutes=minutes):
            on_grid[(block.member, day)] = local.hour * 60 + local.minute
    return on_grid
