"""CSRF on every form and the security headers on every answer."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from .helpers import PASSWORD


def test_headers_are_set_on_pages(client: FlaskClient) -> None:
    headers = client.get("/auth/signin").headers
    assert "script-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain http: HSTS would mean nothing


def test_hsts_behind_https(client: FlaskClient) -> None:
    headers = client.get("/auth/signin", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_forms_work_over_https_with_the_referer_browsers_send(client: FlaskClient) -> None:
    https = {"base_url": "https://localhost", "headers": {"Referer": "https://localhost/auth/signup"}}
    page = client.get("/auth/signup", **https).get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    answer = client.post("/auth/signup", data={"csrf_token": token, "name": "A", "email": "a@example.com"},
                         **https)
    assert answer.status_code == 200 and "Check your e-mail" in answer.get_data(as_text=True)


def test_pages_have_no_inline_script_or_style(manager: FlaskClient, example_team: int) -> None:
    for url in ("/", f"/teams/{example_team}", f"/teams/{example_team}/rules", "/auth/signup"):
        page = manager.get(url).get_data(as_text=True)
        assert "<script" not in page and "style=" not in page, url


@pytest.mark.parametrize("url, data", [
    ("/auth/signup", {"name": "A", "email": "a@example.com"}),
    ("/auth/signin", {"email": "a@example.com", "password": PASSWORD}),
    ("/teams/new", {"name": "x", "timezone": "Europe/Amsterdam"}),
])
def test_a_form_without_its_csrf_token_is_refused(manager: FlaskClient, url: str,
                                                 data: dict[str, str]) -> None:
    response = manager.post(url, data=data)
    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)


def test_sign_out_needs_the_csrf_token(manager: FlaskClient) -> None:
    assert manager.post("/auth/signout").status_code == 400
    assert manager.get("/").status_code == 200  # still signed in
