"""Re-planning from the plan in use: which of its meetings can stay, and which must."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduler.domain import PlacedMeeting
from scheduler.model.candidates import Slots
from scheduler.model.week import Week

Key = tuple[str, int, int]


@dataclass(frozen=True)
class Current:
    """The plan in use, seen on the new plan's grid."""

    kept: dict[Key, PlacedMeeting]  # meetings that can stay where they are
    fixed: set[Key]  # pinned, or starting within freeze_hours: they must stay


def current_meetings(week: Week, slots: Slots) -> Current:
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
    return Current(kept, fixed)


def key_of(week: Week, slots: Slots, meeting: PlacedMeeting) -> Key | None:
    """Where a placed meeting sits on this week's grid, if it is on it at all."""
    local = meeting.start.astimezone(week.zone)
    day = week.day_index(local.date())
    minute = local.hour * 60 + local.minute
    if day is None or minute not in slots.starts:
        return None
    return (meeting.request, day, slots.starts.index(minute))
