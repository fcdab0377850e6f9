"""What the first plan's draft holds so far, and what the rules' first-fit checks ask of it.

The first-fit planner (`scheduler.solve.greedy`) places one meeting at a time where every
rule's first-fit check lets it; the board records what placing it decided (who is in which
slot, office days, a room) and answers the checks' questions about it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scheduler.domain import MeetingRequest
from scheduler.model.candidates import office_fixed
from scheduler.model.variables import Key, Variables

MemberDay = tuple[str, int]


@dataclass
class Draft:
    """A partial plan: the meetings placed, their rooms, and what placing them decided."""

    starts: set[Key] = field(default_factory=set)
    rooms: dict[tuple[str, int], str] = field(default_factory=dict)  # (request, day) -> room
    office: set[MemberDay] = field(default_factory=set)  # days office meetings need in
    lunch: dict[MemberDay, int] = field(default_factory=dict)  # -> start minute


class Board:
    def __init__(self, v: Variables, lunch_in_use: dict[MemberDay, int]) -> None:
        self.v, self.draft = v, Draft()
        self.week, self.slots = v.week, v.slots  # asked for at every check: kept at hand
        self.week_of = [v.week.week_of(day) for day in range(len(v.week.days))]
        self.lunch_in_use = lunch_in_use  # the plan in use's lunches, tried first
        self.checks = [rule.first_fit for rule in v.candidates.rules if rule.first_fit is not None]
        self.taken: set[Key] = set()  # (member, day, slot) a required attendee is in
        self.booked: set[tuple[str, int, int]] = set()  # (room, day, slot)
        self.optional_in: set[Key] = set()  # (member, day, slot) an optional attendee is invited to
        self.office_weeks: Counter[tuple[str, int]] = Counter()  # (member, week) -> office days
        self.seats: Counter[int] = Counter()  # day -> members in
        self.per_week: Counter[tuple[str, int]] = Counter()  # (request, week) -> placed
        self.days_used: set[tuple[str, int]] = set()  # (request, day)
        self.minutes: Counter[MemberDay] = Counter()  # meeting minutes a required attendee has
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

    def fits(self, meeting: MeetingRequest, key: Key) -> bool:
        """Whether every rule's first-fit check lets the meeting start at `key`."""
        return all(check(self, meeting, key) for check in self.checks)

    def taken_slots(self, meeting: MeetingRequest, key: Key) -> range:
        return self.slots.taken(key[2], meeting.minutes)

    def in_office(self, member_id: str, day: int) -> bool:
        """Already at the office that day: by the calendar, a rule, or an office meeting."""
        return (member_id, day) in self.draft.office or bool(self.fixed[(member_id, day)])

    def place(self, meeting: MeetingRequest, key: Key) -> None:
        _, day, slot = key
        taken = self.slots.taken(slot, meeting.minutes)
        self.draft.starts.add(key)
        self.days_used.add((meeting.id, day))
        self.per_week[(meeting.id, self.week_of[day])] += 1
        self.taken.update((a, day, s) for a in meeting.attendees for s in taken)
        self.optional_in.update((o, day, s) for o in meeting.optional for s in taken)
        self.minutes.update({(a, day): meeting.minutes for a in meeting.attendees})
        if meeting.where != "office":
            return
        for attendee in self.week.request.in_person(meeting):
            if (attendee, day) not in self.draft.office and self.fixed[(attendee, day)] is None:
                self.draft.office.add((attendee, day))
                self.office_weeks[(attendee, self.week_of[day])] += 1
                self.seats[day] += 1
        room = self.room_for(meeting, day, taken)
        if room is not None:
            self.draft.rooms[(meeting.id, day)] = room
            self.booked.update((room, day, s) for s in taken)

    def optional_away(self, meeting: MeetingRequest, key: Key) -> int:
        """Attendee-slots where an optional attendee is busy or elsewhere, as the optional
        tier counts them (a required attendee's optional invitation elsewhere included)."""
        _, day, slot = key
        taken = self.slots.taken(slot, meeting.minutes)
        start, end = self.slots.span(slot, meeting.minutes)
        busy = sum(1 for o in meeting.optional if not self.week.free_for(o, day, start, end))
        elsewhere = sum(1 for o in meeting.optional for s in taken
                        if (o, day, s) in self.taken or (o, day, s) in self.optional_in)
        return busy + elsewhere + sum(1 for a in meeting.attendees for s in taken
                                      if (a, day, s) in self.optional_in)

    def lunch_lost(self, member_id: str, day: int, taken: range) -> bool:
        """Whether taking these slots leaves the member no lunch that day."""
        span = self.lunch_span.get((member_id, day))
        starts, step = self.slots.starts, self.slots.step
        if span is None or starts[taken[-1]] + step <= span[0] or span[1] <= starts[taken[0]]:
            return False
        return self.first_lunch(member_id, day, taken) is None

    def first_lunch(self, member_id: str, day: int, more: range = range(0)) -> int | None:
        """The lunch start of the plan in use if it is clear of the member's meetings and of
        `more` slots, else the earliest start that is."""
        minutes, slots = self.week.request.rules.lunch.minutes, self.slots
        held = [slots.starts[s] for s in self.v.busy_slots(member_id, day)
                if (member_id, day, s) in self.taken] + [slots.starts[s] for s in more]
        in_use = self.lunch_in_use.get((member_id, day))
        for start in sorted(self.v.lunches(member_id, day), key=lambda s: (s != in_use, s)):
            if all(not (h < start + minutes and start < h + slots.step) for h in held):
                return start
        return None

    def room_for(self, meeting: MeetingRequest, day: int, taken: range) -> str | None:
        """The smallest free room that holds everyone invited: big rooms stay for big meetings."""
        invited = len(meeting.attendees) + len(meeting.optional)
        for room in sorted(self.week.request.rooms, key=lambda r: (r.capacity, r.id)):
            if room.capacity >= invited and not any((room.id, day, s) in self.booked for s in taken):
                return room.id
        return None
