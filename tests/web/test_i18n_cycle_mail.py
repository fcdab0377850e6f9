"""The weekly cycle's e-mail in the team's language: a Dutch team's members read that their
week is planned in Dutch, with the ISO week, Dutch days and 24-hour times (issue 25)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import update

from store.models import Team
from web.db import sessions

from .mailbox import MAILBOX, text_of
from .test_cycle import at, team  # noqa: F401  (the fixture)


def test_a_dutch_team_is_told_in_dutch(app: Flask, team: int) -> None:  # noqa: F811
    with sessions(app)() as db:
        db.execute(update(Team).where(Team.id == team).values(language="nl"))
        db.commit()
    before = len(MAILBOX.to("ana@example.com"))
    from web.cycle import tick

    tick(app, at("2026-12-11T14:00"))
    mail = MAILBOX.to("ana@example.com")[before]
    assert mail["Subject"] == "small: week 51, 14 dec t/m 20 dec 2026 is gepland"
    text = text_of(mail)
    assert "rhythm heeft week 51, 14 dec t/m 20 dec 2026 van small gepland." in text
    assert "Je week:\n- Op kantoor: " in text
    assert "Je krijgt deze e-mail omdat je in small op rhythm zit." in text
    sync = next(line for line in text.splitlines() if line.startswith("- Sync: "))
    assert sync.split(": ", 1)[1][:3] in ("ma ", "di ", "wo ", "do ", "vr ")  # a Dutch weekday
    assert "AM" not in text and "PM" not in text
