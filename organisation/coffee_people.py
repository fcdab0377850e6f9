"""The people of a coffee round as the pairing sees them (office days, busy spans, working
hours), and the first slot two of them are both free: shared by the round and by
`rhythm org check`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, Member

from .domain import OrgRequest
from .occupancy import PlanJson

GRID = timedelta(minutes=15)
BREAK = timedelta(minutes=5)  # the five minutes after a 25/55-minute meeting belong to it

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    teams: frozenset[str]
    building: str
    member: Member
    office_days: tuple[date, ...]
    busy: tuple[Span, ...]
    off_days: frozenset[date]


class FreeSlots:
    """The first start on the quarter hour where two people are both working and free for
    `minutes`. A person is tried with up to hundreds of colleagues, so the free stretches of
    their day (working hours less busy spans) are worked out once, and two people's first
    slot is a walk along both lists (sorting both people's busy spans for every pair tried
    cost most of a 10,000-person round, bench/RESULTS.md)."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        self.length = timedelta(minutes=minutes)
        self._days: dict[tuple[str, date], tuple[Span, list[Span]]] = {}

    def common(self, a: Person, b: Person, day: date) -> datetime | None:
        (a_hours, free_a), (b_hours, free_b) = self._day(a, day), self._day(b, day)
        i = j = 0
        while i < len(free_a) and j < len(free_b):
            (a0, a1), (b0, b1) = free_a[i], free_b[j]
            start = _ceil(max(a0, b0))
            if start + self.length <= min(a1, b1):
                # The same moment in the same zone as the working day's start where no busy
                # span moved it (a London and an Amsterdam clock name one moment differently).
                first = _ceil(max(a_hours[0], b_hours[0]))
                return first if first == start else start
            # The stretch that ends first has no later overlap left to offer.
            if a1 <= b1:
                i += 1
            else:
                j += 1
        return None

    def _day(self, person: Person, day: date) -> tuple[Span, list[Span]]:
        key = (person.id, day)
        found = self._days.get(key)
        if found is None:
            hours = working(person, day)
            found = self._days[key] = (hours, free_stretches(hours, person.busy))
        return found


def free_stretches(hours: Span, busy: tuple[Span, ...]) -> list[Span]:
    """The stretches of `hours` clear of every busy span, in order. A span of no length still
    splits a stretch: a slot may end or begin at it but not hold it."""
    w0, w1 = hours
    free, cursor = [], w0
    for s, e in sorted(s for s in busy if s[0] < w1 and w0 < s[1]):
        if s > cursor:
            free.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < w1:
        free.append((cursor, w1))
    return free


def common_slot(a: Person, b: Person, day: date, minutes: int) -> datetime | None:
    """The first start on the quarter hour where both are working and free for `minutes`."""
    return FreeSlots(minutes).common(a, b, day)


def working(person: Person, day: date) -> Span:
    hours, zone = person.member.working_hours, ZoneInfo(person.member.timezone)
    return (datetime.combine(day, hours.start, tzinfo=zone), datetime.combine(day, hours.end, tzinfo=zone))


def people_of(
    org: OrgRequest, plans: Mapping[str, PlanJson], facts: Mapping[str, Mapping[str, CalendarFacts]]
) -> dict[str, Person]:
    busy: dict[str, list[Span]] = defaultdict(list)
    for plan in plans.values():
        for meeting in plan["meetings"]:
            span = (datetime.fromisoformat(meeting["start"]), datetime.fromisoformat(meeting["end"]) + BREAK)
            for who in (*meeting["attendees"], *meeting.get("optional", [])):
                busy[who].append(span)
        for block in (*plan["lunches"], *plan["focus"]):
            busy[block["member"]].append(
                (datetime.fromisoformat(block["start"]), datetime.fromisoformat(block["end"]))
            )
    people = {}
    for person, home in org.home_team.items():
        home_plan, member = plans.get(home), org.team(home).request.member(person)
        own = facts.get(home, {}).get(person, CalendarFacts())
        days = (tuple(date.fromisoformat(d) for d in home_plan["office_days"].get(person, []))
                if home_plan else ())
        people[person] = Person(
            person,
            member.name,
            frozenset(org.teams_of[person]),
            org.building_of(person),
            member,
            days,
            tuple(busy[person]) + tuple((i.start, i.end) for i in own.busy),
            frozenset(own.off_days),
        )
    return people


def listed(org: OrgRequest, person: Person) -> bool:
    members = org.coffee.members if org.coffee else None
    return members is None or person.id in members or bool(person.teams & set(members))


def _ceil(moment: datetime) -> datetime:
    if not (moment.minute % 15 or moment.second or moment.microsecond):
        return moment  # most are on the grid already (a quarter of a round's slot searches)
    midnight = datetime.combine(moment.date(), time(), tzinfo=moment.tzinfo)
    steps = -(-(moment - midnight) // GRID)
    return midnight + steps * GRID
