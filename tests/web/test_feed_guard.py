"""Calendar addresses a client sends are fetched by the server: never from loopback,
link-local or private addresses, nor redirected there, within size and redirect limits;
an administrator may allow named internal hosts. Against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask

from connectors import ReadingContext
from connectors.feeds.guarded import FeedPolicy, fetch_guarded
from connectors.sources import read_calendar_ref
from scheduler.errors import CalendarError

from .conftest import make_app
from .helpers import add_member, create_team, errors_next_to, signup
from .test_api import bearer, example_request, team_token, wait_for

WEEK_OF_EXAMPLES = ReadingContext(date(2026, 11, 30), "Europe/Amsterdam")
CAS = (Path(__file__).resolve().parents[2] / "examples" / "calendars" / "cas.ics").read_bytes()


@contextmanager
def feed_server(calendar: bytes = CAS) -> Iterator[tuple[int, list[str]]]:
    """/cal.ics is `calendar`, /big.ics is 2 MiB, /to/PATH redirects to PATH on 127.0.0.1,
    /loop redirects to itself. Yields the port and the paths asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            port = self.server.server_address[1]
            if self.path.startswith("/to/"):
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{port}/{self.path[4:]}")
                self.end_headers()
                return
            if self.path == "/loop":
                self.send_response(301)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            body = {"/cal.ics": calendar, "/big.ics": b"X" * (2 * 1024 * 1024)}.get(self.path, b"secret")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1], asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def allowing_localhost(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Flask]:
    yield from make_app(tmp_path, migrated_sqlite, ALLOWED_FEED_HOSTS=["localhost"])


def with_calendar(address: str) -> dict:
    request = example_request()
    request["members"][1]["calendars"] = [address]
    return request


@pytest.mark.parametrize("address, kind", [
    ("http://127.0.0.1:{port}/api/v1/openapi.json", "127.0.0.1 is a loopback address (127.0.0.1)"),
    ("http://localhost:{port}/cal.ics", "localhost is a loopback address"),
    ("webcal://[::1]:{port}/cal.ics", "::1 is a loopback address (::1)"),
    ("http://10.20.30.40/cal.ics", "10.20.30.40 is a private address (10.20.30.40)"),
    ("https://192.168.1.1/cal.ics", "192.168.1.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("caldav:http://127.0.0.1:{port}/ana/work/", "127.0.0.1 is a loopback address"),
])
def test_inner_addresses_are_refused_naming_the_calendar(app: Flask, address: str, kind: str) -> None:
    client, token = app.test_client(), team_token(app, "platform")
    with feed_server() as (port, asked):
        answer = client.post("/api/v1/plans", json=with_calendar(address.format(port=port)),
                             headers=bearer(token))
    assert answer.status_code == 400
    (error,) = answer.json["errors"]
    assert error["path"] == "members[1].calendars[0]"
    assert error["message"].startswith(kind) and "RHYTHM_ALLOWED_FEED_HOSTS" in error["message"]
    assert asked == []  # the server never connected


def test_an_allowed_named_host_is_fetched(allowing_localhost: Flask) -> None:
    client, token = allowing_localhost.test_client(), team_token(allowing_localhost, "platform")
    with feed_server() as (port, asked):
        answer = client.post("/api/v1/plans", json=with_calendar(f"http://localhost:{port}/cal.ics"),
                             headers=bearer(token))
        assert answer.status_code == 202, answer.json
        job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "done", job
    assert asked == ["/cal.ics"]


def test_a_redirect_to_loopback_is_refused_naming_the_calendar(allowing_localhost: Flask) -> None:
    client, token = allowing_localhost.test_client(), team_token(allowing_localhost, "platform")
    with feed_server() as (port, asked):
        answer = client.post("/api/v1/plans", json=with_calendar(f"http://localhost:{port}/to/secret"),
                             headers=bearer(token))
        job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "failed"
    (error,) = job["errors"]
    assert error["path"] == "members[1].calendars[0]"
    assert "127.0.0.1 is a loopback address" in error["message"]
    assert asked == ["/to/secret"]  # the redirect was not followed


def test_size_and_redirects_are_bounded() -> None:
    policy = FeedPolicy(allowed_hosts=frozenset({"localhost"}), max_bytes=1024 * 1024, max_redirects=3)
    with feed_server() as (port, asked):
        with pytest.raises(CalendarError, match="the answer is larger than 1024 KiB"):
            fetch_guarded(f"http://localhost:{port}/big.ics", policy)
        with pytest.raises(CalendarError, match="the feed redirected more than 3 times"):
            fetch_guarded(f"http://localhost:{port}/loop", policy)
        assert fetch_guarded(f"http://localhost:{port}/cal.ics", policy) == CAS
    assert asked.count("/loop") == 4


def test_the_command_line_reads_the_users_own_local_feeds() -> None:
    with feed_server() as (port, _):
        facts = read_calendar_ref(f"http://127.0.0.1:{port}/cal.ics", WEEK_OF_EXAMPLES)
    assert facts.busy


def test_the_member_form_refuses_an_inner_address(app: Flask) -> None:
    client = app.test_client()
    signup(client, "manager@example.com")
    team = create_team(client)
    page = add_member(client, team, "ana", calendar_address="http://127.0.0.1:9/cal.ics")
    assert page.status_code == 200
    (message,) = errors_next_to(page.get_data(as_text=True), "calendar_address")
    assert message.startswith("127.0.0.1 is a loopback address")
