"""A solved week as plain values: what was chosen, free of CP-SAT, for explaining and output."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from scheduler.domain import Weekday

if TYPE_CHECKING:  # read only here: the plan is assembled (and a week by hand) without CP-SAT loaded
    from ortools.sat.python import cp_model

    from scheduler.model.variables import Variables

T = TypeVar("T")


@dataclass(frozen=True)
class Solution:
    starts: dict[str, list[tuple[int, int]]]  # request -> [(day, slot)] by day
    lunch: dict[tuple[str, int], int]  # (member, day) -> start minute
    focus: dict[tuple[str, int], int]  # (member, day) -> start minute
    office: dict[tuple[str, int], bool]  # (member, day) -> at the office
    rooms: dict[tuple[str, int, int], str] = field(default_factory=dict)  # start key -> room
    pattern: dict[str, list[tuple[Weekday, int]]] = field(default_factory=dict)  # -> (weekday, slot)
    office_pattern: dict[str, list[Weekday]] = field(default_factory=dict)  # member -> weekdays

    def office_days(self, member_id: str) -> list[int]:
        return sorted(d for (m, d), present in self.office.items() if m == member_id and present)


def read_solution(solver: cp_model.CpSolver, v: Variables) -> Solution:
    starts: dict[str, list[tuple[int, int]]] = {m.id: [] for m in v.week.request.meetings}
    for (request_id, day, slot), var in v.start.items():
        if solver.boolean_value(var):
            starts[request_id].append((day, slot))
    for chosen in starts.values():
        chosen.sort()
    return Solution(
        starts=starts,
        lunch=_chosen(solver, v.lunch),
        focus=_chosen(solver, v.focus),
        office={key: solver.boolean_value(var) for key, var in v.office.items()},
        rooms={(request_id, day, slot): room
               for (request_id, day, room), var in v.rooms_held().items() if solver.boolean_value(var)
               for slot in [s for d, s in starts[request_id] if d == day][:1]},
        pattern=_grouped((r, (weekday, slot)) for (r, weekday, slot), var in v.meeting_patterns().items()
                         if solver.boolean_value(var)),
        office_pattern=_grouped((m, weekday) for (m, weekday), var in v.office_patterns().items()
                                if solver.boolean_value(var)),
    )


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _chosen(
    solver: cp_model.CpSolver, options: dict[tuple[str, int], dict[int, cp_model.IntVar]]
) -> dict[tuple[str, int], int]:
    return {
        key: minute
        for key, by_minute in options.items()
        for minute, var in by_minute.items()
        if solver.boolean_value(var)
    }
