"""Planning in the background, the plan page (grid, overlap, unplaced, changes), pins, and
that a failed solve leaves the stored plans as they were."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from scheduler.plan.plan_json import plan_from_json
from store.models import Job, Meeting, Pin, StoredPlan, Team
from tests.test_replan import listed, moved
from web.db import sessions
from web.team_request import next_monday

from .helpers import add_meeting, create_team, follow_job, plan_week, post, text

RULES = {"meeting_start": "10:00", "meeting_end": "15:00", "meeting_lengths": "25, 55",
         "workdays": ["mon", "tue", "wed", "thu", "fri"], "meetingless_days": ["wed"],
         "lunch_start": "12:00", "lunch_end": "13:00", "lunch_minutes": "30", "office_min": "2",
         "office_max": "3", "office_capacity": "", "focus_minutes": "", "focus_blocks": ""}



def sync_time(page: str) -> str:
    """When the plan page's meeting table says Sync is: "Mon 30 Nov 10:00"."""
    found = re.search(r"<td>(\w{3} \d\d \w{3} \d\d:\d\d)\u2013\d\d:\d\d</td><td>Sync ", page)
    assert found, page
    return found.group(1)


def test_the_example_week_is_planned_and_shown(manager: FlaskClient, example_team: int) -> None:
    page = text(plan_week(manager, example_team))
    assert "Week of Monday 30 November 2026" in page
    for name in ("Ana de Vries", "Bram Jansen", "Cas Bakker", "Dewi Visser", "Eva Smit", "Femke Mulder"):
        assert f'<th scope="row">{name}</th>' in page
    for title in ("Team sync", "Sprint planning", "Design session", "Ops review"):
        assert title in page
    assert page.count('class="item lunch"') >= 6 * 5  # everyone, every workday
    assert 'class="at-office"' in page and 'class="item focus"' in page
    overlap = re.search(r"Tue 01 Dec</strong>.*?(\d) at the office, (\d+) pairs?", page, re.S)
    assert overlap, "no office overlap for Tuesday"
    at_office, pairs = map(int, overlap.groups())
    assert at_office >= 1 and pairs == at_office * (at_office - 1) // 2  # Dewi is always in on Tuesday
    assert "Everything requested is placed." in page
    assert "This is the team's first plan." in page


def test_the_job_page_refreshes_itself_while_the_plan_is_made(app: Flask, manager: FlaskClient,
                                                             small_team: int) -> None:
    with sessions(app)() as db:
        db.add(Job(id="waiting", team_id=small_team, kind="web", status="queued", request_json="{}"))
        db.commit()
    page = manager.get(f"/teams/{small_team}/jobs/waiting").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="1">' in page
    assert "Starting the planner" in page  # nothing else is being planned (issue 24)
    with sessions(app)() as db:
        db.add(Job(id="other", team_id=small_team, kind="api", status="running", request_json="{}"))
        db.commit()
    page = manager.get(f"/teams/{small_team}/jobs/waiting").get_data(as_text=True)
    assert "Waiting for a free planner (1 plan being made)" in page


def test_plan_next_week_is_offered_by_default(manager: FlaskClient, small_team: int) -> None:
    page = manager.get(f"/teams/{small_team}").get_data(as_text=True)
    assert f'value="{next_monday("Europe/Amsterdam").isoformat()}"' in page
    assert "Plan next week" in page


def test_a_week_that_is_not_a_monday_is_refused(manager: FlaskClient, small_team: int) -> None:
    page = text(post(manager, f"/teams/{small_team}/plans", {"week": "2026-12-01"}, follow_redirects=True))
    assert "Tuesday 1 December 2026 is not a Monday; weeks start on Monday." in page


def test_a_team_without_members_cannot_plan_yet(manager: FlaskClient) -> None:
    team = create_team(manager, "empty")
    page = text(post(manager, f"/teams/{team}/plans", {"week": "2026-11-30", "past": "y"},
                     follow_redirects=True))
    assert "The team is not ready to plan" in page


def test_changes_since_the_previous_plan_are_listed(manager: FlaskClient, small_team: int) -> None:
    first = text(plan_week(manager, small_team))
    was = sync_time(first)
    weekday = was[:3].lower()
    # Make the day the sync was on meetingless: the next plan has to move it.
    post(manager, f"/teams/{small_team}/rules", {**RULES, "meetingless_days": ["wed", weekday]})
    second = text(plan_week(manager, small_team))
    now = sync_time(second)
    assert now[:3] != was[:3]
    assert f"Sync moved from {was[:3]} {was[-5:]} to {now[:3]} {now[-5:]}" in second


def test_planning_a_week_again_moves_only_what_must_move(app: Flask, manager: FlaskClient,
                                                         example_team: int) -> None:
    """The second plan of a week re-plans from the first: a meeting added since takes a free
    time, and every other meeting, lunch and focus block stays unless it has to make room.
    A week ahead, so that the freeze (nothing starting within 24 hours moves) holds none."""
    week = (next_monday("Europe/Amsterdam") + timedelta(weeks=1)).isoformat()
    plan_week(manager, example_team, week)
    add_meeting(manager, example_team, "retro", title="Retro")
    plan_week(manager, example_team, week)
    with sessions(app)() as db:
        first, second = (plan_from_json(json.loads(p.plan_json))
                         for p in db.query(StoredPlan).order_by(StoredPlan.id).all())
    assert {(m.request, m.start) for m in first.meetings} < {(m.request, m.start) for m in second.meetings}
    assert [(c.kind, c.request) for c in second.changes if c.request] == [("added", "retro")]
    assert moved(first, second) == listed(second)


