"""`rhythm user reset-password EMAIL`: the operator's way back into an account (the first
manager's password is printed only once): a one-time link, printed or e-mailed."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from cli.main import main

from .helpers import PASSWORD, post, signin, signup
from .mailbox import MAILBOX, links_in

NEW_PASSWORD = "chosen by the manager herself"


@pytest.fixture
def same_database(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The command reads the database `rhythm serve` uses: here, the test app's."""
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("RHYTHM_BASE_URL", "http://localhost")
    return app


def test_the_printed_link_sets_a_new_password_and_ends_every_session(
        same_database: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    app = same_database
    mia = app.test_client()
    signup(mia, "mia@example.com", "Mia")
    assert main(["user", "reset-password", "Mia@Example.com"]) == 0
    printed = capsys.readouterr().out
    assert "Open this link within 60 minutes to choose a new password for mia@example.com" in printed
    link = re.search(r"http://localhost(/auth/reset/\S+)", printed).group(1)  # type: ignore[union-attr]
    person = app.test_client()
    assert post(person, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert mia.get("/").status_code == 302  # the old session is over
    assert "do not match" in signin(app.test_client(), "mia@example.com", PASSWORD).get_data(as_text=True)
    assert signin(app.test_client(), "mia@example.com", NEW_PASSWORD).status_code == 302
    assert app.test_client().get(link).status_code == 404  # once


def test_send_mails_the_link_to_the_account(same_database: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    signup(same_database.test_client(), "mia@example.com", "Mia")
    before = len(MAILBOX.to("mia@example.com"))
    assert main(["user", "reset-password", "mia@example.com", "--send"]) == 0
    assert "A link to choose a new password went to mia@example.com" in capsys.readouterr().out
    mail = MAILBOX.wait_for("mia@example.com", before)
    assert mail["Subject"] == "Choose a new rhythm password"
    assert [link for link in links_in(mail) if link.startswith("http://localhost/auth/reset/")]


def test_an_unknown_address_is_named(same_database: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["user", "reset-password", "nobody@example.com"]) == 2
    assert capsys.readouterr().err.strip() == "rhythm user: no account uses nobody@example.com"
