"""Timefold's meeting-scheduling benchmark files: Jackson JSON with object identity, both ways.

Every object carries `"@id": "<Class>#<id>"`; the first time it appears in document order it
is written in full, afterwards only as that string. `parse` resolves the references into
plain frozen values keyed by the numeric ids; `write` lays the document out again exactly
as Jackson's default pretty printer does, so an unsolved file comes back byte for byte and
a solved one differs only in its planning variables and score. See ../shared/peers/
timefold-meetingscheduling/FORMAT.md. Standard library only: the Timefold venv imports it too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

GRAIN_MINUTES = 15

# {meeting id: (starting grain index or None, room id or None)}; a missing meeting is unassigned.
Assignment = dict[int, tuple[int | None, int | None]]


@dataclass(frozen=True)
class Person:
    id: int
    full_name: str


@dataclass(frozen=True)
class Attendance:
    id: int
    person: int  # Person id
    meeting: int  # Meeting id
    required: bool  # False: preferred


@dataclass(frozen=True)
class Meeting:
    id: int
    topic: str
    duration: int  # in grains
    required: tuple[Attendance, ...]
    preferred: tuple[Attendance, ...]

    @property
    def capacity_needed(self) -> int:
        """Seats the room must have: Timefold counts preferred attendees too."""
        return len(self.required) + len(self.preferred)


@dataclass(frozen=True)
class Day:
    id: int
    day_of_year: int


@dataclass(frozen=True)
class TimeGrain:
    id: int
    index: int  # grainIndex: 0..G-1, running on across lunch and nights
    day: int  # Day id
    start_minute: int  # startingMinuteOfDay


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    capacity: int


@dataclass(frozen=True)
class MeetingAssignment:
    id: int
    meeting: int  # Meeting id
    pinned: bool = False
    start: int | None = None  # TimeGrain id
    room: int | None = None  # Room id


@dataclass(frozen=True)
class TimefoldSet:
    id: int
    meetings: tuple[Meeting, ...]
    days: tuple[Day, ...]
    grains: tuple[TimeGrain, ...]
    rooms: tuple[Room, ...]
    persons: tuple[Person, ...]  # in personList order
    attendance_order: tuple[int, ...]  # attendanceList, by Attendance id
    assignments: tuple[MeetingAssignment, ...]
    score: str | None = None
    constraint_weight_overrides: Mapping[str, Any] | None = None

    @cached_property
    def attendances(self) -> dict[int, Attendance]:
        return {a.id: a for m in self.meetings for a in (*m.required, *m.preferred)}

    @cached_property
    def grain_by_index(self) -> dict[int, TimeGrain]:
        return {g.index: g for g in self.grains}

    def meeting(self, meeting_id: int) -> Meeting:
        return self._meetings[meeting_id]

    @cached_property
    def _meetings(self) -> dict[int, Meeting]:
        return {m.id: m for m in self.meetings}

    def assignment(self) -> Assignment:
        """The planning variables as grain indexes and room ids (unassigned ones left out)."""
        grains = {g.id: g.index for g in self.grains}
        return {a.meeting: (None if a.start is None else grains[a.start], a.room)
                for a in self.assignments if a.start is not None or a.room is not None}

    def with_assignment(self, assignment: Assignment, score: str | None = None) -> TimefoldSet:
        """The same set with these planning variables (what a solver would write back)."""
        grains = {g.index: g.id for g in self.grains}
        solved = []
        for a in self.assignments:
            start, room = assignment.get(a.meeting, (None, None))
            solved.append(replace(a, start=None if start is None else grains[start], room=room))
        return replace(self, assignments=tuple(solved), score=score)


def read_set(path: Path | str) -> TimefoldSet:
    return parse(json.loads(Path(path).read_text(encoding="utf-8")))


def parse(data: Mapping[str, Any]) -> TimefoldSet:
    """Resolve the object identities of a decoded benchmark file into a `TimefoldSet`."""
    seen: dict[str, Mapping[str, Any]] = {}

    def full(node: Any) -> Mapping[str, Any]:
        # A string is a reference to an object written in full earlier in the document.
        if isinstance(node, str):
            return seen[node]
        seen[node["@id"]] = node
        return node

    def attendance(node: Any) -> Attendance:
        raw = full(node)
        person = full(raw["person"])
        return Attendance(raw["id"], person["id"], full(raw["meeting"])["id"], raw["@type"] == "required")

    meetings = []
    for node in data["meetingList"]:
        raw = full(node)
        meetings.append(Meeting(raw["id"], raw["topic"], raw["durationInGrains"],
                                tuple(attendance(a) for a in raw["requiredAttendanceList"]),
                                tuple(attendance(a) for a in raw["preferredAttendanceList"])))
    days = tuple(Day(d["id"], d["dayOfYear"]) for d in map(full, data["dayList"]))
    grains = tuple(TimeGrain(g["id"], g["grainIndex"], full(g["day"])["id"], g["startingMinuteOfDay"])
                   for g in map(full, data["timeGrainList"]))
    rooms = tuple(Room(r["id"], r["name"], r["capacity"]) for r in map(full, data["roomList"]))
    persons = tuple(Person(p["id"], p["fullName"]) for p in map(full, data["personList"]))
    order = tuple(full(a)["id"] for a in data["attendanceList"])
    assignments = tuple(
        MeetingAssignment(a["id"], full(a["meeting"])["id"], a["pinned"],
                          None if a["startingTimeGrain"] is None else full(a["startingTimeGrain"])["id"],
                          None if a["room"] is None else full(a["room"])["id"])
        for a in map(full, data["meetingAssignmentList"]))
    return TimefoldSet(data["id"], tuple(meetings), days, grains, rooms, persons, order, assignments,
                       data["score"], data["constraintWeightOverrides"])


def write(tf: TimefoldSet) -> str:
    """The document Jackson would write for this set, object identity and layout included."""
    return jackson_pretty(_document(tf))


def _document(tf: TimefoldSet) -> dict[str, Any]:
    written: set[str] = set()

    def ref(key: str, body: dict[str, Any]) -> Any:
        # Jackson's identity rule: in full the first time, by reference ever after.
        if key in written:
            return key
        written.add(key)
        return {"@id": key, **body}

    persons = {p.id: p for p in tf.persons}

    def person(pid: int) -> Any:
        return ref(f"Person#{pid}", {"id": pid, "fullName": persons[pid].full_name})

    def attendance(a: Attendance) -> Any:
        kind = "RequiredAttendance" if a.required else "PreferredAttendance"
        body = {"id": a.id, "person": person(a.person), "meeting": f"Meeting#{a.meeting}"}
        node = ref(f"{kind}#{a.id}", body)
        # Jackson writes the polymorphic type tag before the identity.
        return node if isinstance(node, str) else {"@type": "required" if a.required else "preferred", **node}

    def meeting(m: Meeting) -> Any:
        # The meeting's own @id is registered before its attendances refer back to it.
        key = f"Meeting#{m.id}"
        written.add(key)
        return {"@id": key, "id": m.id, "topic": m.topic, "durationInGrains": m.duration,
                "requiredAttendanceList": [attendance(a) for a in m.required],
                "preferredAttendanceList": [attendance(a) for a in m.preferred]}

    def day(day_id: int) -> Any:
        return ref(f"Day#{day_id}", {"id": day_id, "dayOfYear": days[day_id].day_of_year})

    def grain(grain_id: int) -> Any:
        g = grains[grain_id]
        return ref(f"TimeGrain#{g.id}", {"id": g.id, "grainIndex": g.index, "day": day(g.day),
                                         "startingMinuteOfDay": g.start_minute})

    def room(room_id: int) -> Any:
        r = rooms[room_id]
        return ref(f"Room#{r.id}", {"id": r.id, "name": r.name, "capacity": r.capacity})

    days = {d.id: d for d in tf.days}
    grains = {g.id: g for g in tf.grains}
    rooms = {r.id: r for r in tf.rooms}
    overrides = dict(tf.constraint_weight_overrides or {})
    doc: dict[str, Any] = {"id": tf.id, "constraintWeightOverrides": overrides}
    doc["meetingList"] = [meeting(m) for m in tf.meetings]
    doc["dayList"] = [day(d.id) for d in tf.days]
    doc["timeGrainList"] = [grain(g.id) for g in tf.grains]
    doc["roomList"] = [room(r.id) for r in tf.rooms]
    doc["personList"] = [person(p.id) for p in tf.persons]
    doc["attendanceList"] = [attendance(tf.attendances[a]) for a in tf.attendance_order]
    doc["meetingAssignmentList"] = [
        ref(f"MeetingAssignment#{a.id}", {
            "id": a.id, "meeting": f"Meeting#{a.meeting}", "pinned": a.pinned,
            "startingTimeGrain": None if a.start is None else grain(a.start),
            "room": None if a.room is None else room(a.room)})
        for a in tf.assignments]
    doc["score"] = tf.score
    return doc


def jackson_pretty(value: Any, indent: str = "") -> str:
    """Jackson's DefaultPrettyPrinter: `"key" : value`, two-space objects, one-line arrays."""
    if isinstance(value, dict):
        if not value:
            return "{ }"
        inner = indent + "  "
        fields = (f"{inner}{json.dumps(k, ensure_ascii=False)} : {jackson_pretty(v, inner)}"
                  for k, v in value.items())
        return "{\n" + ",\n".join(fields) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(jackson_pretty(v, indent) for v in value) + " ]"
    return json.dumps(value, ensure_ascii=False)
