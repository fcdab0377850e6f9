"""Who may open what, checked on every route: signed-out people are sent to sign in, a
manager reaches only their own teams, an employee only their own week. Denied is 404, so
another team's existence does not leak."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from organisation.history import open_history, store_summary
from store.models import ApiToken, Job, Member, Organisation, Pin, StoredPlan, Team
from web.db import sessions
from web.secret_tokens import new_api_token

from .conftest import add_example, make_app
from .helpers import create_team, plan_week, post, signup

TEAM_ROUTES = [
    ("GET", "/teams/{team}"), ("GET", "/teams/{team}/rules"), ("POST", "/teams/{team}/rules"),
    ("GET", "/teams/{team}/members/new"), ("POST", "/teams/{team}/members/new"),
    ("GET", "/teams/{team}/members/{member}"), ("POST", "/teams/{team}/members/{member}"),
    ("GET", "/teams/{team}/members/{member}/delete"), ("POST", "/teams/{team}/members/{member}/delete"),
    ("POST", "/teams/{team}/members/{member}/invite"),
    ("GET", "/teams/{team}/meetings/new"), ("POST", "/teams/{team}/meetings/new"),
    ("GET", "/teams/{team}/meetings/{meeting}"), ("POST", "/teams/{team}/meetings/{meeting}"),
    ("GET", "/teams/{team}/meetings/{meeting}/delete"), ("POST", "/teams/{team}/meetings/{meeting}/delete"),
    ("POST", "/teams/{team}/plans"), ("GET", "/teams/{team}/jobs/{job}"),
    ("POST", "/teams/{team}/jobs/{job}/cancel"),
    ("GET", "/teams/{team}/plans/{plan}"), ("POST", "/teams/{team}/plans/{plan}/pins"),
    ("POST", "/teams/{team}/plans/{plan}/actual"),
    ("POST", "/teams/{team}/pins/{pin}/delete"),
    ("GET", "/teams/{team}/cycle"), ("POST", "/teams/{team}/cycle"),
    ("GET", "/teams/{team}/tokens/new"), ("POST", "/teams/{team}/tokens/new"),
    ("GET", "/teams/{team}/tokens/{token}/delete"), ("POST", "/teams/{team}/tokens/{token}/delete"),
]
MEMBER_ROUTES = [
    ("GET", "/me/{member}"), ("GET", "/me/{member}/week.ics"), ("POST", "/me/{member}/subscription"),
    ("POST", "/me/{member}/choices"),
    ("GET", "/me/{member}/sync"), ("POST", "/me/{member}/sync"),
    ("GET", "/me/{member}/data"), ("GET", "/me/{member}/data/erase"), ("POST", "/me/{member}/data/erase"),
]
SIGNED_IN_ROUTES = [("GET", "/"), ("GET", "/teams/new"), ("POST", "/teams/new"), ("GET", "/account"),
                    ("POST", "/account/password"), ("POST", "/account/address"),
                    ("POST", "/account/microsoft/disconnect"), ("GET", "/org/new"), ("POST", "/org/new"),
                    ("POST", "/account/language")]
# Only the organisation's planners and its teams' managers (the addresses its request names).
ORGANISATION_ROUTES = [("GET", "/org/{organisation}")]
# Only the organisation's planners (made in the web app; a team's manager does not plan it).
PLANNER_ROUTES = [("POST", "/org/{organisation}/plan")]
# Open to everyone by design: signing in, the API (bearer tokens, tested in test_api), feeds, and
# the one-time links e-mailed to people (the secret in the link is the key: test_accounts.py).
PUBLIC = {"/auth/signup", "/auth/signin", "/auth/signout", "/auth/microsoft", "/auth/microsoft/done",
          "/auth/confirm/<token>", "/auth/forgot", "/auth/reset/<token>", "/auth/link", "/auth/link/<token>",
          "/invitations/<token>",
          "/static/<path:filename>", "/calendars/<token>.ics", "/api/v1/plans", "/api/v1/jobs/<job_id>",
          "/api/v1/openapi.json", "/api/v1/schemas/<name>",
          "/api/v1/members/<key>/data"}  # a team's token, tested in test_calendar_privacy
LISTS = [("GET", "/org")]  # open to anyone signed in, listing only what they may open


class World:
    """Mia manages the example team (planned once, a pin, a token) and plans the organisation
    acme; Olaf manages another team; Ana is a member of Mia's team; Eve is signed in and
    nobody in particular."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.anonymous = app.test_client()
        self.mia, self.olaf, self.ana, self.eve = (app.test_client() for _ in range(4))
        for client, email in ((self.mia, "mia"), (self.olaf, "olaf"), (self.ana, "ana"), (self.eve, "eve")):
            signup(client, f"{email}@example.com")
        team = add_example(app, "mia@example.com")
        self.olaf_team = create_team(self.olaf, "olaf-team")
        plan_page = plan_week(self.mia, team)
        plan = int(re.search(r'/plans/(\d+)/pins', plan_page.get_data(as_text=True)).group(1))  # type: ignore[union-attr]
        occurrence = re.search(r'name="occurrence" value="([^"]+)"', plan_page.get_data(as_text=True))
        post(self.mia, f"/teams/{team}/plans/{plan}/pins", {"occurrence": occurrence.group(1)})  # type: ignore[union-attr]
        with sessions(app)() as db:
            found = db.get(Team, team)
            assert found is not None
            members = {m.key: m.id for m in found.members}
            self.ids = {
                "team": team, "plan": plan, "member": members["bram"], "meeting": found.meetings[0].id,
                "job": db.query(Job).filter_by(team_id=team).one().id,
                "pin": db.query(Pin).filter_by(team_id=team).one().id,
            }
            self.ana_member = members["ana"]
            new_api_token(db, found, "ci")
            db.add(Organisation(name="acme", timezone="Europe/Amsterdam", planners=["mia@example.com"],
                                buildings=[{"id": "utrecht", "desks": 10}],
                                teams=[{"team_id": team, "building": "utrecht"}]))
            db.commit()
            self.ids["token"] = db.query(ApiToken).filter_by(team_id=team).one().id
        with open_history(app.config["DATABASE_URL"])() as db, db.begin():
            store_summary(db, "acme", date(2026, 11, 30), {"buildings": [], "affinities": [], "teams": []},
                          viewers=["mia@example.com"])
        self.ids["organisation"] = "acme"

    def url(self, template: str, **override: Any) -> str:
        return template.format(**{**self.ids, **override})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("access")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RHYTHM_DATA_DIR", str(folder / "data"))
        for app in make_app(Path(folder)):
            yield World(app)


