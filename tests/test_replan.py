"""Re-planning from the plan in use: only what must move moves, with the reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from constraints import RULES
from scheduler.domain import Interval, Plan, TeamRequest
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate
from tests.factories import ZONE, meeting, member, request

SUNDAY_BEFORE = datetime(2026, 11, 29, 9, tzinfo=ZONE)
LIMIT = SolveSettings(time_limit=20)


def team_week() -> TeamRequest:
    team = [member(n) for n in ("ana", "bram", "cas", "dewi", "eva")]
    meetings = [meeting("sync", ["ana", "bram", "cas", "dewi", "eva"], per_week=2),
                meeting("planning", ["ana", "bram", "cas"], minutes=55),
                *[meeting(f"1on1-{n}", ["ana", n]) for n in ("bram", "cas", "dewi", "eva")]]
    return request(team, meetings)


def busy_during(asked: TeamRequest, member_id: str, start: datetime, end: datetime) -> TeamRequest:
    members = tuple(replace(m, busy=(*m.busy, Interval(start, end))) if m.id == member_id else m
                    for m in asked.members)
    return replace(asked, members=members)


def replan(asked: TeamRequest, current: Plan, now: datetime = SUNDAY_BEFORE) -> Plan:
    plan = plan_week(asked, {}, RULES, LIMIT, current=current, now=now)
    assert validate(asked, {}, plan) == []
    return plan


def test_one_new_busy_event_moves_only_the_meeting_it_hits():
    asked = team_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    hit = next(m for m in before.meetings if m.request == "1on1-cas")
    after = replan(busy_during(asked, "cas", hit.start, hit.end), before)
    assert [(c.kind, c.request) for c in after.changes] == [("moved", "1on1-cas")]
    assert "Cas is busy" in after.changes[0].reason
    unchanged = {(m.request, m.start) for m in before.meetings if m.request != "1on1-cas"}
    assert unchanged <= {(m.request, m.start) for m in after.meetings}


def test_a_fresh_solve_is_free_to_reshuffle_but_the_replan_is_not():
    asked = team_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    again = replan(asked, before)
    assert again.changes == ()
    assert {(m.request, m.start) for m in again.meetings} == {(m.request, m.start) for m in before.meetings}


def test_nothing_inside_the_freeze_window_moves():
    asked = team_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    first = min(before.meetings, key=lambda m: m.start)
    # A new long meeting wants the first morning; the freeze keeps what starts within 24 h.
    workshop = meeting("workshop", ["ana", "bram", "cas", "dewi", "eva"], minutes=55)
    bigger = replace(asked, meetings=(*asked.meetings, workshop))
    after = replan(bigger, before, now=first.start.replace(hour=8))
    assert (first.request, first.start) in {(m.request, m.start) for m in after.meetings}


def test_a_pinned_meeting_never_moves_and_stays_pinned():
    asked = team_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    sync = next(m for m in before.meetings if m.request == "sync")
    pinned = replace(before, meetings=tuple(replace(m, pinned=m == sync) for m in before.meetings))
    # Even when moving it would let everything else sit better, a pin holds.
    after = replan(busy_during(asked, "eva", sync.end, sync.end.replace(hour=17)), pinned)
    kept = next(m for m in after.meetings if m.request == "sync" and m.start == sync.start)
    assert kept.pinned
