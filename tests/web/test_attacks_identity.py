"""Issue 22, items 1-8 ("Identity"): the attack requests that worked against rhythm, kept as
tests. Each one failed on the code before the fix (it got in, read, locked out or redirected)
and must keep failing for the attacker."""

from __future__ import annotations

import html
import http.client
import json
import re
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from connectors.outlook.tokens import account_token_path
from organisation.history import open_history, store_summary
from store.models import Job, Member, MicrosoftIdentity, Team, User
from tests.outlook.conftest import sign_in as cli_login
from tests.outlook.standin import StandIn
from tests.outlook.standin.tls import TlsFiles
from web.db import sessions
from web.outlook_access import REFUSED

from .entra import microsoft_sign_in, standin, tls
from .helpers import (
    PASSWORD,
    add_member,
    errors_next_to,
    finish_signup,
    mailed_link,
    member_form,
    post,
    signin,
    signup,
    token_in,
    use_link,
)
from .mailbox import MAILBOX, links_in
from .serving import serving
from .test_api import bearer, example_request, team_token

__all__ = ["standin", "tls"]
EVES = "eve's own password"
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended:UserWarning")


def ana_id(app: Flask, team: int) -> int:
    with sessions(app)() as db:
        return int(db.query(Member).filter_by(team_id=team, key="ana").one().id)


# 1. No e-mail verification --------------------------------------------------------------


def test_1_signing_up_with_a_colleagues_address_reaches_nothing_of_theirs(
        app: Flask, example_team: int) -> None:
    eve = app.test_client()
    sent = post(eve, "/auth/signup", {"name": "Eve", "email": "ana@example.com", "password": EVES,
                                      "confirm": EVES})  # a password, as the old form took one
    assert sent.status_code == 200 and "Check your e-mail" in sent.get_data(as_text=True)
    ana = ana_id(app, example_team)
    for url in (f"/me/{ana}", f"/me/{ana}/data", f"/me/{ana}/week.ics"):
        assert eve.get(url).headers["Location"].startswith("/auth/signin"), url
    assert signin(eve, "ana@example.com", EVES).status_code == 200  # no account was made
    with sessions(app)() as db:
        assert db.query(User).filter_by(email="ana@example.com").count() == 0
    # Ana, who gets the e-mail, may well open it: the account is hers, with her password only.
    ana_browser = app.test_client()
    (link,) = [x for x in links_in(MAILBOX.to("ana@example.com")[-1]) if "/auth/confirm/" in x]
    assert finish_signup(ana_browser, link.removeprefix("http://localhost")).status_code == 302
    assert signin(app.test_client(), "ana@example.com", EVES).status_code == 200
    assert eve.get(f"/me/{ana}").status_code == 302 and ana_browser.get(f"/me/{ana}").status_code == 200


def test_1_an_address_claimed_before_confirmation_existed_reaches_nobody_and_its_owner_takes_it_back(
        app: Flask, example_team: int) -> None:
    with sessions(app)() as db:  # as the old code made it: Eve's password, Ana's address, unproven
        db.add(User(email="ana@example.com", name="Eve", password_hash=generate_password_hash(EVES)))
        db.commit()
    eve = app.test_client()
    assert signin(eve, "ana@example.com", EVES).status_code == 302
    ana = ana_id(app, example_team)
    assert eve.get(f"/me/{ana}/data").status_code == 404
    assert "is not confirmed yet, so no team" in html.unescape(eve.get("/").get_data(as_text=True))
    owner = app.test_client()
    link = mailed_link("ana@example.com", partial(post, owner, "/auth/forgot", {"email": "ana@example.com"}),
                       "/auth/reset/")
    post(owner, link, {"password": PASSWORD, "confirm": PASSWORD})
    assert owner.get(f"/me/{ana}/data").status_code == 200
    assert eve.get("/").status_code == 302  # Eve's session is over
    assert signin(app.test_client(), "ana@example.com", EVES).status_code == 200


