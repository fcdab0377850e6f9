"""Invitations: the manager invites a member by e-mail; the link (7 days, once) joins whoever
opens it to the team as that member, with a new account or the one they have."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from functools import partial

from flask import Flask
from flask.testing import FlaskClient

from store.models import Member, OneTimeLink, User, utcnow
from web.db import sessions

from .helpers import PASSWORD, mailed_link, member_form, post, signup
from .mailbox import MAILBOX, text_of


def member_of(app: Flask, team: int, key: str) -> Member:
    with sessions(app)() as db:
        return db.query(Member).filter_by(team_id=team, key=key).one()


def invite(manager: FlaskClient, app: Flask, team: int, key: str, email: str | None = None) -> str:
    member = member_of(app, team, key)
    press = partial(post, manager, f"/teams/{team}/members/{member.id}/invite")
    return mailed_link(email or member.email or "", press, "/invitations/")


def test_a_newcomer_joins_by_invitation_with_a_new_account(app: Flask, manager: FlaskClient,
                                                           example_team: int) -> None:
    link = invite(manager, app, example_team, "bram")
    mail = MAILBOX.to("bram@example.com")[-1]
    assert mail["Subject"] == "Mia Manager invites you to platform on rhythm"
    assert "within 7 days" in " ".join(text_of(mail).split())
    bram = app.test_client()
    page = re.sub(r"<[^>]+>", "", html.unescape(bram.get(link).get_data(as_text=True)))
    assert "You are invited as Bram Jansen (bram@example.com)" in page
    joined = post(bram, link, {"name": "Bram", "password": PASSWORD, "confirm": PASSWORD})
    member = member_of(app, example_team, "bram")
    assert joined.headers["Location"] == f"/me/{member.id}"
    assert bram.get(f"/me/{member.id}").status_code == 200
    with sessions(app)() as db:
        user = db.query(User).filter_by(email="bram@example.com").one()
        assert member.user_id == user.id and user.email_confirmed_at is not None
    assert "joined" in manager.get(f"/teams/{example_team}").get_data(as_text=True)
    assert app.test_client().get(link).status_code == 404  # once


def test_someone_with_an_account_joins_with_it_whatever_its_address(app: Flask, manager: FlaskClient,
                                                                    example_team: int) -> None:
    link = invite(manager, app, example_team, "bram")
    bram = app.test_client()
    signup(bram, "bram.private@example.org", "Bram")
    member = member_of(app, example_team, "bram")
    assert bram.get(f"/me/{member.id}").status_code == 404  # not before joining
    assert "Join as Bram" in bram.get(link).get_data(as_text=True)
    assert post(bram, link).headers["Location"] == f"/me/{member.id}"
    assert bram.get(f"/me/{member.id}").status_code == 200


def test_signing_in_from_the_invitation_comes_back_to_it(app: Flask, manager: FlaskClient,
                                                          example_team: int) -> None:
    link = invite(manager, app, example_team, "bram")
    signup(app.test_client(), "bram@example.com", "Bram")  # Bram had signed up meanwhile
    bram = app.test_client()
    page = bram.get(link).get_data(as_text=True)
    refused = post(bram, link, {"name": "Bram", "password": PASSWORD, "confirm": PASSWORD})
    assert "An account with bram@example.com exists here already" in html.unescape(
        refused.get_data(as_text=True))
    found = re.search(r'href="(/auth/signin\?next=[^"]+)"', page)
    assert found, page
    back_to = html.unescape(found.group(1))
    signed_in = post(bram, back_to, {"email": "bram@example.com", "password": PASSWORD})
    assert signed_in.headers["Location"] == link


def test_a_new_invitation_replaces_the_last_and_an_old_one_expires(app: Flask, manager: FlaskClient,
                                                                   example_team: int) -> None:
    first = invite(manager, app, example_team, "bram")
    second = invite(manager, app, example_team, "bram")
    assert app.test_client().get(first).status_code == 404
    with sessions(app)() as db:
        db.query(OneTimeLink).filter_by(purpose="invite").one().expires_at = utcnow() - timedelta(seconds=1)
        db.commit()
    assert "This link no longer works" in app.test_client().get(second).get_data(as_text=True)


def test_a_new_address_for_the_member_voids_the_invitation_and_the_link(app: Flask, manager: FlaskClient,
                                                                        example_team: int) -> None:
    link = invite(manager, app, example_team, "bram")
    bram = app.test_client()
    signup(bram, "bram.private@example.org", "Bram")
    post(bram, link)
    member = member_of(app, example_team, "bram")
    assert bram.get(f"/me/{member.id}").status_code == 200
    later = invite(manager, app, example_team, "bram")
    changed = post(manager, f"/teams/{example_team}/members/{member.id}",
                   member_form("bram", name="Bram Jansen", email="b.jansen@example.com"))
    assert changed.status_code == 302
    assert bram.get(f"/me/{member.id}").status_code == 404  # another address: another person
    assert app.test_client().get(later).status_code == 404


def test_a_member_without_an_address_cannot_be_invited(app: Flask, manager: FlaskClient,
                                                       example_team: int) -> None:
    post(manager, f"/teams/{example_team}/members/new", member_form("zoe", email=""))
    zoe = member_of(app, example_team, "zoe")
    page = post(manager, f"/teams/{example_team}/members/{zoe.id}/invite", follow_redirects=True)
    assert "Add Zoe's e-mail address first" in html.unescape(page.get_data(as_text=True))
