"""A Timefold set as rhythm v1 request(s) with rooms: its days, its 15-minute grains, its people.

- Persons become members working 08:00-18:00 (every grain is working time); meetings keep
  their length (grains x 15 minutes), required attendees are `attendees`, preferred ones
  `optional`; every meeting is `where: office`, because Timefold gives every meeting a room.
- Rooms keep name and capacity; ids drop the space ("R 1" -> "R1"); none is hybrid.
- Days and clock follow `mapping` (dates from dayOfYear, all weekdays workdays, UTC). Grains
  a day lacks (the last day is partial) are busy time for everyone, as are dates inside the
  request's weeks that the set does not have.
- Office days are free (0 to every workday), no office capacity, no focus time: Timefold's
  model has none of them.

A set of up to 7 days is one request. A longer one is either one request per week
(`week_request`; `run_rhythm` rolls the meetings a week leaves unplaced into the next) or
one request of `weeks` weeks (`horizon_request`) with every meeting `recurring: false`. In
rhythm 0.2 the latter asks for each meeting in every week, not once: see run_rhythm.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from .mapping import GRAIN_STARTS, MAPPINGS, WALL, DayMapping, date_of, meeting_id, person_id, room_id
from .timefold_format import GRAIN_MINUTES, Meeting, TimefoldSet, read_set

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weeks_needed(tf: TimefoldSet) -> int:
    """Weeks from the Monday of the first day to the last day."""
    first, last = monday_of(tf), date_of(max(d.day_of_year for d in tf.days))
    return (last - first).days // 7 + 1


def monday_of(tf: TimefoldSet) -> date:
    first = date_of(min(d.day_of_year for d in tf.days))
    return first - timedelta(days=first.weekday())


def horizon_request(tf: TimefoldSet, mapping: DayMapping = WALL, name: str = "timefold") -> dict[str, Any]:
    """Every day and meeting of the set in one request (`weeks` when more than one)."""
    return build_request(tf, mapping, monday_of(tf), weeks_needed(tf), tf.meetings, name)


def week_request(tf: TimefoldSet, week: int, meetings: Iterable[Meeting],
                 mapping: DayMapping = WALL, name: str = "timefold") -> dict[str, Any]:
    """The set's `week`-th week (0-based) only, with these meetings to place in it."""
    return build_request(tf, mapping, monday_of(tf) + timedelta(weeks=week), 1, meetings, name)


def build_request(tf: TimefoldSet, mapping: DayMapping, monday: date, weeks: int,
                  meetings: Iterable[Meeting], name: str) -> dict[str, Any]:
    meetings = list(meetings)
    dates = [monday + timedelta(days=i) for i in range(7 * weeks)]
    present = {date_of(d.day_of_year) for d in tf.days}
    # One week: its workdays are the weekdays the set has. Several: the same weekdays must
    # serve every week, so all seven are workdays and the dates missing are busy instead.
    workdays = WEEKDAYS if weeks > 1 else tuple(WEEKDAYS[d.weekday()] for d in dates if d in present)
    blocked = _blocked(tf, mapping, [d for d in dates if WEEKDAYS[d.weekday()] in workdays])
    hours, (lunch_start, lunch_end, lunch_minutes) = mapping.meeting_hours, mapping.lunch
    request: dict[str, Any] = {
        "version": 1,
        "team": name,
        "timezone": "UTC",
        "week": monday.isoformat(),
        "rules": {
            "meeting_hours": {"start": _clock(hours[0]), "end": _clock(hours[1])},
            "meeting_lengths": sorted({m.duration * GRAIN_MINUTES for m in meetings}),
            "start_every_minutes": GRAIN_MINUTES,
            "workdays": list(workdays),
            "meetingless_days": [],
            "lunch": {"start": _clock(lunch_start), "end": _clock(lunch_end), "minutes": lunch_minutes},
            "office_days": {"min": 0, "max": len(workdays)},
        },
        "rooms": [{"id": room_id(r.name), "name": r.name, "capacity": r.capacity, "hybrid": False}
                  for r in tf.rooms],
        "members": [{"id": person_id(p.id), "name": p.full_name,
                     "working_hours": {"start": "08:00", "end": "18:00"}, "busy": blocked}
                    for p in tf.persons],
        "meetings": [_meeting(m, weeks) for m in meetings],
    }
    if weeks > 1:
        request["weeks"] = weeks
    return request


def _meeting(m: Meeting, weeks: int) -> dict[str, Any]:
    meeting = {"id": meeting_id(m.id), "title": m.topic, "minutes": m.duration * GRAIN_MINUTES,
               "attendees": [person_id(a.person) for a in m.required],
               "optional": [person_id(a.person) for a in m.preferred], "where": "office"}
    # Timefold's meetings are one-offs, not a weekly rhythm to keep on one weekday and time.
    return {**meeting, "recurring": False} if weeks > 1 else meeting


def _blocked(tf: TimefoldSet, mapping: DayMapping, workdays: Sequence[date]) -> list[dict[str, str]]:
    """Busy intervals (the same for everyone) where a workday lacks grains a full day has."""
    starts = {date_of(d.day_of_year): set[int]() for d in tf.days}
    days = {d.id: date_of(d.day_of_year) for d in tf.days}
    for grain in tf.grains:
        starts[days[grain.day]].add(grain.start_minute)
    busy: list[tuple[date, int, int]] = []
    for day in workdays:
        if not starts.get(day):
            busy.append((day, 0, 24 * 60))
            continue
        for minute in GRAIN_STARTS:
            if minute in starts[day]:
                continue
            begin = mapping.clock(minute)
            if busy and busy[-1][0] == day and busy[-1][2] == begin:
                busy[-1] = (day, busy[-1][1], begin + GRAIN_MINUTES)  # extend the block
            else:
                busy.append((day, begin, begin + GRAIN_MINUTES))
    return [_interval(day, start, end) for day, start, end in busy]


def _interval(day: date, start: int, end: int) -> dict[str, str]:
    midnight = datetime.combine(day, time(), tzinfo=UTC)
    return {"start": (midnight + timedelta(minutes=start)).isoformat(),
            "end": (midnight + timedelta(minutes=end)).isoformat()}


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m bench.peers.to_request SET.json [--mapping compact] [--week N [--first M]]`:
    print the request."""
    parser = argparse.ArgumentParser(prog="python -m bench.peers.to_request", description=main.__doc__)
    parser.add_argument("set", type=Path)
    parser.add_argument("--mapping", choices=sorted(MAPPINGS), default="wall")
    parser.add_argument("--week", type=int, help="only this week (0-based), with every meeting")
    parser.add_argument("--first", type=int, metavar="M",
                        help="with --week: only the set's first M meetings (a rolling run's week 0)")
    args = parser.parse_args(argv)
    tf, mapping = read_set(args.set), MAPPINGS[args.mapping]
    name = f"timefold-{args.set.stem}"
    request = (horizon_request(tf, mapping, name) if args.week is None
               else week_request(tf, args.week, tf.meetings[:args.first], mapping, name))
    json.dump(request, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
