"""What a person does in the browser, for the Flask test client: sign up, fill forms (with
the CSRF token the page carries), plan a week and wait for it."""

from __future__ import annotations

import html
import re
import time
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .mailbox import MAILBOX, links_in

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf(client: FlaskClient, **kwargs: Any) -> str:
    """The CSRF token of the client's session, read from a page as a browser would."""
    return token_in(client.get("/auth/signin", **kwargs).get_data(as_text=True))


def token_in(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = _TOKEN.search(page)
    assert found, "no CSRF token on the page"
    return found.group(1) or found.group(2)


def post(client: FlaskClient, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> TestResponse:
    site = {"base_url": kwargs["base_url"]} if "base_url" in kwargs else {}
    return client.post(url, data={"csrf_token": csrf(client, **site), **(data or {})}, **kwargs)


def signup(client: FlaskClient, email: str, name: str = "Someone") -> TestResponse:
    """Sign up as a person does: the form, then the link in the e-mail, where the password is
    chosen. Returns the answer to that page (302 to the start page, signed in)."""
    return finish_signup(client, mailed_link(email, lambda: start_signup(client, email, name)))


def start_signup(client: FlaskClient, email: str, name: str = "Someone") -> TestResponse:
    return post(client, "/auth/signup", {"name": name, "email": email})


def finish_signup(client: FlaskClient, link: str, password: str = PASSWORD) -> TestResponse:
    return use_link(client, link, {"password": password, "confirm": password})


def mailed_link(email: str, action: Any, contains: str = "/") -> str:
    """Do `action`, then the path of the link in the e-mail it sent to `email`."""
    before = len(MAILBOX.to(email))
    answer = action()
    assert answer.status_code in (200, 302), answer.get_data(as_text=True)[:2000]
    mail = MAILBOX.wait_for(email, before)
    found = [link for link in links_in(mail) if contains in link]
    assert found, f"no link with {contains} in: {mail}"
    return found[0].removeprefix("http://localhost")


def use_link(client: FlaskClient, path: str, data: dict[str, Any] | None = None) -> TestResponse:
    """Open a link from an e-mail (its page) and press the page's button."""
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    return post(client, path, {"confirmed": "yes", **(data or {})})


def signin(client: FlaskClient, email: str, password: str = PASSWORD) -> TestResponse:
    return post(client, "/auth/signin", {"email": email, "password": password})


def created_id(response: TestResponse) -> int:
    """The number at the end of the address a form redirected to."""
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/(\d+)$", response.headers["Location"]).group(1))  # type: ignore[union-attr]


def text(response: Any) -> str:
    """A page as a reader sees its text: entities such as &#39; read as the characters."""
    return html.unescape(response.get_data(as_text=True))


def create_team(client: FlaskClient, name: str = "platform", timezone: str = "Europe/Amsterdam") -> int:
    post(client, "/teams/new", {"name": name, "timezone": timezone})
    page = client.get("/").get_data(as_text=True)
    ids = re.findall(rf'href="/teams/(\d+)">{re.escape(name)}<', page)
    assert ids, page
    return int(ids[-1])


def member_form(key: str, /, **fields: Any) -> dict[str, Any]:
    return {"key": key, "name": key.capitalize(), "email": f"{key}@example.com", "work_start": "09:00",
            "work_end": "17:00", **fields}


def add_member(client: FlaskClient, team: int, key: str, /, **fields: Any) -> TestResponse:
    return post(client, f"/teams/{team}/members/new", member_form(key, **fields))


def meeting_form(key: str, /, **fields: Any) -> dict[str, Any]:
    return {"key": key, "title": key.capitalize(), "minutes": "25", "everyone": "y", "per_week": "1",
            "where": "any", **fields}


def add_meeting(client: FlaskClient, team: int, key: str, /, **fields: Any) -> TestResponse:
    return post(client, f"/teams/{team}/meetings/new", meeting_form(key, **fields))


def plan_week(client: FlaskClient, team: int, week: str = "2026-11-30") -> TestResponse:
    """Plan and wait, following the self-refreshing job page; returns the plan page. A week
    that has ended is confirmed, as the manager does with the form's box."""
    started = post(client, f"/teams/{team}/plans", {"week": week, "past": "y"})
    assert started.status_code == 302, started.get_data(as_text=True)
    return follow_job(client, started.headers["Location"])


# The job's progress page reloads itself while the job is queued or running (plans/job.html).
REFRESHES = re.compile(r'<meta http-equiv="refresh"')


def follow_job(client: FlaskClient, url: str, timeout: float = 240) -> TestResponse:
    """Reload the job's page as a browser does while the page asks for it (its refresh tag,
    in every language), up to a bound generous for a busy machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = client.get(url)
        if page.status_code == 302:
            return client.get(page.headers["Location"])
        if not REFRESHES.search(page.get_data(as_text=True)):
            return page  # the plan itself (a fast job), or why it failed
        time.sleep(0.1)
    raise AssertionError(f"the plan at {url} did not finish within {timeout} s")


def errors_next_to(page: str, field: str) -> list[str]:
    """The error messages shown right under a form field (the id the field's error carries)."""
    found = re.findall(rf'<p class="error" id="{re.escape(field)}-error">([^<]*)</p>', page)
    return [html.unescape(message) for message in found]
