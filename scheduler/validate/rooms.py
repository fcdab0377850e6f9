"""Rooms (only when the request lists them) and the chair of a hybrid meeting."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from .check import Check


def meeting_rooms(check: Check) -> Iterator[str]:
    """With rooms listed, office and hybrid meetings have a fitting room, online ones none."""
    rooms = {r.id: r for r in check.request.rooms}
    if not rooms:
        return
    for meeting in check.plan.meetings:
        label = check.label(meeting)
        if meeting.where == "online":
            if meeting.room is not None:
                yield f"{label}: an online meeting takes no room, but has {meeting.room}"
            continue
        room = rooms.get(meeting.room or "")
        if room is None:
            yield f"{label}: a meeting at the office needs one of the rooms, not {meeting.room}"
            continue
        invited = len(meeting.attendees) + len(meeting.optional)
        if invited > room.capacity:
            yield f"{label}: {invited} people invited, room {room.id} holds {room.capacity}"
        if meeting.where == "hybrid" and not room.hybrid:
            yield f"{label}: a hybrid meeting needs a hybrid room, {room.id} is not one"


def no_room_double_booking(check: Check) -> Iterator[str]:
    """Two meetings never share a room at the same time."""
    for first, second in combinations(check.plan.meetings, 2):
        if first.room and first.room == second.room and (
            first.start < second.end and second.start < first.end
        ):
            yield (f"{check.label(first)} and {check.label(second)}: both in room {first.room} "
                   "at the same time")


def hybrid_chair(check: Check) -> Iterator[str]:
    """A suggested chair is a required attendee who is not in the room, of a hybrid meeting."""
    # The seeds: a chair outside the room keeps remote people involved.
    for meeting in check.plan.meetings:
        if meeting.chair is None:
            continue
        if meeting.where != "hybrid":
            yield f"{check.label(meeting)}: only hybrid meetings get a suggested chair"
            continue
        day = check.day_of(meeting.start)
        if meeting.chair not in meeting.attendees or check.at_office(meeting.chair, day):
            yield (f"{check.label(meeting)}: the chair should be a required attendee who is not "
                   f"at the office, not {check.name(meeting.chair)}")
