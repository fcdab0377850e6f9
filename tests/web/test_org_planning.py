"""Planners make an organisation from the web app's teams and buildings, plan it in the
background and see the result; the navigation links to it; nobody else finds it."""

from __future__ import annotations

import time

from flask import Flask
from flask.testing import FlaskClient

from store.models import Organisation
from web.db import sessions

from .helpers import post, signup


def wait_until_planned(app: Flask, name: str, seconds: float = 240) -> Organisation:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with sessions(app)() as db:
            org = db.query(Organisation).filter_by(name=name).one()
            if org.status in ("done", "failed"):
                return org
        time.sleep(0.5)
    raise AssertionError(f"{name} still {org.status} after {seconds} s")


def test_a_planner_makes_plans_and_sees_the_organisation(app: Flask, manager: FlaskClient,
                                                         example_team: int) -> None:
    assert 'href="/org"' in manager.get("/").get_data(as_text=True)  # the navigation links to it
    form = {"name": "acme", "buildings": "utrecht 5", f"building-{example_team}": "utrecht"}
    made = post(manager, "/org/new", form)
    assert made.status_code == 302 and made.headers["Location"] == "/org/acme"
    assert "Not planned yet" in manager.get("/org/acme").get_data(as_text=True)
    assert post(manager, "/org/acme/plan").status_code == 302
    org = wait_until_planned(app, "acme")
    assert (org.status, org.error) == ("done", None)
    page = manager.get("/org/acme").get_data(as_text=True)
    assert "Building occupancy" in page and "meetings placed" in page
    assert "/5" in page  # people/desks of utrecht's days
    assert "acme" in manager.get("/org").get_data(as_text=True)
    # Nobody else finds it, nor plans it: not a member of the team, not another manager.
    ana, eve = app.test_client(), app.test_client()
    signup(ana, "ana@example.com", "Ana")
    signup(eve, "eve@example.com", "Eve")
    for outsider in (ana, eve):
        assert outsider.get("/org/acme").status_code == 404
        assert post(outsider, "/org/acme/plan").status_code == 404
        assert "acme" not in outsider.get("/org").get_data(as_text=True)


def test_a_form_with_mistakes_names_each_field(app: Flask, manager: FlaskClient, example_team: int) -> None:
    form = {"name": "Acme Corp!", "buildings": "utrecht many", f"building-{example_team}": "delft"}
    answer = post(manager, "/org/new", form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "name: 1 to 64 lower-case letters" in page
    assert "buildings line 1: write a building and its desks" in page
    with sessions(app)() as db:
        assert db.query(Organisation).count() == 0


def test_only_ones_own_teams_can_be_put_in(app: Flask, manager: FlaskClient, example_team: int) -> None:
    olaf = app.test_client()
    signup(olaf, "olaf@example.com", "Olaf")
    answer = post(olaf, "/org/new", {"name": "grab", "buildings": "utrecht 5",
                                     f"building-{example_team}": "utrecht"})
    assert answer.status_code == 400
    assert "teams: give at least one of your teams a building" in answer.get_data(as_text=True)


def test_planned_with_the_team_solves_on_the_queue(any_app: Flask) -> None:
    """The embedded set-up solves the teams in the web process; the scale-out one (PostgreSQL,
    a Celery worker through Redis) on the worker, as `rhythm.org_team` tasks."""
    from .conftest import add_example

    planner = any_app.test_client()
    signup(planner, "mia@example.com", "Mia")
    team = add_example(any_app, "mia@example.com")
    post(planner, "/org/new", {"name": "queued", "buildings": "utrecht 6", f"building-{team}": "utrecht"})
    assert post(planner, "/org/queued/plan").status_code == 302
    org = wait_until_planned(any_app, "queued")
    assert (org.status, org.error) == ("done", None)
    assert "Building occupancy" in planner.get("/org/queued").get_data(as_text=True)
