"""Rooms (only when the request lists them) and the chair of a hybrid meeting."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from i18n import gettext

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
                yield gettext("%(label)s: an online meeting takes no room, but has %(room)s", label=label,
                              room=meeting.room)
            continue
        room = rooms.get(meeting.room or "")
        if room is None:
            yield gettext("%(label)s: a meeting at the office needs one of the rooms, not %(room)s",
                          label=label, room=meeting.room)
            continue
        invited = len(meeting.attendees) + len(meeting.optional)
        if invited > room.capacity:
            yield gettext("%(label)s: %(invited)s people invited, room %(id)s holds %(capacity)s",
                          label=label, invited=invited, id=room.id, capacity=room.capacity)
        if meeting.where == "hybrid" and not room.hybrid:
            yield gettext("%(label)s: a hybrid meeting needs a hybrid room, %(id)s is not one", label=label,
                          id=room.id)


def no_room_double_booking(check: Check) -> Iterator[str]:
    """Two meetings never share a room at the same time."""
    for first, second in combinations(check.plan.meetings, 2):
        if first.room and first.room == second.room and (
            first.start < second.end and second.start < first.end
        ):
            yield (gettext("%(meeting)s and %(meeting2)s: both in room %(room)s at the same time",
                           meeting=check.label(first), meeting2=check.label(second), room=first.room))


def hybrid_chair(check: Check) -> Iterator[str]:
    """A suggested chair is a required attendee who is not in the room, of a hybrid meeting."""
    # The seeds: a chair outside the room keeps remote people involved.
    for meeting in check.plan.meetings:
        if meeting.chair is None:
            continue
        if meeting.where != "hybrid":
            yield gettext("%(meeting)s: only hybrid meetings get a suggested chair",
                          meeting=check.label(meeting))
            continue
        day = check.day_of(meeting.start)
        if meeting.chair not in meeting.attendees or check.at_office(meeting.chair, day):
            yield (gettext("%(meeting)s: the chair should be a required attendee who is not at the office, "
                           "not %(name)s", meeting=check.label(meeting), name=check.name(meeting.chair)))
