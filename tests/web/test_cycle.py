"""The weekly cycle on a controlled clock: the team's next weeks are planned on Friday 14:00
by themselves, a changed calendar re-plans a week calmly, a missed Friday is caught up after
a restart, a week under way keeps its past, and no team-week is planned twice for one moment."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from scheduler.plan.plan_json import plan_from_json
from store.models import CycleRun, Member, StoredPlan, Team, TeamCycle, User
from web.cycle import Due, claim, due, tick
from web.db import sessions

from .helpers import add_meeting, add_member, create_team, post, signup
from .mailbox import MAILBOX, text_of

ZONE = ZoneInfo("Europe/Amsterdam")
BUSY = """BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist@test\r
DTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Amsterdam:{start}\r\nDTEND;TZID=Europe/Amsterdam:{end}\r
SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


@pytest.fixture
def team(app: Flask, manager: FlaskClient) -> int:
    """Ana and Bram with one sync a week, planned two weeks ahead; the team exists since
    Saturday 5 December (the Friday before is not caught up)."""
    team = create_team(manager, "small")
    add_member(manager, team, "ana")
    add_member(manager, team, "bram")
    add_meeting(manager, team, "sync", title="Sync")
    saved = post(manager, f"/teams/{team}/cycle", {"enabled": "y", "weekday": "fri", "at": "14:00",
                                                   "weeks_ahead": "2"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with sessions(app)() as db:
        since = datetime(2026, 12, 5, 9, 0)
        db.execute(update(Team).where(Team.id == team).values(created_at=since))
        db.execute(update(TeamCycle).values(updated_at=since))
        db.commit()
    return team


def plans(app: Flask, team: int) -> dict[str, list[StoredPlan]]:
    with sessions(app)() as db:
        found: dict[str, list[StoredPlan]] = {}
        for row in db.query(StoredPlan).filter_by(team_id=team).order_by(StoredPlan.id):
            found.setdefault(row.week.isoformat(), []).append(row)
        return found


def sync_start(row: StoredPlan) -> datetime:
    (meeting,) = plan_from_json(json.loads(row.plan_json)).meetings
    return meeting.start.astimezone(ZONE)


def test_friday_plans_the_next_weeks_once(app: Flask, team: int) -> None:
    assert tick(app, at("2026-12-11T13:59")) == []  # not yet
    assert len(tick(app, at("2026-12-11T14:00"))) == 2
    planned = plans(app, team)
    assert sorted(planned) == ["2026-12-14", "2026-12-21"]
    assert tick(app, at("2026-12-11T14:01")) == [] and tick(app, at("2026-12-12T09:00")) == []
    with sessions(app)() as db:
        runs = db.query(CycleRun).filter_by(team_id=team).all()
        assert [r.status for r in runs] == ["done", "done"]
    # A second process claiming the same run loses: the unique key is the claim.
    assert claim(app, Due(team, runs[0].week, at("2026-12-11T14:00"))) is None


def test_a_changed_calendar_moves_only_what_it_hits_and_the_rhythm_carries_on(app: Flask, team: int) -> None:
    tick(app, at("2026-12-11T14:00"))
    first = plans(app, team)["2026-12-21"][-1]
    start = sync_start(first)
    with sessions(app)() as db:  # Ana's calendar now has the dentist at the sync's time
        ana = db.query(Member).filter_by(team_id=team, key="ana").one()
        end = start + timedelta(hours=1)
        ana.ics_text = BUSY.format(start=f"{start:%Y%m%dT%H%M%S}", end=f"{end:%Y%m%dT%H%M%S}")
        db.commit()
    assert len(tick(app, at("2026-12-18T14:00"))) == 2  # 21 December again, and 28 December
    planned = plans(app, team)
    again = planned["2026-12-21"][-1]
    assert len(planned["2026-12-21"]) == 2  # the first plan kept as history
    moved = sync_start(again)
    assert moved != start
    before, after = (plan_from_json(json.loads(p.plan_json)) for p in (first, again))
    assert [c for c in after.changes if c.kind == "moved" and c.request == "sync"]
    assert before.office_days["bram"] == after.office_days["bram"]
    carried = sync_start(planned["2026-12-28"][-1])  # a new week: the rhythm as re-planned
    assert (carried.weekday(), carried.time()) == (moved.weekday(), moved.time())


def test_a_missed_friday_is_caught_up_and_a_week_under_way_keeps_its_past(app: Flask, team: int) -> None:
    tick(app, at("2026-12-11T14:00"))
    # The server was off from Friday 18 December to Tuesday 22 December 11:00.
    now = at("2026-12-22T11:00")
    assert len(tick(app, now)) == 2
    planned = plans(app, team)
    under_way = planned["2026-12-21"]
    assert len(under_way) == 2 and "2026-12-28" in planned
    before, after = (plan_from_json(json.loads(p.plan_json)) for p in under_way)
    past = [(b.member, b.start) for b in before.lunches if b.start < now]
    assert past and past == [(b.member, b.start) for b in after.lunches if b.start < now]
    with sessions(app)() as db:
        run = db.query(CycleRun).filter_by(team_id=team).order_by(CycleRun.id.desc()).first()
        assert run is not None and run.status == "done"


def test_scale_out_runs_the_cycle_from_celery_beat_every_minute(app: Flask, team: int) -> None:
    from web.celery_setup import celery_init_app

    celery = celery_init_app(app)
    entry = celery.conf.beat_schedule["rhythm-weekly-cycle"]
    assert entry["task"] == "rhythm.cycle" and entry["schedule"] == 60.0
    with sessions(app)() as db:
        expected = len(list(due(db, datetime.now(UTC))))  # none until Friday 11 December 14:00
    celery.tasks["rhythm.cycle"].apply()  # what beat sends: a tick at the real time
    with sessions(app)() as db:
        assert db.query(CycleRun).filter(CycleRun.status != "running").count() == expected


def test_the_cycle_form_refuses_more_than_four_weeks_and_names_the_field(manager: FlaskClient,
                                                                         team: int) -> None:
    page = post(manager, f"/teams/{team}/cycle", {"enabled": "y", "weekday": "fri", "at": "14:00",
                                                   "weeks_ahead": "6"}).get_data(as_text=True)
    assert 'id="weeks_ahead-error"' in page and "between 1 and 4" in page
    shown = manager.get(f"/teams/{team}").get_data(as_text=True)
    assert "The next 2 weeks are planned by themselves on Fri" in shown


def test_the_team_is_told_by_email_own_changes_first_and_who_turned_it_off_is_not(
        app: Flask, team: int) -> None:
    ana_before, bram_before = len(MAILBOX.to("ana@example.com")), len(MAILBOX.to("bram@example.com"))
    bram = app.test_client()
    signup(bram, "bram@example.com", "Bram")
    with sessions(app)() as db:
        bram_id = db.query(Member).filter_by(team_id=team, key="bram").one().id
    assert post(bram, f"/me/{bram_id}/choices", {}).status_code == 302  # the box left empty: off
    bram_before = len(MAILBOX.to("bram@example.com"))  # the sign-up's own mail
    tick(app, at("2026-12-11T14:00"))
    planned = [text_of(m) for m in MAILBOX.to("ana@example.com")[ana_before:]]
    assert len(planned) == 2  # weeks 51 and 52, each planned for the first time
    mail = MAILBOX.to("ana@example.com")[ana_before]
    assert mail["Subject"] == "small: Week 51, 14 Dec to 20 Dec 2026 is planned"
    assert "Sync: " in planned[0] and "/me/" in planned[0]

    start = sync_start(plans(app, team)["2026-12-21"][-1])
    with sessions(app)() as db:  # Bram's calendar changes: the sync moves, for both of them
        member = db.query(Member).filter_by(team_id=team, key="bram").one()
        end = start + timedelta(hours=1)
        member.ics_text = BUSY.format(start=f"{start:%Y%m%dT%H%M%S}", end=f"{end:%Y%m%dT%H%M%S}")
        db.commit()
    seen = len(MAILBOX.to("ana@example.com"))
    tick(app, at("2026-12-18T14:00"))
    texts = [text_of(m) for m in MAILBOX.to("ana@example.com")[seen:]]
    replanned = next(t for t in texts if "was re-planned" in t or "re-planned" in t)
    assert "What changed for you:\n- Sync moved from " in replanned
    assert replanned.index("What changed for you") < replanned.index("Your week:")
    assert len(MAILBOX.to("bram@example.com")) == bram_before  # he turned it off


def test_the_embedded_scheduler_thread_plans_on_the_real_clock_and_stops(app: Flask, team: int) -> None:
    """What `rhythm serve` runs: the thread looks at the clock and plans what is due."""
    from web.cycle import CycleThread

    local = datetime.now(ZONE) - timedelta(minutes=1)  # the team's moment: a minute ago
    with sessions(app)() as db:
        db.execute(update(TeamCycle).values(weekday=("mon", "tue", "wed", "thu", "fri", "sat", "sun")[
            local.weekday()], at=f"{local:%H:%M}", weeks_ahead=1, updated_at=datetime(2026, 1, 1)))
        db.execute(update(Team).values(created_at=datetime(2026, 1, 1)))
        db.commit()
    thread = CycleThread(app, interval=0.2)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with sessions(app)() as db:
                if db.query(CycleRun).filter(CycleRun.status == "done").count():
                    break
            time.sleep(0.2)
    finally:
        thread.stop()
        thread.join(timeout=30)
    assert not thread.is_alive()
    with sessions(app)() as db:
        (run,) = db.query(CycleRun).all()  # once, however many times it looked
        assert run.status == "done" and run.week > local.date()


def test_the_claim_lets_one_process_win_on_both_databases(any_app: Flask) -> None:
    """The unique key (team, week, moment) is the claim, on SQLite and on PostgreSQL alike."""
    with sessions(any_app)() as db:
        user = User(email="mia@example.com", name="Mia", password_hash="x")
        db.add(user)
        db.flush()
        team = Team(name="t", timezone="Europe/Amsterdam", manager_id=user.id, rules={})
        db.add(team)
        db.commit()
        team_id = team.id
    due = Due(team_id, date(2026, 12, 14), at("2026-12-11T14:00"))
    first, second = claim(any_app, due), claim(any_app, due)
    assert first is not None and second is None
    assert claim(any_app, Due(team_id, date(2026, 12, 21), at("2026-12-11T14:00"))) is not None
