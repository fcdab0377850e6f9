"""Re-planning from the plan in use: only what must move moves, with the reason.

"What moves" is every block of the plan: meetings, office days, lunches and focus blocks.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import icalendar

from bench.generate import generate_request
from connectors.ics.export import member_calendar
from constraints import RULES
from scheduler.domain import Focus, Interval, Plan, TeamRequest
from scheduler.model.build import build_model
from scheduler.model.objective import Tier, weighted_sum
from scheduler.model.week import Week
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request, read_request
from scheduler.solve import SolveSettings, plan_week
from scheduler.solve.lexicographic import STAGES
from scheduler.validate import validate
from tests.factories import DEFAULT_RULES, ZONE, at, meeting, member, request
from tests.test_cli import EXAMPLES, rhythm

SUNDAY_BEFORE = datetime(2026, 11, 29, 9, tzinfo=ZONE)
LIMIT = SolveSettings(time_limit=20)
WITH_FOCUS = replace(DEFAULT_RULES, focus=Focus(minutes=120, blocks_per_week=2), office_capacity=4)


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



def focus_week() -> TeamRequest:
    return replace(team_week(), rules=WITH_FOCUS)


def held(plan: Plan) -> set[tuple[str, str, datetime, datetime]]:
    """Every timed block of the plan: (meeting or lunch or focus, request or member, start, end)."""
    return {*(("meeting", m.request, m.start, m.end) for m in plan.meetings),
            *(("lunch", b.member, b.start, b.end) for b in plan.lunches),
            *(("focus", b.member, b.start, b.end) for b in plan.focus)}


def moved(before: Plan, after: Plan) -> tuple[set[tuple[str, str, datetime]], set[tuple[str, str, datetime]]]:
    """The blocks of `before` that `after` does not have, and the ones it has instead, by start."""
    return ({(kind, who, start) for kind, who, start, _ in held(before) - held(after)},
            {(kind, who, start) for kind, who, start, _ in held(after) - held(before)})


def listed(plan: Plan) -> tuple[set[tuple[str, str, datetime]], set[tuple[str, str, datetime]]]:
    """What the plan's changes say left its time, and what came in: as `moved` reads them."""
    said = [(c.block or "meeting", c.request or c.member or "", c) for c in plan.changes]
    return ({(kind, who, c.before) for kind, who, c in said if c.before is not None},
            {(kind, who, c.after) for kind, who, c in said if c.after is not None})


def office_days(plan: Plan) -> dict[str, set[date]]:
    return {m: set(days) for m, days in plan.office_days.items()}


