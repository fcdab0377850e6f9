"""Small plans to sync: the week of 30 November 2026 for a team of three, built from factories."""

from __future__ import annotations

from dataclasses import replace

from scheduler.domain import Person, Plan, Weekday
from tests.factories import focus, lunch, meeting, member, placed, plan, request

TEAM = request([member("ana"), member("bram"), member("cas")],
               [meeting("sync", ["ana", "bram"], title="Team sync", optional=["cas"]),
                meeting("design", ["bram", "cas"], minutes=55, where="office")])
SYNC, DESIGN = TEAM.meetings
PEOPLE = (Person("ana", "Ana de Vries", "ana@example.com"), Person("bram", "Bram Jansen", None),
          Person("cas", "Cas Bakker", "cas@example.com"))


def team_week(
    *, sync_at: str = "10:00", ana_lunch: str = "12:00", office: tuple[Weekday, ...] = ("mon", "tue")
) -> Plan:
    """Team sync Monday (Ana, Bram; Cas optional), design Tuesday, Ana's lunches and focus,
    office days: six events in Ana's calendar."""
    meetings = [placed(SYNC, 1, "mon", sync_at, where="hybrid"),
                placed(DESIGN, 1, "tue", "11:00", where="office")]
    lunches = [lunch("ana", "mon", ana_lunch), lunch("ana", "tue"), lunch("bram", "mon")]
    return replace(plan(TEAM, meetings, lunches=lunches, focus=[focus("ana", "thu")],
                        office={"ana": office, "bram": ("tue",)}), members=PEOPLE)