def test_1_an_address_confirmation_asked_by_someone_else_cannot_be_completed_by_its_owner(
        app: Flask, example_team: int) -> None:
    eve = app.test_client()
    signup(eve, "eve@example.org", "Eve")
    with sessions(app)() as db:  # Eve's address as unproven, so her account may ask to confirm one
        db.query(User).filter_by(email="eve@example.org").one().email_confirmed_at = None
        db.commit()
    ask = partial(post, eve, "/account/address", {"email": "ana@example.com"})
    link = mailed_link("ana@example.com", ask, "/auth/confirm/")
    ana = app.test_client()  # Ana opens the link she was sent, and presses what she is shown
    assert ana.get(link).headers["Location"].startswith("/auth/signin")
    assert post(ana, link, {"confirmed": "yes"}).headers["Location"].startswith("/auth/signin")
    assert eve.get(f"/me/{ana_id(app, example_team)}").status_code == 404


# 2. Microsoft sign-in trusted the `mail` attribute ----------------------------------------


def test_2_a_microsoft_account_whose_mail_is_the_managers_does_not_become_the_manager(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn, tls: TlsFiles) -> None:
    standin.add_user("mia@example.com", "Eve", upn="eve@example.com")  # Eve set her `mail` to Mia's
    eve = app.test_client()
    assert microsoft_sign_in(eve, standin, tls, "mia@example.com").status_code == 302
    assert "Hello, Eve" in eve.get("/").get_data(as_text=True)
    assert eve.get(f"/teams/{example_team}").status_code == 404
    with sessions(app)() as db:
        mia = db.query(User).filter_by(email="mia@example.com").one()
        assert mia.microsoft == []  # nothing was connected to the password account


def test_2_the_managers_outlook_sign_in_is_not_replaced_by_someone_with_the_same_mail(
        app: Flask, manager: FlaskClient, standin: StandIn, tls: TlsFiles) -> None:
    standin.add_user("mia@example.com", "Mia Manager")
    microsoft_sign_in(manager, standin, tls, "mia@example.com", start="/auth/microsoft?next=/account")
    with sessions(app)() as db:
        (identity,) = db.query(MicrosoftIdentity).all()
        kept = account_token_path(identity.tenant_id, identity.object_id)
    before = kept.read_bytes()
    real = standin.tenant.users["mia@example.com"]
    standin.add_user("mia@example.com", "Eve", upn="eve@example.com")  # another object, same mail
    eve = app.test_client()
    microsoft_sign_in(eve, standin, tls, "mia@example.com")
    assert kept.read_bytes() == before
    with sessions(app)() as db:
        assert {i.object_id for i in db.query(MicrosoftIdentity)} == {real.oid, standin.tenant.users[
            "mia@example.com"].oid}
        assert len({i.user_id for i in db.query(MicrosoftIdentity)}) == 2


def test_2_a_sign_in_from_another_tenant_is_refused_and_keeps_nothing(
        app: Flask, tls: TlsFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        standin: StandIn) -> None:
    attacker = StandIn(tls)  # Eve's own Entra ID tenant, reached through a multi-tenant authority
    try:
        attacker.add_user("mia@example.com", "Eve")
        attacker.tenant.redirect_uris.add("http://localhost/auth/microsoft/done")
        monkeypatch.setenv("RHYTHM_AUTHORITY", f"{attacker.url}/common")
        monkeypatch.setenv("RHYTHM_GRAPH_URL", attacker.url)
        monkeypatch.setenv("RHYTHM_CLIENT_ID", attacker.tenant.client_id)
        app.config["MICROSOFT_CLIENT_ID"] = attacker.tenant.client_id
        eve = app.test_client()
        back = microsoft_sign_in(eve, attacker, tls, "mia@example.com")
        page = html.unescape(eve.get(back.headers["Location"]).get_data(as_text=True))
        assert "belongs to another organisation" in page
        assert eve.get("/").status_code == 302
        with sessions(app)() as db:
            assert db.query(User).count() == 0 and db.query(MicrosoftIdentity).count() == 0
        assert not list((tmp_path / "data").rglob("*.bin"))
    finally:
        attacker.close()


