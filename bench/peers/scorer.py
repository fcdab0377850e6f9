"""An independent scorer of Timefold's meeting-scheduling constraints (FORMAT.md, benchmark version).

It reads the 12 rules literally, one function each, from attendances and grain indexes,
with none of the Timefold model's shortcuts (`timefold_model` folds attendances into meeting
pairs), so the two agreeing on Timefold's own solutions is a real check of both.
Where an assignment is partial it follows the Java streams: rules that only `filter` on the
start need a start, rules that `join(MeetingAssignment)` need a start and a room, and a
meeting without a room has capacity 0. Penalties are positive here; the score negates them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, permutations
from typing import Literal

from .timefold_format import Assignment, Attendance, TimefoldSet

Level = Literal["hard", "medium", "soft"]


@dataclass(frozen=True)
class Score:
    hard: int
    medium: int
    soft: int

    def __str__(self) -> str:  # Timefold's own notation, so the two can be compared as text
        return f"{self.hard}hard/{self.medium}medium/{self.soft}soft"

    @classmethod
    def parse(cls, text: str) -> Score:
        # "-2hard/0medium/-9soft"; an uninitialised score has an "init" part in front.
        hard, medium, soft = (int(part.removesuffix(level)) for part, level in
                              zip(text.split("/")[-3:], ("hard", "medium", "soft"), strict=True))
        return cls(hard, medium, soft)


@dataclass(frozen=True)
class Placed:
    start: int | None  # grain index
    room: int | None  # room id
    duration: int

    @property
    def end(self) -> int:  # exclusive
        return (self.start or 0) + self.duration

    @property
    def last(self) -> int:
        return self.end - 1


def overlap(a: Placed, b: Placed) -> int:
    """Shared grains of two started meetings, half-open intervals."""
    return max(0, min(a.end, b.end) - max(a.start or 0, b.start or 0))


@dataclass(frozen=True)
class Scene:
    """A set and one assignment of it, with the lookups the rules share."""

    tf: TimefoldSet
    assignment: Assignment

    @cached_property
    def placed(self) -> dict[int, Placed]:
        """Every meeting (each has one MeetingAssignment), assigned or not."""
        found = {}
        for meeting in self.tf.meetings:
            start, room = self.assignment.get(meeting.id, (None, None))
            if start is not None and start not in self.tf.grain_by_index:
                raise ValueError(f"meeting {meeting.id} starts at grain {start}, which does not exist")
            found[meeting.id] = Placed(start, room, meeting.duration)
        return found

    def started(self, meeting_id: int) -> Placed | None:
        p = self.placed[meeting_id]
        return p if p.start is not None else None

    def full(self, meeting_id: int) -> Placed | None:
        p = self.placed[meeting_id]
        return p if p.start is not None and p.room is not None else None

    @cached_property
    def capacity(self) -> dict[int | None, int]:  # looked up by a room or None (no room: 0 seats)
        return {r.id: r.capacity for r in self.tf.rooms}

    @cached_property
    def by_person(self) -> dict[int, list[Attendance]]:
        people: dict[int, list[Attendance]] = defaultdict(list)
        for attendance in sorted(self.tf.attendances.values(), key=lambda a: a.id):
            people[attendance.person].append(attendance)
        return people

    def unique_pairs(self, required: bool) -> Iterator[tuple[Attendance, Attendance]]:
        """forEachUniquePair of one attendance kind, joined on person: left has the lower id."""
        for attendances in self.by_person.values():
            yield from combinations([a for a in attendances if a.required == required], 2)


Rule = Callable[[Scene], list[int]]  # one penalty per constraint match


def room_conflict(s: Scene) -> list[int]:
    """Hard constraint: two meetings in one room, penalised by the grains they share."""
    full = [p for m in s.placed if (p := s.full(m))]
    return [o for a, b in combinations(full, 2) if a.room == b.room and (o := overlap(a, b)) > 0]


def avoid_overtime(s: Scene) -> list[int]:
    """Hard constraint: a meeting whose last grain does not exist, weighted by that grain index."""
    return [p.last for m in s.placed if (p := s.started(m)) and p.last not in s.tf.grain_by_index]


def required_attendance_conflict(s: Scene) -> list[int]:
    """Hard constraint: one person required at two meetings at once, by the grains shared."""
    return [o for left, right in s.unique_pairs(required=True)
            if (a := s.started(left.meeting)) and (b := s.full(right.meeting)) and (o := overlap(a, b)) > 0]


def required_room_capacity(s: Scene) -> list[int]:
    """Hard constraint: seats missing for required plus preferred attendees (no room: 0 seats)."""
    return [need - have for m in s.tf.meetings
            if (need := m.capacity_needed) > (have := s.capacity.get(s.placed[m.id].room, 0))]


def start_and_end_on_same_day(s: Scene) -> list[int]:
    """Hard constraint: a meeting whose last grain lies on another day than its first."""
    grains = s.tf.grain_by_index
    return [1 for m in s.placed if (p := s.started(m)) and p.last in grains
            and grains[p.last].day != grains[p.start or 0].day]


def required_and_preferred_attendance_conflict(s: Scene) -> list[int]:
    """Medium constraint: a person required at one meeting and preferred at another at once."""
    found = []
    for attendances in s.by_person.values():
        for r in (a for a in attendances if a.required):
            for p in (a for a in attendances if not a.required):
                if (a := s.started(r.meeting)) and (b := s.started(p.meeting)) and (o := overlap(a, b)) > 0:
                    found.append(o)
    return found


def preferred_attendance_conflict(s: Scene) -> list[int]:
    """Medium constraint: a person preferred at two meetings at once, by the grains shared."""
    return [o for left, right in s.unique_pairs(required=False)
            if (a := s.started(left.meeting)) and (b := s.started(right.meeting))
            and (o := overlap(a, b)) > 0]


def do_meetings_as_soon_as_possible(s: Scene) -> list[int]:
    """Soft constraint: each meeting costs its last grain index."""
    return [p.last for m in s.placed if (p := s.started(m))]


def one_break_between_consecutive_meetings(s: Scene) -> list[int]:
    """Soft constraint: 100 for any two meetings back to back by grain index (lunch and night too)."""
    started = [p for m in s.placed if (p := s.started(m))]
    ending: defaultdict[int, int] = defaultdict(int)
    for p in started:
        ending[p.last] += 1
    return [100 for p in started for _ in range(ending[(p.start or 0) - 1])]


def overlapping_meetings(s: Scene) -> list[int]:
    """Soft constraint: 10 per grain two meetings share, whatever their rooms."""
    started = [p for m in s.placed if (p := s.started(m))]
    return [10 * o for a, b in combinations(started, 2) if (o := overlap(a, b)) > 0]


def assign_larger_rooms_first(s: Scene) -> list[int]:
    """Soft constraint: for each room larger than the one assigned, the difference in seats."""
    found: list[int] = []
    for p in s.placed.values():
        if p.room is not None:
            have = s.capacity[p.room]
            found.extend(c - have for c in s.capacity.values() if c > have)
    return found


def room_stability(s: Scene) -> list[int]:
    """Soft constraint: 1 per person who attends A then B (starting later, at most 2 grains
    after A ends, no lower bound) in another room; any mix of required and preferred."""
    found = []
    for attendances in s.by_person.values():
        for left, right in permutations(attendances, 2):
            if left.meeting == right.meeting:
                continue
            a, b = s.placed[left.meeting], s.placed[right.meeting]
            if (a.start is None or a.room is None or b.start is None or b.room is None
                    or not a.start < b.start or a.room == b.room):
                continue
            if b.start - a.duration - a.start <= 2:
                found.append(1)
    return found


# Priority order, as the benchmark's ConstraintProvider lists them.
RULES: tuple[tuple[str, Level, Rule], ...] = (
    ("Room conflict", "hard", room_conflict),
    ("Don't go in overtime", "hard", avoid_overtime),
    ("Required attendance conflict", "hard", required_attendance_conflict),
    ("Required room capacity", "hard", required_room_capacity),
    ("Start and end on same day", "hard", start_and_end_on_same_day),
    ("Required and preferred attendance conflict", "medium", required_and_preferred_attendance_conflict),
    ("Preferred attendance conflict", "medium", preferred_attendance_conflict),
    ("Do all meetings as soon as possible", "soft", do_meetings_as_soon_as_possible),
    ("One TimeGrain break between two consecutive meetings", "soft", one_break_between_consecutive_meetings),
    ("Overlapping meetings", "soft", overlapping_meetings),
    ("Assign larger rooms first", "soft", assign_larger_rooms_first),
    ("Room stability", "soft", room_stability),
)


@dataclass(frozen=True)
class RuleTotal:
    name: str
    level: Level
    penalty: int  # positive: the score subtracts it
    matches: int


@dataclass(frozen=True)
class Scored:
    score: Score
    rules: tuple[RuleTotal, ...]
    placed: int  # meetings with a start and a room

    @property
    def hard_violations(self) -> int:
        return sum(r.matches for r in self.rules if r.level == "hard")


def score(tf: TimefoldSet, assignment: Assignment) -> Scored:
    scene = Scene(tf, assignment)
    totals = tuple(RuleTotal(name, level, sum(found), len(found))
                   for name, level, rule in RULES for found in [rule(scene)])
    hard, medium, soft = (-sum(t.penalty for t in totals if t.level == level)
                          for level in ("hard", "medium", "soft"))
    placed = sum(1 for m in scene.placed if scene.full(m))
    return Scored(Score(hard, medium, soft), totals, placed)
