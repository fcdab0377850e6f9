"""A first plan in well under a second: meetings placed first fit, for CP-SAT to start from.

On a large team over long days on a fine grid, CP-SAT can spend its whole time limit
before it finds any plan with meetings in it. A first-fit plan that keeps the hard rules
of meetings (attendees, lunch, office days, rooms) gives its search a place to start, and
the fallback a plan worth returning when the time runs out anyway.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domain import MeetingRequest
from scheduler.model.candidates import office_bounds, office_fixed
from scheduler.model.continuity import plan_in_use
from scheduler.model.variables import Key, Variables

MemberDay = tuple[str, int]
ROUNDS = 3  # of placing meetings considerately, the ones left over first


@dataclass
class Draft:
    """A partial plan: the meetings placed, their rooms, and what placing them decided."""

    starts: set[Key] = field(default_factory=set)
    rooms: dict[tuple[str, int], str] = field(default_factory=dict)  # (request, day) -> room
    office: set[MemberDay] = field(default_factory=set)  # days office meetings need in
    lunch: dict[MemberDay, int] = field(default_factory=dict)  # -> start minute


def first_fit(v: Variables) -> Draft:
    """Meetings the plan in use already holds first, then the hardest to fit (most people,
    then longest), each at the start that breaks no hard rule and keeps the most optional
    attendees free, the earliest of those.

    Spread out like that, the last meetings can find no room left; those go first in a
    next round (at most `ROUNDS`). If no round places as many as putting each meeting at
    its earliest start does, that plan is taken instead: meetings placed come first.
    """
    order = sorted(v.week.request.meetings,
                   key=lambda m: (-len(m.attendees) - len(m.optional), -m.minutes, m.id))
    asked = sum(m.per_week for m in order) * v.week.request.weeks
    earliest: Draft | None = None
    for _ in range(ROUNDS):
        considerate = _fill(v, order, keep_optional_free=True)
        if len(considerate.starts) == asked:
            return considerate
        earliest = earliest or _fill(v, order, keep_optional_free=False)
        if len(considerate.starts) >= len(earliest.starts):
            return considerate
        short = [m for m in order if _placed(considerate, m.id) < m.per_week * v.week.request.weeks]
        order = short + [m for m in order if m not in short]
    return earliest or _fill(v, order, keep_optional_free=False)


def _placed(draft: Draft, request_id: str) -> int:
    return sum(1 for key in draft.starts if key[0] == request_id)


def _fill(v: Variables, order: list[MeetingRequest], *, keep_optional_free: bool) -> Draft:
    current = plan_in_use(v.week, v.slots)
    board = _Board(v, current.lunch)
    meetings = {m.id: m for m in v.week.request.meetings}
    for key in [*sorted(current.fixed), *sorted(set(current.kept) - current.fixed)]:
        if key in v.start and board.fits(meetings[key[0]], key):
            board.place(meetings[key[0]], key)
    for meeting in order:
        keys = sorted(v.start_keys(meeting.id), key=lambda k: (k[1], k[2]))
        while (key := board.best_start(meeting, keys, keep_optional_free)) is not None:
            board.place(meeting, key)
    board.draft.lunch = {day: lunch for day in v.lunch if (lunch := board.first_lunch(*day)) is not None}
    return board.draft


def hint(model: cp_model.CpModel, v: Variables, draft: Draft,
         office: set[MemberDay] | None = None, focus: dict[MemberDay, int] | None = None) -> None:
    """The draft as CP-SAT's solution hint, with `office` as everyone's office days when
    given; what it leaves open (other office days, rooms of meetings that may go online)
    is left to the search."""
    model.clear_hints()
    hinted: dict[int, bool] = {}  # proto index -> value; fixed days share one constant, hinted once
    for key, var in v.start.items():
        hinted[var.index] = key in draft.starts
    office_meetings = {m.id for m in v.week.request.meetings if m.where == "office"}
    for (request_id, day, room), var in v.room.items():
        if request_id in office_meetings:
            hinted[var.index] = draft.rooms.get((request_id, day)) == room
    if office is None:
        for member_day in sorted(draft.office):  # a set: in a fixed order, for the same search each run
            hinted[v.office[member_day].index] = True
    else:
        for member_day, var in v.office.items():
            hinted.setdefault(var.index, member_day in office)
    for member_day, options in v.lunch.items():
        for minute, var in options.items():
            hinted[var.index] = draft.lunch.get(member_day) == minute
    for member_day, options in v.focus.items():
        for minute, var in options.items():
            hinted[var.index] = (focus or {}).get(member_day) == minute
    # Straight into the proto: `add_hint` one variable at a time cost a tenth of a second
    # on a week of 20 000 candidate starts.
    model.proto.solution_hint.vars.extend(list(hinted))
    model.proto.solution_hint.values.extend([int(value) for value in hinted.values()])


class _Board:
    """What the draft holds so far, and whether one more meeting fits in it."""

    def __init__(self, v: Variables, lunch_in_use: dict[MemberDay, int]) -> None:
        self.v, self.draft = v, Draft()
        self.lunch_in_use = lunch_in_use  # the plan in use's lunches, tried first
        self.taken: set[Key] = set()  # (member, day, slot) a required attendee is in
        self.booked: set[tuple[str, int, int]] = set()  # (room, day, slot)
        self.optional_in: set[Key] = set()  # (member, day, slot) an optional attendee is invited to
        self.office_weeks: Counter[tuple[str, int]] = Counter()  # (member, week) -> office days
        self.seats: Counter[int] = Counter()  # day -> members in
        self.per_week: Counter[tuple[str, int]] = Counter()  # (request, week) -> placed
        self.days_used: set[tuple[str, int]] = set()  # (request, day)
        self.fixed = {(m.id, day): office_fixed(v.week, m.id, day)
                      for m in v.week.request.members for day in range(len(v.week.days))}
        lunch = v.week.request.rules.lunch.minutes
        # (member, day) -> the span any lunch of theirs could take: meetings outside it
        # leave the lunch as it was, which spares most checks.
        self.lunch_span = {day: (min(options), max(options) + lunch)
                           for day, options in v.lunch.items() if options}
        for member in v.week.request.members:  # days a calendar or rule already puts them in
            for day in range(len(v.week.days)):
                if self.fixed[(member.id, day)]:
                    self.office_weeks[(member.id, v.week.week_of(day))] += 1
                    self.seats[day] += 1

    def best_start(self, meeting: MeetingRequest, keys: list[Key], keep_optional_free: bool) -> Key | None:
        """The first of `keys` that fits (with no optional attendee kept away, if asked),
        else the one that keeps away the fewest."""
        best, fewest = None, 0
        for key in keys:
            if not self.fits(meeting, key):
                continue
            away = self._optional_away(meeting, key) if keep_optional_free else 0
            if away == 0:
                return key
            if best is None or away < fewest:
                best, fewest = key, away
        return best

    def _optional_away(self, meeting: MeetingRequest, key: Key) -> int:
        """Attendee-slots where an optional attendee is busy or elsewhere, as the optional
        tier counts them (a required attendee's optional invitation elsewhere included)."""
        _, day, slot = key
        taken = self.v.slots.taken(slot, meeting.minutes)
        start, end = self.v.slots.span(slot, meeting.minutes)
        busy = sum(1 for o in meeting.optional if not self.v.week.free_for(o, day, start, end))
        elsewhere = sum(1 for o in meeting.optional for s in taken
                        if (o, day, s) in self.taken or (o, day, s) in self.optional_in)
        return busy + elsewhere + sum(1 for a in meeting.attendees for s in taken
                                      if (a, day, s) in self.optional_in)

    def fits(self, meeting: MeetingRequest, key: Key) -> bool:
        _, day, slot = key
        week = self.v.week.week_of(day)
        if (meeting.id, day) in self.days_used or self.per_week[(meeting.id, week)] >= meeting.per_week:
            return False
        taken = self.v.slots.taken(slot, meeting.minutes)
        if any((a, day, s) in self.taken for a in meeting.attendees for s in taken):
            return False
        if any(self._lunch_lost(a, day, taken) for a in meeting.attendees):
            return False
        if meeting.where == "office":
            return all(self._can_be_in(a, day) for a in self.v.week.request.in_person(meeting)) and (
                not self.v.week.request.rooms or self._room_for(meeting, day, taken) is not None)
        return True

    def place(self, meeting: MeetingRequest, key: Key) -> None:
        _, day, slot = key
        taken = self.v.slots.taken(slot, meeting.minutes)
        self.draft.starts.add(key)
        self.days_used.add((meeting.id, day))
        self.per_week[(meeting.id, self.v.week.week_of(day))] += 1
        self.taken.update((a, day, s) for a in meeting.attendees for s in taken)
        self.optional_in.update((o, day, s) for o in meeting.optional for s in taken)
        if meeting.where != "office":
            return
        for attendee in self.v.week.request.in_person(meeting):
            if (attendee, day) not in self.draft.office and self.fixed[(attendee, day)] is None:
                self.draft.office.add((attendee, day))
                self.office_weeks[(attendee, self.v.week.week_of(day))] += 1
                self.seats[day] += 1
        room = self._room_for(meeting, day, taken)
        if room is not None:
            self.draft.rooms[(meeting.id, day)] = room
            self.booked.update((room, day, s) for s in taken)

    def _lunch_lost(self, member_id: str, day: int, taken: range) -> bool:
        """Whether taking these slots leaves the member no lunch that day."""
        span = self.lunch_span.get((member_id, day))
        starts, step = self.v.slots.starts, self.v.slots.step
        if span is None or starts[taken[-1]] + step <= span[0] or span[1] <= starts[taken[0]]:
            return False
        return self.first_lunch(member_id, day, taken) is None

    def first_lunch(self, member_id: str, day: int, more: range = range(0)) -> int | None:
        """The lunch start of the plan in use if it is clear of the member's meetings and of
        `more` slots, else the earliest start that is."""
        minutes, slots = self.v.week.request.rules.lunch.minutes, self.v.slots
        held = [slots.starts[s] for s in self.v.busy_slots(member_id, day)
                if (member_id, day, s) in self.taken] + [slots.starts[s] for s in more]
        in_use = self.lunch_in_use.get((member_id, day))
        for start in sorted(self.v.lunches(member_id, day), key=lambda s: (s != in_use, s)):
            if all(not (h < start + minutes and start < h + slots.step) for h in held):
                return start
        return None

    def _can_be_in(self, member_id: str, day: int) -> bool:
        if (member_id, day) in self.draft.office or self.fixed[(member_id, day)]:
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
