"""The account flows a person knows, through real e-mail (an SMTP server on loopback): sign-up
confirmed by a link, a forgotten password, a sign-in link, a changed password, an address
confirmed later. Every link works once, expires, and is stored only as a digest."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from store.models import Member, OneTimeLink, User, utcnow
from web.db import sessions
from web.secret_tokens import digest

from .helpers import (
    PASSWORD,
    errors_next_to,
    finish_signup,
    mailed_link,
    post,
    signin,
    signup,
    start_signup,
    use_link,
)
from .mailbox import MAILBOX, text_of

NEW_PASSWORD = "a much better passphrase"


def forgot(client: FlaskClient, email: str) -> str:
    return mailed_link(email, partial(post, client, "/auth/forgot", {"email": email}), "/auth/reset/")


def test_a_sign_up_link_works_once_and_is_kept_only_as_a_digest(app: Flask, client: FlaskClient) -> None:
    link = mailed_link("ana@example.com", partial(start_signup, client, "ana@example.com", "Ana"))
    secret = link.rsplit("/", 1)[1]
    with sessions(app)() as db:
        stored = db.query(OneTimeLink).one()
        assert stored.digest == digest(secret) and secret not in str(vars(stored))
    assert finish_signup(client, link).status_code == 302
    again = app.test_client()
    assert again.get(link).status_code == 404
    assert "This link no longer works" in post(again, link).get_data(as_text=True)
    assert again.get("/").status_code == 302  # not signed in by a used link


def test_an_expired_sign_up_link_makes_no_account(app: Flask, client: FlaskClient) -> None:
    link = mailed_link("ana@example.com", partial(start_signup, client, "ana@example.com", "Ana"))
    with sessions(app)() as db:
        db.query(OneTimeLink).one().expires_at = utcnow() - timedelta(seconds=1)
        db.commit()
    assert post(client, link).status_code == 404
    with sessions(app)() as db:
        assert db.query(User).count() == 0


def test_a_second_sign_up_replaces_the_first_link(client: FlaskClient) -> None:
    first = mailed_link("ana@example.com", partial(start_signup, client, "ana@example.com", "Ana"))
    second = mailed_link("ana@example.com", partial(start_signup, client, "ana@example.com", "Ana B"))
    assert client.get(first).status_code == 404
    finish_signup(client, second)
    assert "Hello, Ana B" in client.get("/").get_data(as_text=True)


def test_a_forgotten_password_is_reset_by_link_and_every_session_ends(app: Flask) -> None:
    phone, laptop = app.test_client(), app.test_client()
    signup(phone, "ana@example.com", "Ana")
    signin(laptop, "ana@example.com")
    link = forgot(laptop, "ana@example.com")
    page = use_link(laptop, link, {"password": "short", "confirm": "short"}).get_data(as_text=True)
    assert errors_next_to(page, "password") == ["Use at least 10 characters."]
    done = post(laptop, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and "Hello, Ana" in laptop.get("/").get_data(as_text=True)
    assert phone.get("/").status_code == 302  # the other session is over
    assert laptop.get(link).status_code == 404  # the link worked once
    other = app.test_client()
    assert "do not match" in signin(other, "ana@example.com").get_data(as_text=True)
    assert signin(other, "ana@example.com", NEW_PASSWORD).status_code == 302


def test_forgot_password_answers_the_same_for_an_unknown_address(client: FlaskClient) -> None:
    signup(client, "ana@example.com", "Ana")
    post(client, "/auth/signout")
    known = post(client, "/auth/forgot", {"email": "ana@example.com"}).get_data(as_text=True)
    unknown = post(client, "/auth/forgot", {"email": "nobody@example.com"}).get_data(as_text=True)
    assert known.replace("ana@example.com", "X") == unknown.replace("nobody@example.com", "X")
    mail = MAILBOX.to("nobody@example.com")[-1]
    assert mail["Subject"] == "rhythm: no account uses this address"
    assert "/auth/reset/" not in text_of(mail)


def test_a_sign_in_link_signs_in_once(app: Flask, client: FlaskClient) -> None:
    signup(app.test_client(), "ana@example.com", "Ana")
    link = mailed_link("ana@example.com", partial(post, client, "/auth/link", {"email": "ana@example.com"}),
                       "/auth/link/")
    assert "Sign in to rhythm as ana@example.com." in client.get(link).get_data(as_text=True)
    assert client.get("/").status_code == 302  # opening the link (a mail scanner) signs nobody in
    assert post(client, link).status_code == 200  # a bare POST only shows the page again
    assert client.get("/").status_code == 302
    assert post(client, link, {"confirmed": "yes"}).headers["Location"] == "/"  # the page's button
    assert "Hello, Ana" in client.get("/").get_data(as_text=True)
    assert app.test_client().get(link).status_code == 404


def test_changing_the_password_signs_out_every_other_session(app: Flask) -> None:
    here, elsewhere = app.test_client(), app.test_client()
    signup(here, "ana@example.com", "Ana")
    signin(elsewhere, "ana@example.com")
    wrong = post(here, "/account/password", {"current": "not it at all", "password": NEW_PASSWORD,
                                             "confirm": NEW_PASSWORD}).get_data(as_text=True)
    assert errors_next_to(wrong, "current") == ["That is not your current password."]
    assert elsewhere.get("/").status_code == 200
    changed = post(here, "/account/password", {"current": PASSWORD, "password": NEW_PASSWORD,
                                               "confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert here.get("/").status_code == 200  # this session goes on
    assert elsewhere.get("/").status_code == 302  # the other one is over
    assert signin(app.test_client(), "ana@example.com", NEW_PASSWORD).status_code == 302


def test_links_in_emails_use_the_configured_address_never_the_host_header(client: FlaskClient) -> None:
    signup(client, "ana@example.com", "Ana")
    before = len(MAILBOX.to("ana@example.com"))
    # The attacker asks for the victim's reset from a browser that sends `Host: evil.test`.
    asked = post(client, "/auth/forgot", {"email": "ana@example.com"}, base_url="http://evil.test",
                 headers={"X-Forwarded-Host": "evil.test"})
    assert asked.status_code == 200
    mail = MAILBOX.wait_for("ana@example.com", before)
    assert "evil.test" not in text_of(mail) and "http://localhost/auth/reset/" in text_of(mail)


def test_one_address_gets_a_few_emails_and_then_no_more_for_a_while(client: FlaskClient) -> None:
    for _ in range(5):
        post(client, "/auth/forgot", {"email": "victim@example.com"})
    assert len(MAILBOX.to("victim@example.com")) == 3  # RHYTHM_MAIL_LIMITS: 3 per 15 minutes


def test_when_the_mail_server_is_down_the_person_is_told_and_nothing_is_kept(app: Flask,
                                                                          client: FlaskClient) -> None:
    from notify.mail import MailSettings

    app.config["MAIL"] = MailSettings(host="127.0.0.1", port=9, starttls=False)  # nothing listens
    page = start_signup(client, "ana@example.com", "Ana").get_data(as_text=True)
    assert "The e-mail could not be sent just now" in page
    with sessions(app)() as db:
        assert db.query(OneTimeLink).count() == 0


def test_an_account_confirms_an_address_in_its_own_session_only(app: Flask, example_team: int) -> None:
    with sessions(app)() as db:  # an account from before addresses were confirmed
        db.add(User(email="ana@example.com", name="Ana", password_hash=generate_password_hash(PASSWORD)))
        db.commit()
    ana = app.test_client()
    signin(ana, "ana@example.com")
    assert "is not confirmed yet" in ana.get("/").get_data(as_text=True)
    ask = partial(post, ana, "/account/address", {"email": "ana@example.com"})
    link = mailed_link("ana@example.com", ask, "/auth/confirm/")
    elsewhere = app.test_client()  # the link opened in a browser not signed in to that account
    assert elsewhere.get(link).headers["Location"].startswith("/auth/signin?next=/auth/confirm/")
    assert use_link(ana, link).status_code == 302
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one().id
        assert db.query(User).filter_by(email="ana@example.com").one().email_confirmed_at is not None
    assert ana.get(f"/me/{member}").status_code == 200
