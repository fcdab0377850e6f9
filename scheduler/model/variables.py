"""The decision variables, with query methods so that rules read like the specification."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domain import MeetingRequest
from scheduler.model.candidates import (
    LunchCheck,
    Slots,
    focus_starts,
    lunch_starts,
    meeting_slots,
    meeting_starts,
    office_fixed,
)
from scheduler.model.week import Week

Key = tuple[str, int, int]  # (request or member id, day index, slot or minute)
MINUTES_PER_DAY = 24 * 60


def _rows() -> defaultdict[tuple[str, int], defaultdict[int, list[int]]]:
    return defaultdict(lambda: defaultdict(list))


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
    # (member, day, slot) -> proto indices of the literals that would hold the member there,
    # one per meeting (`_add_occupancy`): plain ints, as rules write them straight into the
    # proto (`_literal` turns them back into variables where an expression needs them).
    # Kept as (member, day) -> slot -> indices: the build fills them a member-day at a time.
    _taking: dict[tuple[str, int], dict[int, list[int]]] = field(default_factory=_rows)
    _optional: dict[tuple[str, int], dict[int, list[int]]] = field(default_factory=_rows)
    _literal: dict[int, cp_model.IntVar] = field(default_factory=dict)
    _placed: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    _by_request: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    _by_day: dict[tuple[str, int], list[Key]] = field(default_factory=lambda: defaultdict(list))
    _occupied: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    # Seats per day that a capacity rule has set; the overlap objective's bound reads them.
    office_seats: dict[int, int] = field(default_factory=dict)
    # Over several weeks, made by the rhythm rules: (request, weekday, slot) and (member,
    # weekday) -> part of the weekly pattern.
    pattern: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    office_pattern: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    # (request, day, room id) -> that day's occurrence is held in the room, and the bookings
    # as optional intervals on the planning's minute axis; made by the rooms rule.
    room: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    _in_room: dict[str, list[cp_model.IntervalVar]] = field(default_factory=lambda: defaultdict(list))
    _start_minutes: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)

    def starts(self, request_id: str, day: int | None = None) -> list[cp_model.IntVar]:
        keys = self._by_request[request_id] if day is None else self._by_day.get((request_id, day), ())
        return [self.start[k] for k in keys]

    def start_keys(self, request_id: str) -> list[Key]:
        return self._by_request[request_id]

    def taking_keys(self) -> list[Key]:
        """Every (member, day, slot) where some meeting could hold the member as required."""
        return [(m, d, slot) for (m, d), row in self._taking.items() for slot in row]

    def optional_keys(self) -> list[Key]:
        return [(m, d, slot) for (m, d), row in self._optional.items() for slot in row]

    def meetings_taking(self, member_id: str, day: int, slot: int) -> list[cp_model.IntVar]:
        """Literals of the meetings that would hold this member (required) in this slot."""
        return [self._literal[i] for i in self.taking_indices(member_id, day, slot)]

    def taking_indices(self, member_id: str, day: int, slot: int) -> list[int]:
        """`meetings_taking` as proto indices, for rules that write the proto directly."""
        return self._taking.get((member_id, day), {}).get(slot, [])

    def optional_indices(self, member_id: str, day: int, slot: int) -> list[int]:
        return self._optional.get((member_id, day), {}).get(slot, [])

    def occupied(self, member_id: str, day: int, slot: int) -> cp_model.IntVar:
        """True when a meeting holds the member (required) in the slot; made on first use."""
        key = (member_id, day, slot)
        if key not in self._occupied:
            label = f"{member_id},{self.week.days[day]:%a},{slot}"
            occupied = self.model.new_bool_var(f"occupied[{label}]")
            # One constraint for all the meetings that could take the slot, not one each.
            self.model.add(sum(self.meetings_taking(*key)) == 0).only_enforce_if(~occupied)
            self._occupied[key] = occupied
        return self._occupied[key]

    def optional_taking(self, member_id: str, day: int, slot: int) -> list[cp_model.IntVar]:
        return [self._literal[i] for i in self.optional_indices(member_id, day, slot)]

    def busy_slots(self, member_id: str, day: int) -> list[int]:
        """Slots where some meeting could hold the member, required or optional."""
        key = (member_id, day)
        return sorted({*self._taking.get(key, ()), *self._optional.get(key, ())})

    def placed(self, request_id: str, day: int) -> cp_model.IntVar:
        """True when the request is held on `day`; made on first use.

        Rules that tie a meeting's day to several attendees' office days or to its rooms
        then name one literal each instead of repeating the day's starts (36 a day on a
        15-minute grid over ten hours)."""
        if (request_id, day) not in self._placed:
            starts = self.starts(request_id, day)
            if len(starts) == 1:
                self._placed[(request_id, day)] = starts[0]
            else:
                placed = self.model.new_bool_var(f"placed[{request_id},{self.week.days[day]:%a}]")
                _equal_to_sum(self.model, placed, [s.index for s in starts])
                self._placed[(request_id, day)] = placed
        return self._placed[(request_id, day)]

    def held_in(self, request_id: str, day: int, room_id: str) -> cp_model.IntVar:
        """True when the request's occurrence on `day` is held in the room; made on first use.

        One booking per (occurrence, room) rather than per (start, room): its start is a sum
        over the day's start variables, so a room costs a few variables per meeting instead
        of one per candidate start (which a 15-minute grid over long days cannot afford).
        """
        if (request_id, day, room_id) not in self.room:
            label = f"{request_id},{self.week.days[day]:%a},{room_id}"
            held = self.model.new_bool_var(f"room[{label}]")
            minutes = next(m.minutes for m in self.week.request.meetings if m.id == request_id)
            at = self._start_minute(request_id, day)
            length = len(self.slots.taken(0, minutes)) * self.slots.step  # the break included
            self._in_room[room_id].append(
                self.model.new_optional_fixed_size_interval_var(at, length, held, f"booking[{label}]"))
            self.room[(request_id, day, room_id)] = held
        return self.room[(request_id, day, room_id)]

    def _start_minute(self, request_id: str, day: int) -> cp_model.IntVar:
        """The minute (from the first day's midnight) the occurrence on `day` starts; the
        day's midnight when it is not placed that day."""
        if (request_id, day) not in self._start_minutes:
            midnight = day * MINUTES_PER_DAY
            keys = self._by_day.get((request_id, day), [])
            values = [midnight, *(midnight + self.slots.starts[k[2]] for k in keys)]
            at = self.model.new_int_var_from_domain(cp_model.Domain.from_values(values),
                                                    f"at[{request_id},{self.week.days[day]:%a}]")
            self.model.add(at == midnight + sum(self.slots.starts[k[2]] * self.start[k] for k in keys))
            self._start_minutes[(request_id, day)] = at
        return self._start_minutes[(request_id, day)]

    def room_bookings(self) -> dict[str, list[cp_model.IntervalVar]]:
        """Room id -> the bookings that could hold it."""
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
    labels = [f"{d:%a}" for d in week.days]
    starts_by_day: list[tuple[MeetingRequest, dict[int, list[tuple[int, int]]]]] = []
    clear_of_lunch = LunchCheck(week, slots)
    for meeting in week.request.meetings:
        by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)  # day -> (slot, proto index)
        for day, slot in meeting_starts(week, slots, meeting):
            if not clear_of_lunch(meeting, day, slot):
                continue
            var = model.new_bool_var(f"start[{meeting.id},{labels[day]},{slot}]")
            key = (meeting.id, day, slot)
            v.start[key] = var
            v._literal[var.index] = var
            v._by_request[meeting.id].append(key)
            v._by_day[(meeting.id, day)].append(key)
            by_day[day].append((slot, var.index))
        starts_by_day.append((meeting, by_day))
    for member in week.request.members:
        for day in range(len(week.days)):
            _add_member_day(model, v, member.id, day)
    # After every decision variable, so that their indices (which the canonical tie-break
    # reads) do not depend on which helpers the grid needs.
    for meeting, by_day in starts_by_day:
        for day, starts in by_day.items():
            _add_occupancy(model, v, meeting, day, starts)
    return v


