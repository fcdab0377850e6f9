"""Fixtures after Flask's tutorial: `app`, `client`, `runner`, plus a signed-in manager with
the example team. Every app is fresh, on its own SQLite file (or PostgreSQL database), so
tests run in parallel (pytest-xdist) without seeing each other."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from store.models import Team, User
from web import create_app
from web.db import sessions, upgrade
from web.example import load_example
from web.jobs import queue_of

from .helpers import add_meeting, add_member, create_team, signup
from .mailbox import serve
from .services import celery_queue, empty_tables, postgres_app_config, postgres_url

__all__ = ["celery_queue", "postgres_url"]  # session fixtures, shared by every test module

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "platform-week.json"


TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test only",
    "BASE_URL": "http://localhost",  # the test client's address: links in e-mails open there
    "SOLVE_TIME_LIMIT": 5.0,
    "SOLVE_WORKERS": 2,  # two cores here; several xdist workers share them
    "PASSWORD_METHOD": "pbkdf2:sha256:1000",
    # The example's fixed week (2026-11-30) stays plannable whatever day the suite runs;
    # test_weeks.py checks the refusal of a typo'd year at the service's own 53 weeks.
    "PLAN_WEEKS_AWAY": 520,  # a real hash, cheap enough for hundreds of sign-ups
}


@pytest.fixture(scope="session", autouse=True)
def smtp_server() -> Iterator[str]:
    """A real SMTP server on loopback that every app (and `rhythm serve`) of the session sends
    its e-mail to; tests read it through `mailbox.MAILBOX`."""
    controller = serve()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RHYTHM_SMTP_HOST", "127.0.0.1")
        patch.setenv("RHYTHM_SMTP_PORT", str(controller.port))
        patch.setenv("RHYTHM_SMTP_STARTTLS", "false")
        patch.setenv("RHYTHM_SMTP_FROM", "rhythm <rhythm@example.com>")
        yield f"127.0.0.1:{controller.port}"
    controller.stop()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to head once per test worker; each app gets a copy."""
    path = tmp_path_factory.mktemp("template") / "rhythm.db"
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}"})
    upgrade(app)
    sessions(app).kw["bind"].dispose()
    return path


def make_app(tmp_path: Path, template: Path | None = None, **config: Any) -> Iterator[Flask]:
    database = tmp_path / "rhythm.db"
    if template is not None and "DATABASE_URL" not in config:
        shutil.copyfile(template, database)
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{database}", **config})
    if template is None:
        upgrade(app)
    yield app
    queue_of(app).shutdown()
    sessions(app).kw["bind"].dispose()


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path) -> Iterator[Flask]:
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    yield from make_app(tmp_path, migrated_sqlite)


@pytest.fixture(params=["sqlite", "postgres"])
def any_app(request: pytest.FixtureRequest, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The embedded set-up (SQLite, solves in a thread pool), then the scale-out one
    (PostgreSQL, solves in a real Celery worker fed through Redis)."""
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    if request.param == "sqlite":
        yield from make_app(tmp_path, request.getfixturevalue("migrated_sqlite"))
        return
    url, queue = request.getfixturevalue("postgres_url"), request.getfixturevalue("celery_queue")
    empty_tables(url)
    yield from make_app(tmp_path, None, **postgres_app_config(url, queue))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def manager(client: FlaskClient) -> FlaskClient:
    """The client, signed in as a manager (Mia) with no team yet."""
    signup(client, "mia@example.com", "Mia Manager")
    return client


@pytest.fixture
def small_team(manager: FlaskClient) -> int:
    """Ana and Bram, one 25-minute sync a week."""
    team = create_team(manager, "small")
    add_member(manager, team, "ana")
    add_member(manager, team, "bram")
    add_meeting(manager, team, "sync", title="Sync")
    return team


@pytest.fixture
def example_team(app: Flask, manager: FlaskClient) -> int:
    """The example team (examples/platform-week.json, calendars inlined), managed by Mia."""
    return add_example(app, "mia@example.com")


def add_example(app: Flask, manager_email: str) -> int:
    with sessions(app)() as db:
        user = db.query(User).filter_by(email=manager_email).one()
        team: Team = load_example(db, user, EXAMPLE)
        db.commit()
        return team.id
