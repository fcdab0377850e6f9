"""Coffee dates ("koffiedates"): after the team plans are known, each listed person meets
someone from another team, at the same building on an office day both have, in a slot both
are free for the whole `minutes` (inside both working hours, clear of meetings, lunch, focus
blocks and calendar busy time). No pair meets again within six rounds; a person who cannot
be paired is left out with the reason.

Greedy matching, the people with the fewest office days first, is enough: at scale each
(building, day) holds hundreds of candidates, and it stays linear where an exact matching
on ten thousand people would not.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, Member, weekday_of

from .domain import OrgRequest
from .occupancy import PlanJson

CANDIDATES_TRIED = 60  # per person and day: enough to find a free colleague, bounded at scale
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


def coffee_round(
    org: OrgRequest,
    plans: Mapping[str, PlanJson],
    facts: Mapping[str, Mapping[str, CalendarFacts]],
    recent: set[frozenset[str]],
    last_round: date | None,
) -> dict[str, Any]:
    coffee = org.coffee
    assert coffee is not None
    if last_round is not None and (org.week - last_round).days < 7 * coffee.every_weeks:
        return {
            "week": org.week.isoformat(),
            "round": False,
            "pairs": [],
            "left_out": [],
            "reason": f"not a coffee week: the last round was the week of {last_round}, "
            f"every {coffee.every_weeks} weeks",
        }
    people = people_of(org, plans, facts)
    wanted = [p for p in people.values() if listed(org, p)]
    left_out = [{"member": p.id, "reason": _why_away(org, p)} for p in wanted if not p.office_days]
    rng = random.Random(f"coffee:{org.organisation}:{org.week}")
    present: dict[tuple[str, date], list[Person]] = defaultdict(list)
    for person in wanted:
        for day in person.office_days:
            present[person.building, day].append(person)
    order = sorted((p for p in wanted if p.office_days), key=lambda p: (len(p.office_days), rng.random()))
    paired: set[str] = set()
    pairs = []
    for person in order:
        if person.id in paired:
            continue
        found = _partner(person, present, paired, recent, coffee.minutes, rng)
        if found is None:
            left_out.append(
                {
                    "member": person.id,
                    "reason": "no colleague from another team at "
                    f"{person.building} on their office days is free for {coffee.minutes} "
                    "minutes at the same time (or all were paired already)",
                }
            )
            continue
        other, start = found
        paired |= {person.id, other.id}
        a, b = sorted((person, other), key=lambda p: p.id)
        pairs.append(
            {
                "people": [a.id, b.id],
                "names": [a.name, b.name],
                "teams": [sorted(a.teams)[0], sorted(b.teams)[0]],
                "building": person.building,
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=coffee.minutes)).isoformat(),
            }
        )
    return {
        "week": org.week.isoformat(),
        "round": True,
        "minutes": coffee.minutes,
        "pairs": sorted(pairs, key=lambda p: p["people"]),
        "left_out": sorted(left_out, key=lambda e: e["member"]),
    }


def _partner(
    person: Person,
    present: Mapping[tuple[str, date], list[Person]],
    paired: set[str],
    recent: set[frozenset[str]],
    minutes: int,
    rng: random.Random,
) -> tuple[Person, datetime] | None:
    for day in rng.sample(person.office_days, len(person.office_days)):
        others = [
            o
            for o in present[person.building, day]
            if o.id not in paired
            and o.id != person.id
            and not (o.teams & person.teams)
            and frozenset((person.id, o.id)) not in recent
        ]
        for other in rng.sample(others, min(len(others), CANDIDATES_TRIED)):
            start = common_slot(person, other, day, minutes)
            if start is not None:
                return other, start
    return None


def common_slot(a: Person, b: Person, day: date, minutes: int) -> datetime | None:
    """The first start on the quarter hour where both are working and free for `minutes`."""
    length = timedelta(minutes=minutes)
    (a0, a1), (b0, b1) = working(a, day), working(b, day)
    start, end = max(a0, b0), min(a1, b1)
    start = _ceil(start)
    busy = sorted(a.busy + b.busy)
    while start + length <= end:
        clash = next((s for s in busy if s[0] < start + length and start < s[1]), None)
        if clash is None:
            return start
        start = _ceil(clash[1])
    return None


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


def _why_away(org: OrgRequest, person: Person) -> str:
    workdays = org.team(org.home_team[person.id]).request.rules.workdays
    days = [org.week + timedelta(days=i) for i in range(7)]
    if all(d in person.off_days for d in days if weekday_of(d) in workdays):
        return "away all week (out of office every workday)"
    return "no office day this week"


def _ceil(moment: datetime) -> datetime:
    midnight = datetime.combine(moment.date(), time(), tzinfo=moment.tzinfo)
    steps = -(-(moment - midnight) // GRID)
    return midnight + steps * GRID