# 3. `outlook:` addresses were read with whoever's token matched ----------------------------


def test_3_a_team_cannot_read_outlook_calendars_of_people_who_did_not_connect_them_to_it(
        app: Flask, manager: FlaskClient, example_team: int, standin: StandIn) -> None:
    standin.add_user("ceo@example.com", "The CEO")
    cli_login(standin, "ceo@example.com", default=True)  # the CEO's sign-in on this machine
    bram = next(m for m in team_members(app, example_team) if m.key == "bram")
    answers = {}
    for address in ("outlook:ceo@example.com", "outlook:nobody@example.com", "outlook:me", "OUTLOOK:Me"):
        page = post(manager, f"/teams/{example_team}/members/{bram.id}",
                    member_form("bram", name="Bram", calendar_address=address))
        assert page.status_code == 200, address  # refused, nothing stored
        answers[address] = errors_next_to(page.get_data(as_text=True), "calendar_address")
    # The same sentence for every address, whoever signed in: it says nothing about the CEO.
    assert answers["outlook:ceo@example.com"] == answers["outlook:nobody@example.com"] == [REFUSED]
    assert all(REFUSED in found for found in answers.values()), answers
    assert not standin.requests(path="calendar")


def test_3_the_api_refuses_outlook_addresses_at_the_door_and_jobs_refuse_them_again(
        app: Flask, standin: StandIn) -> None:
    standin.add_user("ceo@example.com", "The CEO")
    cli_login(standin, "ceo@example.com", default=True)
    client, token = app.test_client(), team_token(app, "platform")
    for ref in ("outlook:ceo@example.com", "outlook:me"):
        request = example_request()
        request["members"][1]["calendars"] = [ref]
        answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
        assert answer.status_code == 400, ref
        assert answer.json["errors"] == [{"path": "members[1].calendars[0]", "message": REFUSED}]
    # A job stored before the door checked (or by a client that went around it) fails too.
    request = example_request()
    request["members"][1]["calendars"] = ["outlook:ceo@example.com"]
    with sessions(app)() as db:
        team = db.query(Team).filter_by(name="platform").one()
        db.add(Job(id="j-old", team_id=team.id, kind="api", status="queued", request_json=json.dumps(request),
                   options={}))
        db.commit()
    from web.solving import run_job

    run_job(app, "j-old")
    job = client.get("/api/v1/jobs/j-old", headers=bearer(token)).json
    assert job["status"] == "failed" and REFUSED in job["errors"][0]["message"]
    assert not standin.requests(path="calendar")


def team_members(app: Flask, team: int) -> list[Member]:
    with sessions(app)() as db:
        return list(db.query(Member).filter_by(team_id=team))


# 4. Sessions survived sign-out --------------------------------------------------------------


def test_4_a_copied_session_cookie_stops_working_at_sign_out_and_at_a_new_password(app: Flask) -> None:
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    thief = app.test_client()
    thief.set_cookie("session", ana.get_cookie("session").value)  # type: ignore[union-attr]
    assert thief.get("/").status_code == 200
    post(ana, "/auth/signout")
    assert thief.get("/").headers["Location"].endswith("/auth/signin")
    signin(ana, "ana@example.com")
    thief.set_cookie("session", ana.get_cookie("session").value)  # type: ignore[union-attr]
    assert thief.get("/").status_code == 200
    post(ana, "/account/password", {"current": PASSWORD, "password": "a new passphrase!", "confirm":
                                    "a new passphrase!"})
    assert thief.get("/").headers["Location"].endswith("/auth/signin")
    assert ana.get("/").status_code == 200


# 5. Anyone could lock anyone out -------------------------------------------------------------


def attempt(client: FlaskClient, password: str, address: str) -> int:
    return post(client, "/auth/signin", {"email": "mia@example.com", "password": password},
                environ_base={"REMOTE_ADDR": address}).status_code


