"""The report's figures against a week counted by hand (see week.py)."""

from __future__ import annotations

from dataclasses import replace

from report.figures import figures_of
from tests import factories as f

from .week import three_plan, three_request


def by_member(figures: object) -> dict:
    return {m.member: m for m in figures.members}  # type: ignore[attr-defined]


def test_shared_office_days_per_pair_and_who_never_overlaps() -> None:
    asked = three_request()
    figures = figures_of(three_plan(asked), asked)
    # ana Mon Tue, bram Tue Thu, cas Fri: ana and bram share Tuesday; cas meets nobody.
    assert figures.overlap == ((2, 1, 0), (1, 2, 0), (0, 0, 1))
    assert figures.never_overlap() == [("Ana", "Cas"), ("Bram", "Cas")]


def test_meeting_load_back_to_back_runs_and_fragments() -> None:
    asked = three_request()
    loads = by_member(figures_of(three_plan(asked), asked))
    # ana: 25 + 55 + 25 minutes; sync ends 10:25 and review starts 10:30 (the break): one run.
    assert (loads["ana"].meetings, loads["ana"].meeting_hours, loads["ana"].back_to_back) == (3, 1.75, 1)
    # bram: review ends 11:25, ops starts 11:35: a 10-minute gap, a fragment, not back to back.
    assert (loads["bram"].meetings, loads["bram"].back_to_back, loads["bram"].fragments) == (3, 1, 1)
    # cas: 25 + 25 + 25 minutes, 70 minutes between sync and ops.
    assert (loads["cas"].meeting_hours, loads["cas"].back_to_back, loads["cas"].fragments) == (1.25, 0, 0)
    assert loads["ana"].fragments == 0  # 10:25-10:30 is the break, 11:25-12:00 is 35 minutes


def test_focus_hours_are_free_blocks_of_two_hours_or_more() -> None:
    asked = three_request()
    loads = by_member(figures_of(three_plan(asked), asked))
    # ana Mon 12:30-17:00 (270) + Tue 09:00-12:00 and 14:25-17:00 (335) + 3 x 450 = 1955 min.
    assert loads["ana"].focus_hours == round(1955 / 60, 2)
    # bram Mon 270 + four days of 09:00-12:00 and 12:30-17:00 (450) = 2070 min.
    assert loads["bram"].focus_hours == 34.5
    assert (loads["ana"].focus_blocks, loads["bram"].focus_blocks) == (1, 0)


def test_calendar_busy_time_breaks_focus_time() -> None:
    asked = three_request()
    busy = {"cas": f.calendar([f.interval("wed", "13:00", "14:00")])}
    loads = by_member(figures_of(three_plan(asked), asked, facts=busy))
    # Wednesday 12:30-13:00 is 30 minutes: neither focus nor a fragment; 14:00-17:00 still counts.
    assert loads["cas"].focus_hours == round((1955 - 90) / 60, 2)
    assert loads["cas"].fragments == 0


def test_occupancy_and_meetings_per_day_against_capacity() -> None:
    asked = three_request(office_capacity=2)
    days = figures_of(three_plan(asked), asked).days
    assert [d.at_office for d in days] == [1, 2, 0, 1, 1]
    assert [d.meetings for d in days] == [3, 1, 0, 0, 0]
    assert [d.meeting_hours for d in days] == [1.75, 0.42, 0, 0, 0]
    assert {d.capacity for d in days} == {2}


def test_occupancy_per_building_from_a_mapping() -> None:
    asked = three_request()
    buildings = {"ana": "north", "bram": "north", "cas": "south"}
    figures = figures_of(three_plan(asked), asked, buildings=buildings)
    assert figures.buildings == {"north": (1, 2, 0, 1, 0), "south": (0, 0, 0, 0, 1)}


def test_one_member_sees_only_their_own_figures() -> None:
    asked = three_request()
    figures = figures_of(three_plan(asked), asked, only="cas")
    assert [m.member for m in figures.members] == ["cas"]
    assert figures.overlap == ((1,),) and figures.meetings_placed == 3
    assert [d.at_office for d in figures.days] == [0, 0, 0, 0, 1]  # nobody else's office days


def test_exceptions_per_week_over_a_rhythm() -> None:
    asked = three_request()
    two = replace(asked, weeks=2)
    plan = replace(f.plan(two), exceptions=(f.office_change("ana", 1, ("mon", "wed")),))
    weeks = figures_of(plan, two).exceptions
    assert [(w.week, dict(w.counts)) for w in weeks] == [(f.monday(0), {}), (f.monday(1), {"office": 1})]
    assert "the calendar says home" in weeks[1].reasons[0]


def test_a_plan_alone_is_counted_on_the_default_working_hours() -> None:
    asked = three_request()
    plan = replace(three_plan(asked), members=())  # an old plan: no names, no request
    loads = by_member(figures_of(plan))
    assert loads["ana"].meeting_hours == 1.75 and loads["ana"].focus_hours == round(1955 / 60, 2)
