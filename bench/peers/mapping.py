"""Where Timefold's days and grains sit on rhythm's calendar, and a rhythm plan read back as grains.

Days: `dayOfYear` d is the date 2024-01-01 + (d - 1). 1 January 2024 is a Monday, so day 1
starts a week and every set's days are consecutive dates; Timefold's days have no weekends,
so all seven weekdays are workdays. The time zone is UTC, which has no clock change for a
72-day horizon to cross.

Clock, two mappings (see README.md, "The day"):
- `wall` (default): grains keep their real times, 08:00-11:45 and 13:00-17:45, in meeting
  hours 08:00-18:00 with a 60-minute lunch filling 12:00-13:00. Honest times, but stricter
  than Timefold, whose grain indexes run straight over lunch: a meeting from 11:30 to 13:30
  (grains 11:30, 11:45, 13:00, 13:15) is legal there and impossible here.
- `compact`: a day's 36 grains laid end to end from 08:00 (the p-th at 08:00 + 15p, so
  08:00-17:00): the same starts and overlaps as Timefold's grain space, at synthetic times.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from .timefold_format import GRAIN_MINUTES, Assignment, TimefoldSet

MappingName = Literal["wall", "compact"]
FIRST_DATE = date(2024, 1, 1)  # a Monday: dayOfYear 1
DAY_START = 8 * 60
# The real start minutes of a full day's 36 grains, in order: 08:00-11:45 and 13:00-17:45.
GRAIN_STARTS = (*range(8 * 60, 12 * 60, GRAIN_MINUTES), *range(13 * 60, 18 * 60, GRAIN_MINUTES))


def date_of(day_of_year: int) -> date:
    return FIRST_DATE + timedelta(days=day_of_year - 1)


@dataclass(frozen=True)
class DayMapping:
    name: MappingName

    @property
    def meeting_hours(self) -> tuple[int, int]:
        end = 18 * 60 if self.name == "wall" else DAY_START + len(GRAIN_STARTS) * GRAIN_MINUTES
        return (DAY_START, end)

    @property
    def lunch(self) -> tuple[int, int, int]:
        """(start, end, minutes). Compact days have no lunch gap to keep, so the rule that every
        member lunches is parked after meeting hours (17:00-18:00), where it cannot bind."""
        return (12 * 60, 13 * 60, 60) if self.name == "wall" else (17 * 60, 18 * 60, 60)

    def clock(self, grain_minute: int) -> int:
        """The minute of rhythm's day where a grain starting at `grain_minute` starts."""
        if self.name == "wall":
            return grain_minute
        return DAY_START + GRAIN_STARTS.index(grain_minute) * GRAIN_MINUTES

    def grain_minute(self, clock: int) -> int | None:
        """The inverse of `clock`; None where no grain can start (wall: 12:00-12:45)."""
        if self.name == "wall":
            return clock if clock in GRAIN_STARTS else None
        position, rest = divmod(clock - DAY_START, GRAIN_MINUTES)
        return GRAIN_STARTS[position] if not rest and 0 <= position < len(GRAIN_STARTS) else None


WALL = DayMapping("wall")
COMPACT = DayMapping("compact")
MAPPINGS: dict[str, DayMapping] = {"wall": WALL, "compact": COMPACT}


def meeting_id(meeting: int) -> str:
    return f"m{meeting}"


def person_id(person: int) -> str:
    return f"p{person}"


def room_id(name: str) -> str:
    """"R 1" -> "R1": the room's name without spaces, as rhythm ids go."""
    return name.replace(" ", "")


def assignment_from_plan(plan: Mapping[str, Any], tf: TimefoldSet, mapping: DayMapping) -> Assignment:
    """A rhythm v1 plan read back as {meeting id: (starting grain index, room id)}.

    Unplaced meetings are left out (unassigned). Raises ValueError for a meeting that
    starts where the set has no grain or in a room it does not have: a bug in the mapping
    or in rhythm, never something to score quietly.
    """
    day_ids = {date_of(d.day_of_year): d.id for d in tf.days}
    grains = {(g.day, g.start_minute): g.index for g in tf.grains}
    rooms = {room_id(r.name): r.id for r in tf.rooms}
    found: Assignment = {}
    for placed in plan["meetings"]:
        start = datetime.fromisoformat(placed["start"])
        if start.utcoffset() != timedelta(0):
            raise ValueError(f"{placed['id']}: start {placed['start']} is not in UTC")
        minute = mapping.grain_minute(start.hour * 60 + start.minute)
        grain = grains.get((day_ids.get(start.date(), -1), minute if minute is not None else -1))
        if grain is None:
            raise ValueError(f"{placed['id']}: no grain starts at {placed['start']}")
        room = placed.get("room")
        if room is not None and room not in rooms:
            raise ValueError(f"{placed['id']}: unknown room {room!r}")
        meeting = int(placed["request"].removeprefix("m"))
        if meeting in found:
            raise ValueError(f"{placed['id']}: meeting {meeting} is placed twice")
        found[meeting] = (grain, None if room is None else rooms[room])
    return found
