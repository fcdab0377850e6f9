"""Local accounts: sign up, sign in, sign out; the messages a person sees when it goes wrong."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from store.models import User
from web.db import sessions

from .helpers import PASSWORD, errors_next_to, post, signin, signup


def test_sign_up_signs_in_and_stores_only_a_password_hash(app: Flask, client: FlaskClient) -> None:
    response = signup(client, "Ana@Example.com", "Ana")
    assert response.status_code == 302
    assert "Hello, Ana" in client.get("/").get_data(as_text=True)
    with sessions(app)() as db:
        user = db.query(User).one()
    assert user.email == "ana@example.com"
    assert user.password_hash and PASSWORD not in user.password_hash


def test_sign_in_with_a_wrong_password_says_so_next_to_the_field(client: FlaskClient) -> None:
    signup(client, "ana@example.com")
    post(client, "/auth/signout")
    page = signin(client, "ana@example.com", "wrong password").get_data(as_text=True)
    assert errors_next_to(page, "password") == ["That email and password do not match an account."]
    assert signin(client, "ana@example.com").status_code == 302
    assert "Hello" in client.get("/").get_data(as_text=True)


def test_sign_up_errors_appear_next_to_their_fields(client: FlaskClient) -> None:
    page = post(client, "/auth/signup", {"name": "", "email": "not-an-email", "password": "short",
                                         "confirm": "other"}).get_data(as_text=True)
    assert errors_next_to(page, "name") == ["This field is required."]
    assert errors_next_to(page, "email") == ["Enter an email address like ana@example.com."]
    assert errors_next_to(page, "password") == ["Use at least 10 characters."]
    assert errors_next_to(page, "confirm") == ["The passwords differ."]


def test_an_email_signs_up_once(client: FlaskClient) -> None:
    signup(client, "ana@example.com")
    post(client, "/auth/signout")
    page = signup(client, "ANA@example.com").get_data(as_text=True)
    assert errors_next_to(page, "email") == ["An account with this email exists; sign in instead."]


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
    assert "Sign in with Microsoft" in client.get("/auth/signin").get_data(as_text=True)
