"""A solved week as plain values: what was chosen, free of CP-SAT, for explaining and output."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .variables import Variables


@dataclass(frozen=True)
class Solution:
    starts: dict[str, list[tuple[int, int]]]  # request -> [(day, slot)] by day
    lunch: dict[tuple[str, int], int]  # (member, day) -> start minute
    focus: dict[tuple[str, int], int]  # (member, day) -> start minute
    office: dict[tuple[str, int], bool]  # (member, day) -> at the office
    rooms: dict[tuple[str, int, int], str] = field(default_factory=dict)  # start key -> room

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
        rooms={key: room for (key, room), var in v.room.items() if solver.boolean_value(var)},
    )


def _chosen(
    solver: cp_model.CpSolver, options: dict[tuple[str, int], dict[int, cp_model.IntVar]]
) -> dict[tuple[str, int], int]:
    return {
        key: minute
        for key, by_minute in options.items()
        for minute, var in by_minute.items()
        if solver.boolean_value(var)
    }