def _add_occupancy(model: cp_model.CpModel, v: Variables, meeting: MeetingRequest, day: int,
                   starts: list[tuple[int, int]]) -> None:
    """For each slot the meeting could take that day, the literals that say it holds its
    people there: the covering starts themselves, or one `holds` variable equal to their sum.

    A meeting of k slots is covered by up to k starts in each slot, and every attendee's
    rules repeat them: on a 15-minute grid with four-hour meetings of thirty people that
    was millions of terms, more than CP-SAT's presolve and the build itself could afford.
    At most one start a day, so the sum is 0 or 1 and every rule over it means the same.
    """
    covering: dict[int, list[int]] = defaultdict(list)
    length = len(v.slots.taken(0, meeting.minutes))
    for slot, index in starts:
        for taken in range(slot, slot + length):
            covering[taken].append(index)
    people = len(meeting.attendees) + len(meeting.optional)
    label = f"{meeting.id},{v.week.days[day]:%a}"
    rows = [*(v._taking[(a, day)] for a in meeting.attendees),
            *(v._optional[(o, day)] for o in meeting.optional)]
    for slot, indices in covering.items():
        if len(indices) * people > len(indices) + 1 + people:  # one helper costs fewer terms
            holds = model.new_bool_var(f"holds[{label},{slot}]")
            _equal_to_sum(model, holds, indices)
            v._literal[holds.index] = holds
            indices = [holds.index]
        for row in rows:
            row[slot].extend(indices)


def _equal_to_sum(model: cp_model.CpModel, var: cp_model.IntVar, indices: list[int]) -> None:
    """var == sum of the literals at these proto indices, written straight into the proto."""
    linear = model.proto.constraints.add().linear
    linear.vars.extend([*indices, var.index])
    linear.coeffs.extend([*([1] * len(indices)), -1])
    linear.domain.extend([0, 0])


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
