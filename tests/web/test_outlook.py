"""Sign in with Microsoft and "Sync to Outlook", against the local stand-in of Entra ID and
Microsoft Graph that the Outlook connector's tests use (tests/outlook/standin)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from store.models import Member
from tests.outlook.conftest import environment
from tests.outlook.standin import StandIn
from tests.outlook.standin.tls import TlsFiles, make_certificate
from web.db import sessions

from .helpers import plan_week, post

pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended:UserWarning")
REDIRECT = "http://localhost/auth/microsoft/done"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def standin(app: Flask, tls: TlsFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    server = StandIn(tls)
    server.add_user("ana@example.com", "Ana de Vries")
    server.tenant.redirect_uris.add(REDIRECT)
    for name, value in environment(server, tls, tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RHYTHM_OUTLOOK_USER", raising=False)
    app.config["MICROSOFT_CLIENT_ID"] = server.tenant.client_id
    yield server
    server.close()


def microsoft_sign_in(client: FlaskClient, standin: StandIn, tls: TlsFiles, email: str) -> None:
    """The browser's round trip: our button, Microsoft's page (the stand-in), back to us."""
    assert "Sign in with Microsoft" in client.get("/auth/signin").get_data(as_text=True)
    away = client.get("/auth/microsoft")
    assert away.headers["Location"].startswith(standin.url)
    standin.sign_in_as(email)
    back = requests.get(away.headers["Location"], allow_redirects=False, verify=str(tls.certificate),
                        timeout=10)
    assert back.headers["Location"].startswith(REDIRECT + "?code=")
    done = client.get(back.headers["Location"].removeprefix("http://localhost"))
    assert done.status_code == 302 and done.headers["Location"] == "/"


def test_sign_in_with_microsoft_then_sync_the_week_to_outlook(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn, tls: TlsFiles) -> None:
    plan_week(manager, example_team)
    ana = app.test_client()
    microsoft_sign_in(ana, standin, tls, "ana@example.com")
    assert "Hello, Ana de Vries" in ana.get("/").get_data(as_text=True)
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one().id

    preview = html.unescape(ana.get(f"/me/{member}/sync").get_data(as_text=True))
    assert "nothing has changed yet" in preview and "create" in preview and "Lunch" in preview
    assert standin.events_of("ana@example.com") == []  # a dry run writes nothing

    applied = html.unescape(post(ana, f"/me/{member}/sync").get_data(as_text=True))
    assert "Done. What changed:" in applied
    subjects = [e["subject"] for e in standin.events_of("ana@example.com")]
    assert subjects.count("Lunch") == 5 and "Team sync" in subjects and "Office day" in subjects

    again = html.unescape(ana.get(f"/me/{member}/sync").get_data(as_text=True))
    assert "0 to create, 0 to update, 0 to delete" in again


def test_a_sign_in_answer_that_was_not_started_here_is_refused(client: FlaskClient, standin: StandIn) -> None:
    page = client.get("/auth/microsoft/done?code=x&state=y", follow_redirects=True).get_data(as_text=True)
    assert "The Microsoft sign-in expired or was not started here; try again." in html.unescape(page)
