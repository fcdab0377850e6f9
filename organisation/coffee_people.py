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
    `minutes`. A person is tried with up to hundreds of colleagues, so their working hours
    and busy spans of a day are worked out and sorted once (sorting both whole weeks for
    every pair tried cost most of a 10,000-person round, bench/RESULTS.md)."""

    def __init__(self, minutes: int) -> None:
        self.length = timedelta(minutes=minutes)
        self._days: dict[tuple[str, date], tuple[Span, list[Span]]] = {}

    def common(self, a: Person, b: Person, day: date) -> datetime | None:
        (a0, a1), busy_a = self._day(a, day)
        (b0, b1), busy_b = self._day(b, day)
        start, end = _ceil(max(a0, b0)), min(a1, b1)
        busy = sorted(busy_a + busy_b)
        while start + self.length <= end:
            clash = next((s for s in busy if s[0] < start + self.length and start < s[1]), None)
            if clash is None:
                return start
            # Any clash moves the start past its end (no free start lies before it), so the
            # first start found is the same whichever clash is taken.
            start = _ceil(clash[1])
        return None

    def _day(self, person: Person, day: date) -> tuple[Span, list[Span]]:
        key = (person.id, day)
        found = self._days.get(key)
        if found is None:
            w0, w1 = working(person, day)
            # Only a span overlapping their working hours can clash with a slot inside them.
            found = self._days[key] = ((w0, w1), sorted(s for s in person.busy if s[0] < w1 and w0 < s[1]))
        return found


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
    midnight = datetime.combine(moment.date(), time(), tzinfo=moment.tzinfo)
    steps = -(-(moment - midnight) // GRID)
    return midnight + steps * GRID