def test_a_pin_keeps_a_meeting_at_its_time(app: Flask, manager: FlaskClient, small_team: int) -> None:
    page = text(plan_week(manager, small_team))
    was = sync_time(page)
    plan = re.search(r"/plans/(\d+)/pins", page).group(1)  # type: ignore[union-attr]
    pinned = text(post(manager, f"/teams/{small_team}/plans/{plan}/pins", {"occurrence": "sync#1"},
                       follow_redirects=True))
    assert f"Sync is pinned to {was[:3]} {was[-5:]}" in pinned
    with sessions(app)() as db:
        pin = db.query(Pin).one()
        assert (pin.weekday, pin.start) == (was[:3].lower(), was[-5:])
        # Move the pin to a time the solver would not choose by itself: Thursday 14:30.
        pin.weekday, pin.start = "thu", "14:30"
        db.commit()
    replanned = text(plan_week(manager, small_team))
    assert sync_time(replanned) == "Thu 03 Dec 14:30"
    assert "📌 pinned" in replanned


def test_a_pin_that_no_longer_fits_is_dropped_with_a_note(app: Flask, manager: FlaskClient,
                                                          small_team: int) -> None:
    with sessions(app)() as db:
        meeting = db.query(Meeting).one()
        db.add(Pin(team_id=small_team, meeting_id=meeting.id, weekday="wed", start="10:00"))
        db.commit()
    page = text(plan_week(manager, small_team))
    assert "Sync pinned on Wed at 10:00 no longer fits" in page
    assert not sync_time(page).startswith("Wed")


def test_a_failed_solve_keeps_the_stored_plans(app: Flask, manager: FlaskClient, small_team: int) -> None:
    plan_week(manager, small_team)
    # Rules that contradict each other: both always at the office on Monday, room for one.
    post(manager, f"/teams/{small_team}/rules", {**RULES, "office_capacity": "1"})
    with sessions(app)() as db:
        team = db.get(Team, small_team)
        assert team is not None
        for member in team.members:
            member.office_always = ["mon"]
        db.commit()
    page = text(plan_week(manager, small_team))
    assert "The plan failed" in page
    assert "2 members must be at the office on Mon 30 Nov (Ana and Bram" in page
    assert "Stored plans and calendars are unchanged." in page
    with sessions(app)() as db:
        assert db.query(StoredPlan).count() == 1
        assert db.query(Job).filter_by(status="failed").one().error


def test_solving_is_rate_limited_per_team(app: Flask, manager: FlaskClient, small_team: int) -> None:
    app.config["SOLVES_PER_MINUTE"] = 1
    plan_week(manager, small_team)
    again = text(post(manager, f"/teams/{small_team}/plans", {"week": "2026-11-30", "past": "y"},
                      follow_redirects=True))
    assert "This team planned many times in the last minute; try again in" in again
    with sessions(app)() as db:
        assert db.query(Job).count() == 1


def test_unplaced_meetings_show_their_reason(manager: FlaskClient, small_team: int) -> None:
    add_meeting(manager, small_team, "daily", title="Daily", per_week="4", where="office")
    post(manager, f"/teams/{small_team}/rules", {**RULES, "office_max": "2"})
    page = text(plan_week(manager, small_team))
    assert re.search(r"<strong>Daily #\d</strong>: .+", page), page


def test_the_job_page_follows_to_the_plan(app: Flask, manager: FlaskClient, small_team: int) -> None:
    app.config["PLAN_WAIT_SECONDS"] = 0  # a slow job: the answer is its progress page
    started = post(manager, f"/teams/{small_team}/plans", {"week": "2026-11-30", "past": "y"})
    assert "/jobs/" in started.headers["Location"]
    assert "Week of Monday 30 November 2026" in text(follow_job(manager, started.headers["Location"]))


def test_a_fast_plan_answers_with_the_plan_itself(app: Flask, manager: FlaskClient, small_team: int) -> None:
    app.config["PLAN_WAIT_SECONDS"] = 30  # generous here: the machine running the tests is busy
    started = post(manager, f"/teams/{small_team}/plans", {"week": "2026-11-30", "past": "y"})
    assert re.fullmatch(rf"/teams/{small_team}/plans/\d+", started.headers["Location"])
    assert "Week of Monday 30 November 2026" in text(manager.get(started.headers["Location"]))


def test_a_second_press_follows_the_plan_being_made(app: Flask, manager: FlaskClient,
                                                    small_team: int) -> None:
    with sessions(app)() as db:
        db.add(Job(id="busy", team_id=small_team, kind="web", status="running", request_json="{}"))
        db.commit()
    again = post(manager, f"/teams/{small_team}/plans", {"week": "2026-11-30", "past": "y"})
    assert again.headers["Location"] == f"/teams/{small_team}/jobs/busy"
    with sessions(app)() as db:
        assert db.query(Job).count() == 1
