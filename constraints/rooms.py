"""Meeting rooms: few, and fewer with the camera and sound hybrid meetings need (seeds)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.domain import MeetingRequest
from scheduler.model.objective import Term
from scheduler.model.variables import Variables


def meeting_rooms(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: with rooms listed, a meeting with anyone at the office takes one room
    that fits everyone invited, a hybrid room when others join remotely; online takes none."""
    if not v.week.request.rooms:
        return []
    for meeting in v.week.request.meetings:
        if meeting.where == "online":
            continue
        invited = len(meeting.attendees) + len(meeting.optional)
        fitting = [r for r in v.week.request.rooms if r.capacity >= invited]
        for day in v.week.meeting_days:
            starts = v.starts(meeting.id, day)
            if not starts:
                continue
            someone_in, everyone_in = _presence(model, v, meeting, day)
            held = {room.id: v.held_in(meeting.id, day, room.id) for room in fitting}
            # Held in one room when placed that day with anyone at the office, else in none.
            placed, rooms = v.placed(meeting.id, day), cp_model.LinearExpr.sum(list(held.values()))
            model.add(rooms <= placed)
            model.add(rooms >= placed + someone_in - 1)
            for room in fitting:
                if not room.hybrid:
                    model.add_implication(held[room.id], everyone_in)
    return []


def no_room_double_booking(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: two meetings never share a room at the same time."""
    for bookings in v.room_bookings().values():
        if len(bookings) > 1:
            model.add_no_overlap(bookings)
    return []


def _presence(
    model: cp_model.CpModel, v: Variables, meeting: MeetingRequest, day: int
) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Whether any, and whether all, of the required attendees are at the office that day."""
    present = [v.at_office(a, day) for a in meeting.attendees]
    label = f"{meeting.id},{v.week.days[day]:%a}"
    someone_in = model.new_bool_var(f"someone_in[{label}]")
    everyone_in = model.new_bool_var(f"everyone_in[{label}]")
    model.add_max_equality(someone_in, present)
    model.add_min_equality(everyone_in, present)
    return someone_in, everyone_in
