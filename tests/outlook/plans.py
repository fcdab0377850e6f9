"""Small plans to sync: the week of Monday 30 November 2026 in Amsterdam for ana, bram, cas."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.domain import Block, Person, PlacedMeeting, Plan

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PEOPLE = (
    Person("ana", "Ana de Vries", "ana@example.com"),
    Person("bram", "Bram Jansen", "bram@example.com"),
    Person("cas", "Cas Bakker", "cas@example.com"),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the planned week: `at(1, 10)` is Tuesday 1 December 10:00 in Amsterdam."""
    month, day = (11, 30) if day == 0 else (12, day)
    return datetime(2026, month, day, hour, minute, tzinfo=AMSTERDAM)


def meeting(
    ident: str,
    title: str,
    start: datetime,
    minutes: int,
    attendees: tuple[str, ...],
    optional: tuple[str, ...] = (),
    where: str = "online",
) -> PlacedMeeting:
    end = start.replace(
        hour=start.hour + (start.minute + minutes) // 60, minute=(start.minute + minutes) % 60
    )
    return PlacedMeeting(ident, ident.split("#")[0], title, start, end, attendees, optional, where)  # type: ignore[arg-type]


def week_plan() -> Plan:
    return Plan(
        team="platform",
        week=date(2026, 11, 30),
        timezone="Europe/Amsterdam",
        status="optimal",
        meetings=(
            meeting("design#1", "Design session", at(1, 10), 55, ("ana", "bram"), ("cas",), where="office"),
            meeting("sync#1", "Team sync", at(3, 14), 25, ("bram", "ana", "cas"), where="hybrid"),
        ),
        lunches=(Block("ana", at(1, 12), at(1, 12, 30)), Block("bram", at(1, 12), at(1, 12, 30))),
        focus=(Block("ana", at(2, 9), at(2, 11)),),
        office_days={"ana": (date(2026, 12, 1), date(2026, 12, 3)), "bram": (date(2026, 12, 1),)},
        members=PEOPLE,
        metrics={"meetings_requested": 2, "meetings_placed": 2, "office_pair_days": 1},
    )


def replanned() -> Plan:
    """The same week re-optimised: ana's lunch later, the design session on Thursday,
    her focus block gone."""
    plan = week_plan()
    design = replace(plan.meetings[0], start=at(3, 10), end=at(3, 10, 55))
    return replace(
        plan,
        meetings=(design, plan.meetings[1]),
        lunches=(Block("ana", at(1, 12, 30), at(1, 13)), plan.lunches[1]),
        focus=(),
    )
