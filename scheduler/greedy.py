"""A first plan in milliseconds: meetings placed first fit, for CP-SAT to start from.

On a large team over long days on a fine grid, CP-SAT can spend its whole time limit
before it finds any plan with meetings in it. A first-fit plan that keeps the hard rules
of meetings (attendees, lunch, office days, rooms) gives its search a place to start, and
the fallback a plan worth returning when the time runs out anyway.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .candidates import office_bounds, office_fixed
from .continuity import current_meetings
from .domain import MeetingRequest
from .variables import Key, Variables

MemberDay = tuple[str, int]


@dataclass
class Draft:
    """A partial plan: the meetings placed, their rooms, and what placing them decided."""

    starts: set[Key] = field(default_factory=set)
    rooms: dict[tuple[str, int], str] = field(default_factory=dict)  # (request, day) -> room
    office: set[MemberDay] = field(default_factory=set)  # days office meetings need in
    lunch: dict[MemberDay, int] = field(default_factory=dict)  # -> start minute


def first_fit(v: Variables) -> Draft:
    """Meetings the plan in use already holds first, then the hardest to fit (most people,
    then longest), each at its earliest start that breaks no hard rule."""
    board, current = _Board(v), current_meetings(v.week, v.slots)
    meetings = {m.id: m for m in v.week.request.meetings}
    for key in [*sorted(current.fixed), *sorted(set(current.kept) - current.fixed)]:
        if key in v.start and board.fits(meetings[key[0]], key):
            board.place(meetings[key[0]], key)
    hardest_first = sorted(meetings.values(),
                           key=lambda m: (-len(m.attendees) - len(m.optional), -m.minutes, m.id))
    for meeting in hardest_first:
        for key in sorted(v.start_keys(meeting.id), key=lambda k: (k[1], k[2])):
            if board.fits(meeting, key):
                board.place(meeting, key)
    board.draft.lunch = {day: lunch for day in v.lunch if (lunch := board.first_lunch(*day)) is not None}
    return board.draft


def hint(model: cp_model.CpModel, v: Variables, draft: Draft) -> None:
    """The draft as CP-SAT's solution hint; what it leaves open (office days nobody's meeting
    decides, rooms of meetings that may go online) is left to the search."""
    model.clear_hints()
    for key, var in v.start.items():
        model.add_hint(var, key in draft.starts)
    office_meetings = {m.id for m in v.week.request.meetings if m.where == "office"}
    for (request_id, day, room), var in v.room.items():
        if request_id in office_meetings:
            model.add_hint(var, draft.rooms.get((request_id, day)) == room)
    for member_day in draft.office:
        model.add_hint(v.office[member_day], True)
    for member_day, options in v.lunch.items():
        for minute, var in options.items():
            model.add_hint(var, draft.lunch.get(member_day) == minute)
    for var in v.focus_vars():
        model.add_hint(var, False)


class _Board:
    """What the draft holds so far, and whether one more meeting fits in it."""

    def __init__(self, v: Variables) -> None:
        self.v, self.draft = v, Draft()
        self.taken: set[Key] = set()  # (member, day, slot) a required attendee is in
        self.booked: set[tuple[str, int, int]] = set()  # (room, day, slot)
        self.office_weeks: Counter[tuple[str, int]] = Counter()  # (member, week) -> office days
        self.seats: Counter[int] = Counter()  # day -> members in
        self.per_week: Counter[tuple[str, int]] = Counter()  # (request, week) -> placed
        self.days_used: set[tuple[str, int]] = set()  # (request, day)
        for member in v.week.request.members:  # days a calendar or rule already puts them in
            for day in range(len(v.week.days)):
                if office_fixed(v.week, member.id, day):
                    self.office_weeks[(member.id, v.week.week_of(day))] += 1
                    self.seats[day] += 1

    def fits(self, meeting: MeetingRequest, key: Key) -> bool:
        _, day, slot = key
        week = self.v.week.week_of(day)
        if (meeting.id, day) in self.days_used or self.per_week[(meeting.id, week)] >= meeting.per_week:
            return False
        taken = self.v.slots.taken(slot, meeting.minutes)
        if any((a, day, s) in self.taken for a in meeting.attendees for s in taken):
            return False
        if any(self.v.lunches(a, day) and self.first_lunch(a, day, taken) is None
               for a in meeting.attendees):
            return False
        if meeting.where == "office":
            return all(self._can_be_in(a, day) for a in meeting.attendees) and (
                not self.v.week.request.rooms or self._room_for(meeting, day, taken) is not None)
        return True

    def place(self, meeting: MeetingRequest, key: Key) -> None:
        _, day, slot = key
        taken = self.v.slots.taken(slot, meeting.minutes)
        self.draft.starts.add(key)
        self.days_used.add((meeting.id, day))
        self.per_week[(meeting.id, self.v.week.week_of(day))] += 1
        self.taken.update((a, day, s) for a in meeting.attendees for s in taken)
        if meeting.where != "office":
            return
        for attendee in meeting.attendees:
            if (attendee, day) not in self.draft.office and office_fixed(self.v.week, attendee, day) is None:
                self.draft.office.add((attendee, day))
                self.office_weeks[(attendee, self.v.week.week_of(day))] += 1
                self.seats[day] += 1
        room = self._room_for(meeting, day, taken)
        if room is not None:
            self.draft.rooms[(meeting.id, day)] = room
            self.booked.update((room, day, s) for s in taken)

    def first_lunch(self, member_id: str, day: int, more: range = range(0)) -> int | None:
        """The earliest lunch start clear of the member's meetings and of `more` slots."""
        minutes, slots = self.v.week.request.rules.lunch.minutes, self.v.slots
        held = [slots.starts[s] for s in self.v.busy_slots(member_id, day)
                if (member_id, day, s) in self.taken] + [slots.starts[s] for s in more]
        for start in sorted(self.v.lunches(member_id, day)):
            if all(not (h < start + minutes and start < h + slots.step) for h in held):
                return start
        return None

    def _can_be_in(self, member_id: str, day: int) -> bool:
        if (member_id, day) in self.draft.office or office_fixed(self.v.week, member_id, day):
            return True
        week = self.v.week.week_of(day)
        _, most = office_bounds(self.v.week, member_id, week)
        capacity = self.v.week.request.rules.office_capacity
        return self.office_weeks[(member_id, week)] < most and (
            capacity is None or self.seats[day] < capacity)

    def _room_for(self, meeting: MeetingRequest, day: int, taken: range) -> str | None:
        """The smallest free room that holds everyone invited: big rooms stay for big meetings."""
        invited = len(meeting.attendees) + len(meeting.optional)
        for room in sorted(self.v.week.request.rooms, key=lambda r: (r.capacity, r.id)):
            if room.capacity >= invited and not any((room.id, day, s) in self.booked for s in taken):
                return room.id
        return None
