"""The attack requests of issue 22, items 9 to 11, kept: what a client of the web app could make
the server read, and whom it could make the server hand a password. Each runs against real
servers on loopback (a scripted HTTP server, Radicale); "localhost" stands for a host a client
controls (the app allows it by name, as an operator would allow an intranet host), 127.0.0.1
for the inside the server must never be led to.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connectors.feeds.addresses import plain, refusal
from store.models import CalDavGrant, Team
from tests.caldav.conftest import Radicale, RadicaleProcess
from web.db import sessions

from .conftest import make_app
from .helpers import add_meeting, add_member, create_team, plan_week, post, signup
from .loopback import Reply, Scripted, scripted_server
from .test_api import bearer, example_request, team_token, wait_for

SECRET_FILE = b"root:x:0:0:internal-secret-1f2e:/root:/bin/bash\n"
ASKS_FOR_A_PASSWORD = Reply(401, b"", {"WWW-Authenticate": 'Basic realm="calendars"'})
BIG = 2 * 1024 * 1024


@pytest.fixture
def client_hosts(tmp_path: Path, migrated_sqlite: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app, with the host a client controls ("localhost") allowed as an intranet host
    would be, a 1 MiB limit, and CalDAV credentials in its environment as an operator sets them."""
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("RHYTHM_CALDAV_USERNAME", "service-account")
    monkeypatch.setenv("RHYTHM_CALDAV_PASSWORD", "service-password-9c41")
    monkeypatch.delenv("RHYTHM_CALDAV_HOSTS", raising=False)
    yield from make_app(tmp_path, migrated_sqlite, ALLOWED_FEED_HOSTS=["localhost"],
                        FEED_MAX_BYTES=1024 * 1024)


def planned_with(app: Flask, address: str, grant: str | None = None) -> dict:
    """A plan job for the example team with member 1's calendar at `address`: the finished job.
    `grant`: a CalDAV collection the operator granted the team (web/caldav_access.py)."""
    client, token = app.test_client(), team_token(app, "platform")
    if grant:
        with sessions(app)() as db:
            db.add(CalDavGrant(team_id=db.query(Team).filter_by(name="platform").one().id, collection=grant))
            db.commit()
    request = example_request()
    request["members"][1]["calendars"] = [address]
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 202, answer.json
    return wait_for(client, answer.headers["Location"], token)


def job_error(job: dict) -> str:
    assert job["status"] == "failed", job
    (error,) = job["errors"]
    assert error["path"] == "members[1].calendars[0]"
    return str(error["message"])


# --- 9. The CalDAV service password goes only to hosts the operator named, never in clear ---

def test_a_caldav_host_a_client_names_never_gets_the_service_password(client_hosts: Flask) -> None:
    with scripted_server({"/ana/work/": ASKS_FOR_A_PASSWORD}) as their_host:
        message = job_error(planned_with(client_hosts, f"caldav:{their_host.url('/ana/work/')}"))
    assert their_host.asked and not any("Authorization" in a.headers for a in their_host.asked)
    assert "rhythm has no account for localhost" in message
    assert "service-password-9c41" not in message and "service-account" not in message


