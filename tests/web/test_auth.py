"""Local accounts: sign up, sign in, sign out; the messages a person sees when it goes wrong."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from store.models import User
from web.db import sessions

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
from .mailbox import MAILBOX


def test_sign_up_makes_the_account_once_the_emailed_link_is_used(app: Flask, client: FlaskClient) -> None:
    link = mailed_link("ana@example.com", lambda: start_signup(client, "Ana@Example.com", "Ana"))
    with sessions(app)() as db:
        assert db.query(User).count() == 0  # nothing but the link exists before it is used
    assert client.get("/").headers["Location"].endswith("/auth/signin")
    assert finish_signup(client, link).status_code == 302
    assert "Hello, Ana" in client.get("/").get_data(as_text=True)
    with sessions(app)() as db:
        user = db.query(User).one()
    assert user.email == "ana@example.com" and user.email_confirmed_at is not None
    assert user.password_hash and PASSWORD not in user.password_hash


def test_sign_in_with_a_wrong_password_says_so_next_to_the_field(client: FlaskClient) -> None:
    signup(client, "ana@example.com")
    post(client, "/auth/signout")
    page = signin(client, "ana@example.com", "wrong password").get_data(as_text=True)
    assert errors_next_to(page, "password") == ["That email and password do not match an account."]
    assert signin(client, "ana@example.com").status_code == 302
    assert "Hello" in client.get("/").get_data(as_text=True)


def test_sign_up_errors_appear_next_to_their_fields(client: FlaskClient) -> None:
    page = post(client, "/auth/signup", {"name": "", "email": "not-an-email"}).get_data(as_text=True)
    assert errors_next_to(page, "name") == ["This field is required."]
    assert errors_next_to(page, "email") == ["Enter an email address like ana@example.com."]
    link = mailed_link("ana@example.com", lambda: start_signup(client, "ana@example.com", "Ana"))
    page = use_link(client, link, {"password": "short", "confirm": "other"}).get_data(as_text=True)
    assert errors_next_to(page, "password") == ["Use at least 10 characters."]
    assert errors_next_to(page, "confirm") == ["The passwords differ."]
    assert client.get("/").status_code == 302  # no account yet: the link still waits


def test_an_email_signs_up_once_and_the_page_tells_nobody_it_has_an_account(
        app: Flask, client: FlaskClient) -> None:
    signup(client, "ana@example.com")
    post(client, "/auth/signout")
    fresh = start_signup(client, "bram@example.com").get_data(as_text=True)
    again = start_signup(client, "ANA@example.com").get_data(as_text=True)
    assert again.replace("ana@example.com", "X") == fresh.replace("bram@example.com", "X")
    mail = MAILBOX.to("ana@example.com")[-1]  # the e-mail says it, to the address's owner only
    assert mail["Subject"] == "You already have a rhythm account"
    with sessions(app)() as db:
        assert db.query(User).filter_by(email="ana@example.com").count() == 1


def test_sign_out_ends_the_session(manager: FlaskClient) -> None:
    post(manager, "/auth/signout")
    assert manager.get("/").headers["Location"].endswith("/auth/signin")


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client: FlaskClient) -> None:
    signup(client, "ana@example.com")
    post(client, "/auth/signout")
    back = post(client, "/auth/signin?next=/teams/new", {"email": "ana@example.com", "password": PASSWORD})
    assert back.headers["Location"] == "/teams/new"
    post(client, "/auth/signout")
    away = post(client, "/auth/signin?next=//evil.example/x", {"email": "ana@example.com",
                                                               "password": PASSWORD})
    assert away.headers["Location"] == "/"


def test_microsoft_button_only_when_configured(client: FlaskClient, app: Flask) -> None:
    assert "Sign in with Microsoft" not in client.get("/auth/signin").get_data(as_text=True)
    app.config["MICROSOFT_CLIENT_ID"] = "00000000-0000-0000-0000-000000000000"
    # Without the one tenant whose people may sign in, there is no Microsoft sign-in at all.
    assert "Sign in with Microsoft" not in client.get("/auth/signin").get_data(as_text=True)
    app.config["MICROSOFT_TENANT_ID"] = "11111111-1111-1111-1111-111111111111"
    assert "Sign in with Microsoft" in client.get("/auth/signin").get_data(as_text=True)
