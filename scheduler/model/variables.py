"""The decision variables, with query methods so that rules read like the specification.

`Variables` makes every variable of the model: the decisions (`decisions.py`, first), the
helpers several rules and the core read, here on first use (who a meeting holds in a slot,
whether it is held on a day or in a room, the weekly pattern), and each rule's own
indicators (`new_bool`, `new_int`). No rule writes what another rule or the core reads, so
the order of the rules decides nothing about who made what.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from scheduler.domain import Weekday
from scheduler.model.candidates import Candidates, Slots
from scheduler.model.minutes import DAY_MINUTES
from scheduler.model.week import Week

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model

Key = tuple[str, int, int]  # (request or member id, day index, slot or minute)
NO_ROW: Mapping[int, list[int]] = {}


def _rows() -> defaultdict[tuple[str, int], defaultdict[int, list[int]]]:
    return defaultdict(lambda: defaultdict(list))


@dataclass
class Variables:
    model: cp_model.CpModel
    candidates: Candidates
    start: dict[Key, cp_model.IntVar] = field(default_factory=dict)  # (request, day, slot)
    office: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    # (member, day) -> {start minute: var}
    lunch: dict[tuple[str, int], dict[int, cp_model.IntVar]] = field(default_factory=dict)
    focus: dict[tuple[str, int], dict[int, cp_model.IntVar]] = field(default_factory=dict)
    # (member, day) -> slot -> proto indices of the literals that would hold the member there,
    # one per meeting (`decisions.add_occupancy`): plain ints, as rules write them straight
    # into the proto (`_literal` turns them back into variables where an expression needs them).
    _taking: defaultdict[tuple[str, int], defaultdict[int, list[int]]] = field(default_factory=_rows)
    _optional: defaultdict[tuple[str, int], defaultdict[int, list[int]]] = field(default_factory=_rows)
    _literal: dict[int, cp_model.IntVar] = field(default_factory=dict)
    _placed: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    _by_request: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    _by_day: dict[tuple[str, int], list[Key]] = field(default_factory=lambda: defaultdict(list))
    _occupied: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    # (request, day, room id) -> that day's occurrence is held in the room, and the bookings
    # as optional intervals on the planning's minute axis.
    _room: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    _in_room: dict[str, list[cp_model.IntervalVar]] = field(default_factory=lambda: defaultdict(list))
    _start_minutes: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    # Over several weeks: (request, weekday, slot) and (member, weekday) -> in the weekly pattern.
    _pattern: dict[tuple[str, Weekday, int], cp_model.IntVar] = field(default_factory=dict)
    _office_pattern: dict[tuple[str, Weekday], cp_model.IntVar] = field(default_factory=dict)

    @property
    def week(self) -> Week:
        return self.candidates.week

    @property
    def slots(self) -> Slots:
        return self.candidates.slots

    def new_bool(self, label: str) -> cp_model.IntVar:
        """A rule's own indicator, which no other rule reads."""
        return new_bool_var(self.model, label)

    def new_int(self, low: int, high: int, label: str) -> cp_model.IntVar:
        return self.model.new_int_var(low, high, label)

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

    def taking_indices(self, member_id: str, day: int, slot: int) -> list[int]:
        """Proto indices of the literals that would hold this member (required) in this slot."""
        return self._taking.get((member_id, day), NO_ROW).get(slot, [])

    def optional_indices(self, member_id: str, day: int, slot: int) -> list[int]:
        return self._optional.get((member_id, day), NO_ROW).get(slot, [])

    def occupied(self, member_id: str, day: int, slot: int) -> cp_model.IntVar:
        """True when a meeting holds the member (required) in the slot; made on first use."""
        key = (member_id, day, slot)
        if key not in self._occupied:
            label = f"{member_id},{self.week.day_labels[day]},{slot}"
            occupied = new_bool_var(self.model, f"occupied[{label}]")
            # One constraint for all the meetings that could take the slot, not one each:
            # not occupied -> none of them; straight into the proto (the expression API took
            # most of the time of the rules that ask for every slot of every member-day).
            taking = sorted(self.taking_indices(*key))  # in the order OR-Tools wrote them
            if taking:
                constraint = self.model.proto.constraints.add()
                constraint.enforcement_literal.append(-occupied.index - 1)
                constraint.linear.vars.extend(taking)
                constraint.linear.coeffs.extend([1] * len(taking))
                constraint.linear.domain.extend([0, 0])
            else:
                self.model.add(sum(()) == 0).only_enforce_if(~occupied)
            self._occupied[key] = occupied
        return self._occupied[key]

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
                placed = new_bool_var(self.model, f"placed[{request_id},{self.week.day_labels[day]}]")
                equal_to_sum(self.model, placed, [s.index for s in starts])
                self._placed[(request_id, day)] = placed
        return self._placed[(request_id, day)]

    def held_in(self, request_id: str, day: int, room_id: str) -> cp_model.IntVar:
        """True when the request's occurrence on `day` is held in the room; made on first use.

        One booking per (occurrence, room) rather than per (start, room): its start is a sum
        over the day's start variables, so a room costs a few variables per meeting instead
        of one per candidate start (which a 15-minute grid over long days cannot afford).
        """
        if (request_id, day, room_id) not in self._room:
            label = f"{request_id},{self.week.day_labels[day]},{room_id}"
            held = new_bool_var(self.model, f"room[{label}]")
            minutes = next(m.minutes for m in self.week.request.meetings if m.id == request_id)
            at = self._start_minute(request_id, day)
            length = len(self.slots.taken(0, minutes)) * self.slots.step  # the break included
            self._in_room[room_id].append(
                self.model.new_optional_fixed_size_interval_var(at, length, held, f"booking[{label}]"))
            self._room[(request_id, day, room_id)] = held
        return self._room[(request_id, day, room_id)]

    def _start_minute(self, request_id: str, day: int) -> cp_model.IntVar:
        """The minute (from the first day's midnight) the occurrence on `day` starts; the
        day's midnight when it is not placed that day."""
        from ortools.sat.python import cp_model

        if (request_id, day) not in self._start_minutes:
            midnight = day * DAY_MINUTES
            keys = self._by_day.get((request_id, day), [])
            values = [midnight, *(midnight + self.slots.starts[k[2]] for k in keys)]
            at = self.model.new_int_var_from_domain(cp_model.Domain.from_values(values),
                                                    f"at[{request_id},{self.week.day_labels[day]}]")
            self.model.add(at == midnight + sum(self.slots.starts[k[2]] * self.start[k] for k in keys))
            self._start_minutes[(request_id, day)] = at
        return self._start_minutes[(request_id, day)]

    def room_bookings(self) -> Mapping[str, list[cp_model.IntervalVar]]:
        """Room id -> the bookings that could hold it."""
        return self._in_room

    def rooms_held(self) -> Mapping[tuple[str, int, str], cp_model.IntVar]:
        """(request, day, room id) -> held there, for every room some rule asked about."""
        return self._room

    def meeting_pattern(self, request_id: str, weekday: Weekday, slot: int) -> cp_model.IntVar:
        """True when the weekly pattern holds the request at this weekday and slot; made on first use."""
        if (request_id, weekday, slot) not in self._pattern:
            self._pattern[(request_id, weekday, slot)] = new_bool_var(self.model,
                f"pattern[{request_id},{weekday},{slot}]")
        return self._pattern[(request_id, weekday, slot)]

    def meeting_patterns(self) -> Mapping[tuple[str, Weekday, int], cp_model.IntVar]:
        return self._pattern

    def office_pattern(self, member_id: str, weekday: Weekday) -> cp_model.IntVar:
        """True when the member's weekly pattern has them at the office on this weekday."""
        if (member_id, weekday) not in self._office_pattern:
            self._office_pattern[(member_id, weekday)] = new_bool_var(self.model,
                f"office_pattern[{member_id},{weekday}]")
        return self._office_pattern[(member_id, weekday)]

    def office_patterns(self) -> Mapping[tuple[str, Weekday], cp_model.IntVar]:
        return self._office_pattern

    def focus_vars(self) -> list[cp_model.IntVar]:
        return [var for blocks in self.focus.values() for var in blocks.values()]

    def at_office(self, member_id: str, day: int) -> cp_model.IntVar:
        return self.office[(member_id, day)]

    def lunches(self, member_id: str, day: int) -> dict[int, cp_model.IntVar]:
        return self.lunch.get((member_id, day), {})

    def focus_blocks(self, member_id: str, day: int) -> dict[int, cp_model.IntVar]:
        return self.focus.get((member_id, day), {})


def equal_to_sum(model: cp_model.CpModel, var: cp_model.IntVar, indices: list[int]) -> None:
    """var == sum of the literals at these proto indices, written straight into the proto."""
    linear = model.proto.constraints.add().linear
    linear.vars.extend([*indices, var.index])
    linear.coeffs.extend([*([1] * len(indices)), -1])
    linear.domain.extend([0, 0])


def new_bool_var(model: cp_model.CpModel, name: str) -> cp_model.IntVar:
    """`model.new_bool_var(name)`, the same variable, with one 0-1 domain for all of them:
    OR-Tools makes a domain object for each, a third of the cost of the hundreds of
    thousands a week's model of a large team makes."""
    int_var, boolean = _boolean()
    return int_var(model.proto).with_name(name).with_domain(boolean)


@cache
def _boolean() -> tuple[Any, Any]:
    from ortools.sat.python import cp_model

    return cp_model.IntVar, cp_model.Domain(0, 1)