def test_a_named_host_gets_no_password_over_plain_http(client_hosts: Flask,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RHYTHM_CALDAV_HOSTS", "localhost")  # named: over https only
    with scripted_server({"/ana/work/": ASKS_FOR_A_PASSWORD}) as host:
        message = job_error(planned_with(client_hosts, f"caldav:{host.url('/ana/work/')}"))
    assert not any("Authorization" in a.headers for a in host.asked)
    assert "rhythm sends passwords only over https" in message


def test_a_netrc_default_entry_goes_to_no_host(client_hosts: Flask, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("default login anyone password netrc-default-77aa\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("RHYTHM_CALDAV_HOSTS", "http://localhost")  # http allowed: all but a netrc entry
    monkeypatch.delenv("RHYTHM_CALDAV_USERNAME")
    monkeypatch.delenv("RHYTHM_CALDAV_PASSWORD")
    with scripted_server({"/ana/work/": ASKS_FOR_A_PASSWORD}) as host:
        job_error(planned_with(client_hosts, f"caldav:{host.url('/ana/work/')}"))
    assert not any("Authorization" in a.headers for a in host.asked)


@pytest.fixture
def radicale_app(tmp_path: Path, migrated_sqlite: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Flask, Radicale]]:
    """Radicale on loopback with logins, named by the operator as a host that gets the account
    over plain http (RHYTHM_CALDAV_HOSTS=http://127.0.0.1:PORT), and allowed to be fetched."""
    (tmp_path / "radicale").mkdir()
    server = RadicaleProcess(tmp_path / "radicale")
    account = server.start()
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    for name, value in account.login().items():
        monkeypatch.setenv(name, value)
    try:
        for app in make_app(tmp_path, migrated_sqlite, ALLOWED_FEED_HOSTS=["127.0.0.1"]):
            yield app, account
    finally:
        server.stop()


def test_radicale_named_by_the_operator_is_read_with_the_account(
        radicale_app: tuple[Flask, Radicale]) -> None:
    app, radicale = radicale_app
    calendar = radicale.new_calendar()
    calendar.put("dentist.ics", DENTIST_TUESDAY_10_TO_12)
    job = planned_with(app, calendar.address, grant=calendar.url)
    assert job["status"] == "done", job  # Radicale answers 401 to anyone without the account
    bram = job["plan"]["members"][1]["id"]
    over_the_dentist = [m for m in job["plan"]["meetings"] if bram in m["attendees"]
                        and m["start"] < "2026-12-01T12:00" and m["end"] > "2026-12-01T10:00"]
    assert over_the_dentist == []


# --- 10. Every server-side read goes through the guard, and no error echoes the answer ---

DENTIST_TUESDAY_10_TO_12 = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm tests//attacks//EN\r\nBEGIN:VEVENT\r\n"
    "UID:dentist@tests.invalid\r\nDTSTAMP:20261101T080000Z\r\nDTSTART;TZID=Europe/Amsterdam:20261201T100000\r\n"
    "DTEND;TZID=Europe/Amsterdam:20261201T120000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture
def manager_of(client_hosts: Flask) -> FlaskClient:
    client = client_hosts.test_client()
    signup(client, "mia@example.com", "Mia Manager")
    return client


def what_happened_page(app: Flask, manager: FlaskClient, feed: Scripted, path: str) -> str:
    """A team whose member's calendar is the feed at `path`, planned; then the feed turns hostile
    (the test changes its reply) and the manager asks what happened."""
    team = create_team(manager)
    assert add_member(manager, team, "ana", calendar_address=feed.url(path)).status_code == 302
    add_meeting(manager, team, "sync")
    page = plan_week(manager, team).get_data(as_text=True)
    action = re.search(r'action="(/teams/\d+/plans/\d+/actual)"', page)
    assert action, page[:3000]
    feed.replies[path] = feed.replies.pop(f"{path}#later")
    app.config["NOW"] = datetime.fromisoformat("2026-12-07T00:00:00+01:00")
    shown = post(manager, action.group(1), follow_redirects=True).get_data(as_text=True)
    return html.unescape(shown)


CALENDAR = (Path(__file__).resolve().parents[2] / "examples" / "calendars" / "cas.ics").read_bytes()


def test_planned_against_what_happened_follows_no_redirect_inward(client_hosts: Flask,
                                                                  manager_of: FlaskClient) -> None:
    replies = {"/cal.ics": Reply(200, CALENDAR),
               "/cal.ics#later": Reply(302, headers={"Location": "http://127.0.0.1:{port}/internal"}),
               "/internal": Reply(200, SECRET_FILE)}
    with scripted_server(replies) as feed:
        page = what_happened_page(client_hosts, manager_of, feed, "/cal.ics")
    assert "/internal" not in feed.paths()
    assert "The calendars could not be read" in page and "127.0.0.1 is a loopback address" in page
    assert "internal-secret-1f2e" not in page


def test_planned_against_what_happened_stops_at_the_size_limit(client_hosts: Flask,
                                                               manager_of: FlaskClient) -> None:
    replies = {"/cal.ics": Reply(200, CALENDAR), "/cal.ics#later": Reply(200, b"X" * BIG)}
    with scripted_server(replies) as feed:
        page = what_happened_page(client_hosts, manager_of, feed, "/cal.ics")
    assert "the answer is larger than 1024 KiB" in page


def test_a_caldav_redirect_inward_is_not_followed(client_hosts: Flask) -> None:
    replies = {"/ana/work/": Reply(301, headers={"Location": "http://127.0.0.1:{port}/internal/"}),
               "/internal/": Reply(207, SECRET_FILE)}
    with scripted_server(replies) as host:
        message = job_error(planned_with(client_hosts, f"caldav:{host.url('/ana/work/')}"))
    assert "/internal/" not in host.paths()
    assert "HTTP 301 Moved Permanently, a redirect, which rhythm does not follow" in message


@pytest.mark.parametrize("address, reply", [
    ("caldav:{url}", Reply(500, SECRET_FILE, reason="internal-secret-1f2e")),
    ("caldav:{url}", Reply(207, SECRET_FILE, {"Content-Type": "application/xml"})),
    ("{url}", Reply(404, SECRET_FILE, reason="internal-secret-1f2e")),
    ("{url}", Reply(200, b"BEGIN:VCALENDAR\r\ninternal-secret-1f2e root:x\r\nEND:VCALENDAR\r\n")),
    ("{url}", Reply(200, SECRET_FILE)),
])
def test_no_error_repeats_what_the_server_answered(client_hosts: Flask, address: str, reply: Reply) -> None:
    with scripted_server({"/ana/work/": reply}) as host:
        job = planned_with(client_hosts, address.format(url=host.url("/ana/work/")))
    job_error(job)
    assert "internal-secret-1f2e" not in json.dumps(job) and "root:x" not in json.dumps(job)


def test_a_caldav_answer_cannot_make_the_server_read_its_own_files(client_hosts: Flask,
                                                                   tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET_FILE)
    entity = f'<!DOCTYPE d:multistatus [<!ENTITY e SYSTEM "file://{secret}">]>'.encode()
    multistatus = (b'<?xml version="1.0"?>' + entity + b'<d:multistatus xmlns:d="DAV:" '
                   b'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/ana/work/</d:href>'
                   b'<d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>'
                   b'<d:displayname>&e;</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status>'
                   b'</d:propstat></d:response></d:multistatus>')
    reply = Reply(207, multistatus, {"Content-Type": "application/xml"})
    with scripted_server({"/ana/work/": reply}) as host:
        job = planned_with(client_hosts, f"caldav:{host.url('/ana/work/')}")
    assert "internal-secret-1f2e" not in json.dumps(job)


# --- 11. Special address ranges are refused at the door ---

@pytest.mark.parametrize("host, kind", [
    ("[::127.0.0.1]", "a loopback address (127.0.0.1, inside ::7f00:1)"),
    ("[::a9fe:a9fe]", "a link-local address (169.254.169.254, inside ::a9fe:a9fe)"),
    ("[64:ff9b::a9fe:a9fe]", "a link-local address (169.254.169.254, inside 64:ff9b::a9fe:a9fe)"),
    ("[64:ff9b::a00:1]", "a private address (10.0.0.1, inside 64:ff9b::a00:1)"),
    ("[2002:a9fe:a9fe::]", "a link-local address (169.254.169.254, inside 2002:a9fe:a9fe::)"),
    ("[::ffff:0:a9fe:a9fe]", "a link-local address (169.254.169.254, inside ::ffff:0:a9fe:a9fe)"),
    ("192.0.0.192", "an IETF protocol address (192.0.0.192)"),
])
@pytest.mark.parametrize("scheme", ["http://", "caldav:http://"])
def test_special_address_ranges_are_refused_naming_the_calendar(app: Flask, host: str, kind: str,
                                                                scheme: str) -> None:
    client, token = app.test_client(), team_token(app, "platform")
    request = example_request()
    request["members"][1]["calendars"] = [f"{scheme}{host}/cal/"]
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 400, answer.json
    (error,) = answer.json["errors"]
    assert error["path"] == "members[1].calendars[0]"
    assert error["message"].startswith(f"{host.strip('[]')} is {kind}; the server reads calendars only")


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_and_their_translations_stay_allowed(address: str) -> None:
    assert refusal(plain(address)) is None


def test_the_member_form_refuses_an_address_inside_a_translation(client: FlaskClient) -> None:
    signup(client, "manager@example.com")
    team = create_team(client)
    page = add_member(client, team, "ana", calendar_address="http://[64:ff9b::7f00:1]/cal.ics")
    assert "127.0.0.1, inside 64:ff9b::7f00:1" in html.unescape(page.get_data(as_text=True))