def test_5_wrong_passwords_from_five_addresses_do_not_lock_the_owner_out(
        app: Flask, manager: FlaskClient) -> None:
    for n in range(5):
        assert attempt(app.test_client(), "guess", f"192.0.2.{n}") == 200
    assert attempt(app.test_client(), PASSWORD, "198.51.100.1") == 302


def test_5_past_the_account_limit_the_owner_gets_in_with_an_emailed_link(
        app: Flask, manager: FlaskClient) -> None:
    for n in range(21):  # more than RHYTHM_SIGNIN_LIMITS_ACCOUNT's 20 a minute, each from elsewhere
        attempt(app.test_client(), "guess", f"192.0.2.{n}")
    owner = app.test_client()
    asked = post(owner, "/auth/signin", {"email": "mia@example.com", "password": PASSWORD},
                 environ_base={"REMOTE_ADDR": "198.51.100.1"})
    assert asked.status_code == 200 and "opens only with a link we e-mail" in asked.get_data(as_text=True)
    link = mailed_link("mia@example.com", partial(post, owner, "/auth/link", {"email": "mia@example.com"}),
                       "/auth/link/")
    assert use_link(owner, link).status_code == 302
    assert "Hello, Mia" in owner.get("/").get_data(as_text=True)


# 7. Open redirect ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/%09/evil.test", "/%0d%0aSet-Cookie:x=1", "//evil.test", "/%5Cevil.test",
                                    "https://evil.test/", "/\\/evil.test", "%2F%2Fevil.test"])
def test_7_sign_in_never_sends_anyone_to_another_site(client: FlaskClient, target: str) -> None:
    signup(client, "ana@example.com", "Ana")
    post(client, "/auth/signout")
    answer = post(client, f"/auth/signin?next={target}", {"email": "ana@example.com", "password": PASSWORD})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert "x=1" not in answer.headers.get("Set-Cookie", "")


# 8. Destructive buttons and the organisation pages --------------------------------------------


def test_8_removing_and_erasing_take_a_confirmation_page(app: Flask, manager: FlaskClient,
                                                         example_team: int) -> None:
    add_member(manager, example_team, "zoe")
    zoe = next(m for m in team_members(app, example_team) if m.key == "zoe")
    team_page = manager.get(f"/teams/{example_team}").get_data(as_text=True)
    assert f'href="/teams/{example_team}/members/{zoe.id}/delete"' in team_page  # a link to a page
    one_click = post(manager, f"/teams/{example_team}/members/{zoe.id}/delete")  # as the old button did
    assert one_click.status_code == 200 and "Remove Zoe from platform?" in html.unescape(
        one_click.get_data(as_text=True))
    assert any(m.key == "zoe" for m in team_members(app, example_team))
    confirmed = post(manager, f"/teams/{example_team}/members/{zoe.id}/delete", {"confirmed": "yes"})
    assert confirmed.status_code == 302 and not any(m.key == "zoe" for m in team_members(app, example_team))
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    member = ana_id(app, example_team)
    assert "Erase your calendar data?" in post(ana, f"/me/{member}/data/erase").get_data(as_text=True)
    assert ana.get(f"/me/{member}/data").json["uploaded_calendar"] is not None


def test_8_an_organisation_page_is_only_for_its_planners_and_managers(
        app: Flask, manager: FlaskClient) -> None:
    with open_history(app.config["DATABASE_URL"])() as db, db.begin():
        store_summary(db, "acme", date(2026, 11, 30), {"buildings": [], "affinities": [], "teams": []},
                      viewers=["planner@example.com"])
    assert manager.get("/org/acme").status_code == 404
    assert "acme" not in manager.get("/org").get_data(as_text=True)
    planner = app.test_client()
    signup(planner, "planner@example.com", "Pia")
    assert planner.get("/org/acme").status_code == 200


def test_the_new_forms_need_their_csrf_token_too(manager: FlaskClient) -> None:
    before = len(MAILBOX.to("mia@example.com"))
    for url in ("/auth/forgot", "/auth/link", "/account/address", "/auth/signup"):
        answer = manager.post(url, data={"email": "mia@example.com", "name": "M", "password": PASSWORD,
                                         "confirm": PASSWORD})
        assert answer.status_code == 400, url
    assert len(MAILBOX.to("mia@example.com")) == before


