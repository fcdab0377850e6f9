"""Meeting rooms: few, and fewer with the camera and sound hybrid meetings need (seeds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from i18n import gettext
from scheduler.domain import MeetingRequest
from scheduler.model.board import Board
from scheduler.model.context import Context
from scheduler.model.objective import Term
from scheduler.model.rule import Key, Obstacle, Reason, Rule
from scheduler.model.why import Why

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def a_room_that_fits(c: Context) -> list[Term]:
    """Hard constraint: with rooms listed, a meeting with anyone at the office takes one room
    that fits everyone invited, a hybrid room when others join remotely; online takes none."""
    from ortools.sat.python import cp_model

    if not c.request.rooms:
        return []

    for meeting in c.meetings:
        if meeting.where == "online":
            continue
        invited = len(meeting.attendees) + len(meeting.optional)
        fitting = [r for r in c.request.rooms if r.capacity >= invited]
        for day in c.week.meeting_days:
            starts = c.v.starts(meeting.id, day)
            if not starts:
                continue
            someone_in, everyone_in = _presence(c, meeting, day)
            held = {room.id: c.v.held_in(meeting.id, day, room.id) for room in fitting}
            # Held in one room when placed that day with anyone at the office, else in none.
            placed, rooms = c.v.placed(meeting.id, day), cp_model.LinearExpr.sum(list(held.values()))
            c.model.add(rooms <= placed)
            c.model.add(rooms >= placed + someone_in - 1)
            for room in fitting:
                if not room.hybrid:
                    c.model.add_implication(held[room.id], everyone_in)
    return []


def a_free_room(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    """An office meeting goes only where a room that holds everyone invited is free."""
    if meeting.where != "office" or not board.week.request.rooms:
        return True
    return board.room_for(meeting, key[1], board.taken_slots(meeting, key)) is not None


def no_room_fits(why: Why, meeting: MeetingRequest) -> str | None:
    rooms = why.request.rooms
    invited = len(meeting.attendees) + len(meeting.optional)
    if meeting.where != "office" or not rooms or any(r.capacity >= invited for r in rooms):
        return None
    largest = max(rooms, key=lambda r: r.capacity)
    return gettext("no room holds the %(invited)d people invited (the largest, %(room)s, holds %(capacity)d)",
                   invited=invited, room=largest.name, capacity=largest.capacity)


def one_meeting_a_room(c: Context) -> list[Term]:
    """Hard constraint: two meetings never share a room at the same time."""
    for bookings in c.v.room_bookings().values():
        if len(bookings) > 1:
            c.model.add_no_overlap(bookings)
    return []


def rooms_in_the_way(why: Why, meeting: MeetingRequest) -> Callable[[int, int], Obstacle | None]:
    """Every room big enough is booked at that time (only asked of office meetings)."""
    invited = len(meeting.attendees) + len(meeting.optional)
    fitting = {r.id for r in why.request.rooms if r.capacity >= invited}
    minutes = {m.id: m.minutes for m in why.request.meetings}
    booked: dict[tuple[int, int], set[str]] = {}  # (day, slot) -> room ids
    for (other, d, s), room in why.solution.rooms.items():
        for t in why.slots.taken(s, minutes[other]):
            booked.setdefault((d, t), set()).add(room)

    def at(day: int, slot: int) -> Obstacle | None:
        if meeting.where != "office" or not fitting:
            return None
        taken = why.slots.taken(slot, meeting.minutes)
        if fitting <= {room for t in taken for room in booked.get((day, t), ())}:
            return Obstacle(gettext("meetings in every room that fits them"))
        return None

    return at


def _presence(c: Context, meeting: MeetingRequest, day: int) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Whether any, and whether all, of the required attendees are at the office that day."""
    present = [c.v.at_office(a, day) for a in meeting.attendees]
    label = f"{meeting.id},{c.week.days[day]:%a}"
    someone_in = c.v.new_bool(f"someone_in[{label}]")
    everyone_in = c.v.new_bool(f"everyone_in[{label}]")
    c.model.add_max_equality(someone_in, present)
    c.model.add_min_equality(everyone_in, present)
    return someone_in, everyone_in


meeting_rooms = Rule("meeting_rooms", cp_sat=a_room_that_fits, first_fit=a_free_room,
                     reason=Reason(always=no_room_fits))
no_room_double_booking = Rule("no_room_double_booking", cp_sat=one_meeting_a_room,
                              reason=Reason(in_the_way=rooms_in_the_way))