def events(calendar: bytes) -> list[tuple[str, str, str]]:
    """Each event of an exported calendar by UID, with its start and end."""
    return sorted((str(e["UID"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat())
                  for e in icalendar.Calendar.from_ical(calendar).walk("VEVENT"))


def test_replan_with_no_change_returns_the_plan_in_use(tmp_path: Path):
    """The issue's own steps on the example: plan, then re-plan with nothing changed."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    example = str(tmp_path / "examples" / "platform-week.json")
    first = rhythm("plan", example, "--out", str(tmp_path / "plan.json"), "--ics", str(tmp_path / "in-use"))
    again = rhythm("plan", example, "--current", str(tmp_path / "plan.json"), "--now",
                   "2026-11-29T12:00:00+01:00", "--out", str(tmp_path / "again.json"),
                   "--ics", str(tmp_path / "again"))
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert again.stdout == first.stdout  # the same week, "Status: optimal", no changes listed
    before, after = (plan_from_json(json.loads((tmp_path / name).read_text()))
                     for name in ("plan.json", "again.json"))
    assert held(after) == held(before) and office_days(after) == office_days(before)
    assert after.meetings == before.meetings and after.changes == ()
    assert before.status == after.status == "optimal"
    for person in read_request(example).members:
        exported = [events((tmp_path / folder / f"{person.id}.ics").read_bytes())
                    for folder in ("in-use", "again")]
        assert exported[0] == exported[1]


def test_replan_with_no_change_keeps_every_block_of_a_larger_team():
    """Twelve generated members: optional attendees, office limits, another time zone."""
    asked = parse_request(generate_request(12, 30, 0.35, 1))
    before = plan_week(asked, {}, RULES, LIMIT)
    again = replan(asked, before)
    assert held(again) == held(before) and office_days(again) == office_days(before)
    assert again.meetings == before.meetings and again.changes == ()
    assert before.status == again.status == "optimal"
    for person in asked.members:
        exported = [events(member_calendar(plan, asked, person.id)) for plan in (before, again)]
        assert exported[0] == exported[1]


def test_one_new_busy_event_moves_only_the_focus_block_it_hits():
    asked = focus_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    hit = before.focus[0]
    after = replan(busy_during(asked, hit.member, hit.start, hit.end), before)
    assert [(c.kind, c.block, c.member, c.before) for c in after.changes] == [
        ("moved", "focus", hit.member, hit.start)]
    assert f"{asked.name_of(hit.member)} is busy" in after.changes[0].reason
    assert moved(before, after) == listed(after) == (
        {("focus", hit.member, hit.start)}, {("focus", hit.member, after.changes[0].after)})
    assert office_days(after) == office_days(before)


def test_one_new_busy_event_moves_only_the_blocks_it_touches():
    """The meeting it hits moves; where it lands, a lunch or focus block may have to move
    too: each is listed with its reason, and nothing else moves."""
    asked = focus_week()
    before = plan_week(asked, {}, RULES, LIMIT)
    hit = next(m for m in before.meetings if m.request == "1on1-cas")
    after = replan(busy_during(asked, "cas", hit.start, hit.end), before)
    assert ("meeting", "1on1-cas", hit.start) in moved(before, after)[0]
    assert moved(before, after) == listed(after)
    assert {who for kind, who, _ in moved(before, after)[0] if kind == "meeting"} == {"1on1-cas"}
    assert all(c.reason for c in after.changes)
    assert office_days(after) == office_days(before)


def test_a_large_teams_replan_is_a_model_cp_sat_accepts():
    """200 members: each solve stage's weighted objective stays inside CP-SAT's 64-bit range
    (a tier for the blocks kept inside the first stage overflowed it, and the re-plan found
    no plan at all)."""
    asked = parse_request(generate_request(200, 400, 0.35, 1))
    in_use = plan_week(asked, {}, RULES, SolveSettings(time_limit=3))
    built = build_model(Week(asked, {}, in_use, SUNDAY_BEFORE), RULES)
    assert any(t.tier == Tier.BLOCKS_KEPT and t.span > 1000 for t in built.terms)
    for tiers in STAGES:
        built.model.maximize(weighted_sum([t for t in built.terms if t.tier in tiers]))
        assert built.model.validate() == ""


def test_a_replan_places_a_meeting_left_unplaced_when_a_calendar_frees_room():
    asked = focus_week()
    # Fien is busy through every meeting hour but her lunch: her workshop with Ana does not fit.
    fien = member("fien", busy=[span for name in ("mon", "tue", "thu", "fri") for span in (
        Interval(at(name, "10:00"), at(name, "12:00")), Interval(at(name, "12:30"), at(name, "15:00")))])
    blocked = replace(asked, members=(*asked.members, fien),
                      meetings=(*asked.meetings, meeting("workshop", ["ana", "fien"], minutes=55)))
    before = plan_week(blocked, {}, RULES, LIMIT)
    assert [u.request for u in before.unplaced] == ["workshop"]
    # Then her Friday afternoon frees up.
    freed = replace(blocked, members=tuple(
        replace(m, busy=tuple(b for b in m.busy if b.start != at("fri", "12:30"))) for m in blocked.members))
    after = replan(freed, before)
    assert after.unplaced == ()
    assert [(c.kind, c.request, c.after and c.after.date()) for c in after.changes if c.request] == [
        ("added", "workshop", at("fri", "12:30").date())]
    assert moved(before, after) == listed(after)