# 6. Behind a proxy everyone shared one address -------------------------------------------------


class Browser:
    """A browser reaching `rhythm serve` through the proxy at 127.0.0.1 (which adds
    X-Forwarded-*), or directly from another address of this machine (`peer`)."""

    def __init__(self, port: int, client_ip: str, peer: str = "127.0.0.1") -> None:
        self.port, self.client_ip, self.peer, self.cookie = port, client_ip, peer, ""

    def send(self, method: str, path: str, body: str | None = None) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(self.peer, 0))
        headers = {"X-Forwarded-For": self.client_ip, "X-Forwarded-Proto": "https",
                   "X-Forwarded-Host": "rhythm.example", "Referer": "https://rhythm.example/auth/signin"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        answer = connection.getresponse()
        text, found = answer.read().decode(), {k.lower(): v for k, v in answer.getheaders()}
        connection.close()
        if "set-cookie" in found:
            self.cookie = found["set-cookie"].split(";", 1)[0]
        return answer.status, found, text

    def sign_in(self, email: str, password: str) -> int:
        _, _, page = self.send("GET", "/auth/signin")
        body = urlencode({"csrf_token": token_in(page), "email": email, "password": password})
        return self.send("POST", "/auth/signin", body)[0]


def test_6_behind_the_proxy_each_client_keeps_its_own_address_and_https_is_seen(tmp_path: Path) -> None:
    env = {"RHYTHM_BEHIND_PROXY": "1", "RHYTHM_SIGNIN_LIMITS_ADDRESS": "3/minute",
           "RHYTHM_SIGNIN_LIMITS_PAIR": "1000/hour", "RHYTHM_SIGNIN_LIMITS_ACCOUNT": "1000/hour"}
    with serving(tmp_path, env) as served:
        guesser, colleague = Browser(served.port, "203.0.113.5"), Browser(served.port, "198.51.100.7")
        status, headers, _ = guesser.send("GET", "/auth/signin")
        assert status == 200 and headers["strict-transport-security"].startswith("max-age=")
        assert "Secure" in headers["set-cookie"]
        for n in range(3):
            assert guesser.sign_in(f"someone{n}@example.com", "guess") == 200
        assert guesser.sign_in("someone@example.com", "guess") == 429
        assert colleague.sign_in("colleague@example.com", "guess") == 200  # not locked by the guesser
        # Someone who reaches the server without the proxy cannot pose as another address or as https.
        direct = Browser(served.port, "198.51.100.8", peer="127.0.0.2")
        status, headers, _ = direct.send("GET", "/auth/signin")
        assert "strict-transport-security" not in headers
        for n in range(3):
            direct.client_ip = f"198.51.100.{20 + n}"
            assert direct.sign_in(f"other{n}@example.com", "guess") == 200
        assert direct.sign_in("other@example.com", "guess") == 429


def test_without_an_smtp_server_rhythm_serve_prints_the_links(tmp_path: Path) -> None:
    with serving(tmp_path, {"RHYTHM_SMTP_HOST": None}) as served:
        assert "No SMTP server is set (RHYTHM_SMTP_HOST)" in served.printed()
        browser = requests.Session()
        page = browser.get(served.url + "/auth/signup", timeout=30).text
        token = token_in(page)
        start = len(served.lines)
        sent = browser.post(served.url + "/auth/signup", timeout=30, data={
            "csrf_token": token, "name": "Ana", "email": "ana@example.com"})
        assert "Check your e-mail" in sent.text
        link = served.wait_for(rf"({re.escape(served.url)}/auth/confirm/\S+)", after=start).group(1)
        page = browser.get(link, timeout=30).text
        token = token_in(page)
        confirmed = browser.post(link, data={"csrf_token": token, "password": PASSWORD, "confirm": PASSWORD},
                                 timeout=30)
        assert "Hello, Ana" in confirmed.text