def call(client: FlaskClient, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else post(client, url, {})


@pytest.mark.parametrize("method, template",
                         TEAM_ROUTES + MEMBER_ROUTES + SIGNED_IN_ROUTES + ORGANISATION_ROUTES
                         + PLANNER_ROUTES + LISTS)
def test_signed_out_people_are_sent_to_sign_in(world: World, method: str, template: str) -> None:
    response = call(world.anonymous, method, world.url(template))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/signin")


@pytest.mark.parametrize("method, template", TEAM_ROUTES)
def test_another_managers_team_is_not_found(world: World, method: str, template: str) -> None:
    assert call(world.olaf, method, world.url(template)).status_code == 404
    # Olaf's own team number with Mia's rows (member, meeting, plan...) is no way in either.
    if "{team}/" in template and template.count("{") > 1:
        assert call(world.olaf, method, world.url(template, team=world.olaf_team)).status_code == 404


@pytest.mark.parametrize("method, template", TEAM_ROUTES)
def test_an_employee_cannot_manage_their_team(world: World, method: str, template: str) -> None:
    assert call(world.ana, method, world.url(template)).status_code == 404


@pytest.mark.parametrize("method, template", MEMBER_ROUTES)
def test_an_employee_sees_only_their_own_week(world: World, method: str, template: str) -> None:
    assert call(world.ana, method, world.url(template)).status_code == 404  # bram's week
    assert call(world.mia, method, world.url(template)).status_code == 404  # even the manager's
    if method == "GET":
        assert call(world.ana, method, world.url(template, member=world.ana_member)).status_code == 200


@pytest.mark.parametrize("template", [t for m, t in TEAM_ROUTES if m == "GET"])
def test_the_manager_opens_every_page_of_their_team(world: World, template: str) -> None:
    assert call(world.mia, "GET", world.url(template)).status_code in (200, 302)


@pytest.mark.parametrize("method, template", ORGANISATION_ROUTES)
def test_only_the_organisations_planners_and_managers_open_its_pages(world: World, method: str,
                                                                     template: str) -> None:
    for outsider in (world.ana, world.olaf, world.eve):
        assert call(outsider, method, world.url(template)).status_code == 404
    assert call(world.mia, method, world.url(template)).status_code == 200


@pytest.mark.parametrize("method, template", PLANNER_ROUTES)
def test_only_the_organisations_planners_plan_it(world: World, method: str, template: str) -> None:
    for outsider in (world.ana, world.olaf, world.eve):
        assert call(outsider, method, world.url(template)).status_code == 404
    with sessions(world.app)() as db:
        assert db.query(Organisation).filter_by(name="acme").one().status == "new"  # nothing queued
    assert call(world.mia, method, world.url(template)).status_code == 302


def test_the_list_of_organisations_shows_only_ones_own(world: World) -> None:
    assert "acme" in world.mia.get("/org").get_data(as_text=True)
    for outsider in (world.ana, world.olaf, world.eve):
        assert "acme" not in outsider.get("/org").get_data(as_text=True)


def test_denied_requests_changed_nothing(world: World) -> None:
    with sessions(world.app)() as db:
        team = db.get(Team, world.ids["team"])
        assert team is not None
        assert len(team.members) == 6 and len(team.meetings) == 6
        assert db.query(StoredPlan).count() == 1
        assert db.get(Member, world.ids["member"]) is not None


def test_every_route_has_an_access_rule_tested(world: World) -> None:
    routes = TEAM_ROUTES + MEMBER_ROUTES + SIGNED_IN_ROUTES + ORGANISATION_ROUTES + PLANNER_ROUTES + LISTS
    tested = {re.sub(r"\{(\w+)\}", "", t) for _, t in routes}
    for rule in world.app.url_map.iter_rules():
        shape = re.sub(r"<[^>]+>", "", rule.rule)
        assert rule.rule in PUBLIC or shape in tested, f"{rule.rule} has no access test"
