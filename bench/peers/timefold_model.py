"""The benchmark's meeting-scheduling domain for Timefold's Python solver (`timefold` on PyPI):
the planning solution and entity, and the set read into them; the 12 constraints are in
`timefold_constraints.py`.

Needs the `timefold` package and a JDK 17+ (see README.md); rhythm's environment does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from timefold.solver.domain import (
    PlanningEntityCollectionProperty,
    PlanningId,
    PlanningScore,
    PlanningVariable,
    ProblemFactCollectionProperty,
    ValueRangeProvider,
    planning_entity,
    planning_solution,
)
from timefold.solver.score import HardMediumSoftScore

from .timefold_format import Assignment, TimefoldSet


@dataclass
class TimeGrain:
    id: Annotated[int, PlanningId]
    grain_index: int
    day_id: int
    starting_minute_of_day: int


@dataclass
class Room:
    id: Annotated[int, PlanningId]
    name: str
    capacity: int


@dataclass
class Meeting:
    id: Annotated[int, PlanningId]
    duration_in_grains: int
    required_capacity: int  # required + preferred attendees
    required_people: set[int]  # Person ids
    preferred_people: set[int]
    people: set[int]

    def shared_required(self, other: Meeting) -> int:
        return len(self.required_people & other.required_people)

    def shared_required_preferred(self, other: Meeting) -> int:
        return (len(self.required_people & other.preferred_people)
                + len(self.preferred_people & other.required_people))

    def shared_preferred(self, other: Meeting) -> int:
        return len(self.preferred_people & other.preferred_people)

    def shared_people(self, other: Meeting) -> int:
        return len(self.people & other.people)


@planning_entity
@dataclass
class MeetingAssignment:
    id: Annotated[int, PlanningId]
    meeting: Meeting
    starting_time_grain: Annotated[TimeGrain | None, PlanningVariable] = field(default=None)
    room: Annotated[Room | None, PlanningVariable] = field(default=None)

    # The constraints call these only where the variables are set (for_each leaves out
    # unassigned entities, the other streams filter on them first): None is "not yet assigned".
    def start(self) -> int:
        return self.starting_time_grain.grain_index  # type: ignore[union-attr]

    def end(self) -> int:  # exclusive
        return self.starting_time_grain.grain_index + self.meeting.duration_in_grains  # type: ignore[union-attr]

    def last_grain_index(self) -> int:
        return self.starting_time_grain.grain_index + self.meeting.duration_in_grains - 1  # type: ignore[union-attr]

    def overlap(self, other: MeetingAssignment) -> int:
        return min(self.end(), other.end()) - max(self.start(), other.start())

    def room_capacity(self) -> int:
        return 0 if self.room is None else self.room.capacity

    def room_stability_applies(self, other: MeetingAssignment) -> bool:
        # "The later starts at most 2 grains after the earlier ends" is the caller's
        # overlapping joiner on [start, end + 3), once the starts differ.
        return self.room.id != other.room.id and self.start() != other.start()  # type: ignore[union-attr]


@planning_solution
@dataclass
class MeetingSchedule:
    time_grains: Annotated[list[TimeGrain], ProblemFactCollectionProperty, ValueRangeProvider]
    rooms: Annotated[list[Room], ProblemFactCollectionProperty, ValueRangeProvider]
    meetings: Annotated[list[Meeting], ProblemFactCollectionProperty]
    assignments: Annotated[list[MeetingAssignment], PlanningEntityCollectionProperty]
    score: Annotated[HardMediumSoftScore | None, PlanningScore] = field(default=None)


def schedule_from_set(tf: TimefoldSet) -> MeetingSchedule:
    """The unsolved problem: facts from the set, every assignment's variables empty."""
    meetings = {}
    for m in tf.meetings:
        required, preferred = {a.person for a in m.required}, {a.person for a in m.preferred}
        meetings[m.id] = Meeting(m.id, m.duration, m.capacity_needed, required, preferred,
                                 required | preferred)
    return MeetingSchedule(
        [TimeGrain(g.id, g.index, g.day, g.start_minute) for g in tf.grains],
        [Room(r.id, r.name, r.capacity) for r in tf.rooms], list(meetings.values()),
        [MeetingAssignment(a.id, meetings[a.meeting]) for a in tf.assignments])


def assignment_of(schedule: MeetingSchedule) -> Assignment:
    return {a.meeting.id: (None if a.starting_time_grain is None else a.starting_time_grain.grain_index,
                           None if a.room is None else a.room.id)
            for a in schedule.assignments if a.starting_time_grain is not None or a.room is not None}
