"""The decision variables, with query methods so that rules read like the specification."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .candidates import (
    Slots,
    focus_starts,
    lunch_starts,
    meeting_slots,
    meeting_starts,
    office_fixed,
)
from .week import Week

Key = tuple[str, int, int]  # (request or member id, day index, slot or minute)


@dataclass
class Variables:
    model: cp_model.CpModel
    week: Week
    slots: Slots
    start: dict[Key, cp_model.IntVar] = field(default_factory=dict)  # (request, day, slot)
    office: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    # (member, day) -> {start minute: var}
    lunch: dict[tuple[str, int], dict[int, cp_model.IntVar]] = field(default_factory=dict)
    focus: dict[tuple[str, int], dict[int, cp_model.IntVar]] = field(default_factory=dict)
    _taking: dict[Key, list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))
    _optional: dict[Key, list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))
    _by_request: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    _slots_of: dict[tuple[str, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    _occupied: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    # Seats per day that a capacity rule has set; the overlap objective's bound reads them.
    office_seats: dict[int, int] = field(default_factory=dict)
    # Over several weeks, made by the rhythm rules: (request, weekday, slot) and (member,
    # weekday) -> part of the weekly pattern.
    pattern: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    office_pattern: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    # (start key, room id) -> the meeting is held in that room; made by the rooms rule.
    room: dict[tuple[Key, str], cp_model.IntVar] = field(default_factory=dict)
    _in_room: dict[Key, list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))

    def starts(self, request_id: str, day: int | None = None) -> list[cp_model.IntVar]:
        return [self.start[k] for k in self._by_request[request_id] if day in (None, k[1])]

    def start_keys(self, request_id: str) -> list[Key]:
        return self._by_request[request_id]

    def taking_keys(self) -> list[Key]:
        """Every (member, day, slot) where some meeting could hold the member as required."""
        return list(self._taking)

    def optional_keys(self) -> list[Key]:
        return list(self._optional)

    def meetings_taking(self, member_id: str, day: int, slot: int) -> list[cp_model.IntVar]:
        """Starts of meetings that would hold this member (required) in this slot."""
        return self._taking.get((member_id, day, slot), [])

    def occupied(self, member_id: str, day: int, slot: int) -> cp_model.IntVar:
        """True when a meeting holds the member (required) in the slot; made on first use."""
        key = (member_id, day, slot)
        if key not in self._occupied:
            label = f"{member_id},{self.week.days[day]:%a},{slot}"
            occupied = self.model.new_bool_var(f"occupied[{label}]")
            for start in self.meetings_taking(*key):
                self.model.add_implication(start, occupied)
            self._occupied[key] = occupied
        return self._occupied[key]

    def optional_taking(self, member_id: str, day: int, slot: int) -> list[cp_model.IntVar]:
        return self._optional.get((member_id, day, slot), [])

    def busy_slots(self, member_id: str, day: int) -> list[int]:
        """Slots where some meeting could hold the member, required or optional."""
        return sorted(self._slots_of.get((member_id, day), ()))

    def held_in(self, key: Key, room_id: str) -> cp_model.IntVar:
        """True when the meeting starting at `key` is held in the room; made on first use."""
        if (key, room_id) not in self.room:
            request_id, day, slot = key
            var = self.model.new_bool_var(f"room[{request_id},{self.week.days[day]:%a},{slot},{room_id}]")
            self.room[(key, room_id)] = var
            minutes = next(m.minutes for m in self.week.request.meetings if m.id == request_id)
            for taken in self.slots.taken(slot, minutes):
                self._in_room[(room_id, day, taken)].append(var)
        return self.room[(key, room_id)]

    def room_bookings(self) -> dict[Key, list[cp_model.IntVar]]:
        """(room, day, slot) -> the meetings that would hold the room then."""
        return self._in_room

    def focus_vars(self) -> list[cp_model.IntVar]:
        return [var for blocks in self.focus.values() for var in blocks.values()]

    def at_office(self, member_id: str, day: int) -> cp_model.IntVar:
        return self.office[(member_id, day)]

    def lunches(self, member_id: str, day: int) -> dict[int, cp_model.IntVar]:
        return self.lunch.get((member_id, day), {})

    def focus_blocks(self, member_id: str, day: int) -> dict[int, cp_model.IntVar]:
        return self.focus.get((member_id, day), {})


def build_variables(model: cp_model.CpModel, week: Week) -> Variables:
    slots = meeting_slots(week)
    v = Variables(model=model, week=week, slots=slots)
    for meeting in week.request.meetings:
        for day, slot in meeting_starts(week, slots, meeting):
            var = model.new_bool_var(f"start[{meeting.id},{week.days[day]:%a},{slot}]")
            v.start[(meeting.id, day, slot)] = var
            v._by_request[meeting.id].append((meeting.id, day, slot))
            for taken in slots.taken(slot, meeting.minutes):
                for a in meeting.attendees:
                    v._taking[(a, day, taken)].append(var)
                    v._slots_of[(a, day)].add(taken)
                for o in meeting.optional:
                    v._optional[(o, day, taken)].append(var)
                    v._slots_of[(o, day)].add(taken)
    for member in week.request.members:
        for day in range(len(week.days)):
            _add_member_day(model, v, member.id, day)
    return v


def _add_member_day(model: cp_model.CpModel, v: Variables, member_id: str, day: int) -> None:
    week, label = v.week, f"{member_id},{v.week.days[day]:%a}"
    fixed = office_fixed(week, member_id, day)
    v.office[(member_id, day)] = (
        model.new_constant(int(fixed)) if fixed is not None
        else model.new_bool_var(f"office[{label}]")
    )
    v.lunch[(member_id, day)] = {
        minute: model.new_bool_var(f"lunch[{label},{minute}]")
        for minute in lunch_starts(week, member_id, day)
    }
    v.focus[(member_id, day)] = {
        minute: model.new_bool_var(f"focus[{label},{minute}]")
        for minute in focus_starts(week, member_id, day)
    }
