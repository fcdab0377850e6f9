"""Sign in with Microsoft, join the team by invitation, "Sync to Outlook", and plan with the
Outlook calendars of members who connected their own account, against the local stand-in of
Entra ID and Microsoft Graph (tests/outlook/standin)."""

from __future__ import annotations

import html
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from store.models import Member, MicrosoftIdentity, StoredPlan, User
from tests.outlook.standin import StandIn
from tests.outlook.standin.tls import TlsFiles
from web.db import sessions

from .entra import microsoft_sign_in, standin, tls
from .helpers import mailed_link, plan_week, post

__all__ = ["standin", "tls"]
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended:UserWarning")


def member_id(app: Flask, team: int, key: str) -> int:
    with sessions(app)() as db:
        return int(db.query(Member).filter_by(team_id=team, key=key).one().id)


def invite(manager: FlaskClient, app: Flask, team: int, key: str) -> str:
    """The manager presses "Invite"; the path of the link in the e-mail the member gets."""
    member = member_id(app, team, key)
    return mailed_link(f"{key}@example.com", lambda: post(manager, f"/teams/{team}/members/{member}/invite"),
                       "/invitations/")


def ana_joins_with_microsoft(app: Flask, manager: FlaskClient, team: int, standin: StandIn,
                             tls: TlsFiles) -> FlaskClient:
    """Ana opens her invitation, signs in with Microsoft from it, and joins."""
    invitation = invite(manager, app, team, "ana")
    ana = app.test_client()
    assert "Sign in with Microsoft" in ana.get(invitation).get_data(as_text=True)
    back = microsoft_sign_in(ana, standin, tls, "ana@example.com",
                             start=f"/auth/microsoft?next={invitation}")
    assert back.status_code == 302 and back.headers["Location"] == invitation
    assert post(ana, invitation).headers["Location"] == f"/me/{member_id(app, team, 'ana')}"
    return ana


def test_join_by_invitation_with_microsoft_then_sync_the_week_to_outlook(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn, tls: TlsFiles) -> None:
    plan_week(manager, example_team)
    ana = ana_joins_with_microsoft(app, manager, example_team, standin, tls)
    assert "Hello, Ana de Vries" in ana.get("/").get_data(as_text=True)
    with sessions(app)() as db:
        user = db.query(User).filter_by(name="Ana de Vries").one()
        identity = db.query(MicrosoftIdentity).one()
        assert user.email is None  # Microsoft's `mail` attribute is never taken as a proven address
        assert (identity.tenant_id, identity.object_id) == (standin.tenant.tenant_id,
                                                            standin.tenant.users["ana@example.com"].oid)
    member = member_id(app, example_team, "ana")

    preview = html.unescape(ana.get(f"/me/{member}/sync?week=2026-W49").get_data(as_text=True))
    assert "nothing has changed yet" in preview and "create" in preview and "Lunch" in preview
    assert standin.events_of("ana@example.com") == []  # a dry run writes nothing

    applied = html.unescape(post(ana, f"/me/{member}/sync?week=2026-W49").get_data(as_text=True))
    assert "Done. What changed:" in applied
    subjects = [e["subject"] for e in standin.events_of("ana@example.com")]
    assert subjects.count("Lunch") == 5 and "Team sync" in subjects and "Office day" in subjects

    again = html.unescape(ana.get(f"/me/{member}/sync?week=2026-W49").get_data(as_text=True))
    assert "0 to create, 0 to update, 0 to delete" in again


def test_the_team_plans_with_the_outlook_calendar_of_a_member_who_connected_it(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn, tls: TlsFiles) -> None:
    ana_joins_with_microsoft(app, manager, example_team, standin, tls)
    # In Outlook Ana is busy all day but Thursday (Wednesday has no meetings anyway).
    for day in ("2026-11-30", "2026-12-01", "2026-12-04"):
        standin.add_event("ana@example.com", subject="Client visit", showAs="busy",
                          start={"dateTime": f"{day}T08:00:00", "timeZone": "W. Europe Standard Time"},
                          end={"dateTime": f"{day}T18:00:00", "timeZone": "W. Europe Standard Time"})
    member = member_id(app, example_team, "ana")
    page = post(manager, f"/teams/{example_team}/members/{member}", {
        "key": "ana", "name": "Ana de Vries", "email": "ana@example.com", "work_start": "09:00",
        "work_end": "17:00", "calendar_address": "outlook:ana@example.com", "remove_ics": "y"})
    assert page.status_code == 302, page.get_data(as_text=True)
    plan = plan_week(manager, example_team).get_data(as_text=True)
    assert "The plan failed" not in plan
    assert standin.requests("GET", r"/v1\.0/me/calendar/calendarView")  # read with Ana's own sign-in
    with sessions(app)() as db:
        stored = json.loads(db.query(StoredPlan).one().plan_json)
    hers = [m["start"][:10] for m in stored["meetings"] if "ana" in m["attendees"] + m["optional"]]
    assert hers and set(hers) == {"2026-12-03"}, hers


def test_a_sign_in_answer_that_was_not_started_here_is_refused(client: FlaskClient, standin: StandIn) -> None:
    page = client.get("/auth/microsoft/done?code=x&state=y", follow_redirects=True).get_data(as_text=True)
    assert "The Microsoft sign-in expired or was not started here; try again." in html.unescape(page)
