"""The weekly cycle writes the new plan into the Outlook calendar of a member who opted in,
with her own Microsoft sign-in, against the local stand-in of Entra ID and Graph."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from store.models import Team
from tests.outlook.standin import StandIn
from tests.outlook.standin.tls import TlsFiles
from web.cycle import tick
from web.db import sessions

from .entra import standin, tls
from .helpers import post
from .test_outlook import ana_joins_with_microsoft, member_id

__all__ = ["standin", "tls"]
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended:UserWarning")


def test_friday_syncs_the_new_week_to_the_outlook_of_who_opted_in(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn, tls: TlsFiles) -> None:
    ana = ana_joins_with_microsoft(app, manager, example_team, standin, tls)
    member = member_id(app, example_team, "ana")
    assert post(ana, f"/me/{member}/choices", {"notify": "y", "auto_sync": "y"}).status_code == 302
    with sessions(app)() as db:  # the team exists since before Friday 27 November
        db.execute(update(Team).where(Team.id == example_team).values(created_at=datetime(2026, 11, 20)))
        db.commit()
    assert standin.events_of("ana@example.com") == []
    tick(app, datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))  # plans 30 November
    subjects = [e["subject"] for e in standin.events_of("ana@example.com")]
    assert subjects.count("Lunch") == 5 and "Team sync" in subjects and "Office day" in subjects
