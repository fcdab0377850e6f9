"""A real Radicale server for the CalDAV tests, started by the tests themselves.

One server per test process (pytest-xdist workers each start their own), on 127.0.0.1 and
a free port, with htpasswd logins so that credentials are really checked; each test gets
a fresh calendar collection of its own. The password is made up at start, never stored.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
import requests

DAV = "{DAV:}"
START_SECONDS = 30.0


@dataclass(frozen=True)
class Radicale:
    url: str  # http://127.0.0.1:PORT/
    username: str
    password: str

    def login(self) -> dict[str, str]:
        """The environment that gives rhythm this server's account: named as a host that gets
        it, over plain http (the test server on loopback speaks no TLS)."""
        return {"RHYTHM_CALDAV_USERNAME": self.username, "RHYTHM_CALDAV_PASSWORD": self.password,
                "RHYTHM_CALDAV_HOSTS": self.plain_http_host}

    @property
    def plain_http_host(self) -> str:
        """`http://127.0.0.1:PORT`, as RHYTHM_CALDAV_HOSTS allows this very server over http."""
        return self.url.rstrip("/")

    def new_calendar(self, owner: str = "ana") -> Collection:
        """A new, empty calendar collection /<owner>/<random>/ (its owner folder made if need be)."""
        auth = (self.username, self.password)
        requests.request("MKCOL", urljoin(self.url, f"{owner}/"), auth=auth, timeout=10)
        url = urljoin(self.url, f"{owner}/{uuid.uuid4().hex[:10]}/")
        made = requests.request("MKCALENDAR", url, auth=auth, timeout=10)
        assert made.status_code == 201, made.text
        return Collection(url, auth)


@dataclass(frozen=True)
class Collection:
    """A calendar on the server, seen the way any CalDAV client sees it (not through rhythm)."""

    url: str
    auth: tuple[str, str]

    @property
    def address(self) -> str:
        return f"caldav:{self.url}"

    def put(self, name: str, ics: str) -> None:
        done = requests.put(urljoin(self.url, name), data=ics.encode(), auth=self.auth, timeout=10,
                            headers={"Content-Type": "text/calendar; charset=utf-8"})
        assert done.status_code in (201, 204), done.text

    def upload(self, ics: str) -> None:
        """An .ics file's events, one resource per UID as CalDAV wants (time zones in each)."""
        source = icalendar.Calendar.from_ical(ics)
        zones = source.walk("VTIMEZONE")
        by_uid: dict[str, list[icalendar.Event]] = {}
        for event in source.walk("VEVENT"):
            by_uid.setdefault(str(event["UID"]), []).append(event)
        for number, events in enumerate(by_uid.values()):
            one = icalendar.Calendar()
            one.add("VERSION", "2.0")
            one.add("PRODID", "-//rhythm tests//CalDAV//EN")
            for component in (*zones, *events):
                one.add_component(component)
            self.put(f"event-{number}.ics", one.to_ical().decode())

    def resources(self) -> dict[str, str]:
        """Every event resource in the collection: name -> iCalendar text."""
        listing = requests.request("PROPFIND", self.url, auth=self.auth, timeout=10,
                                   headers={"Depth": "1"})
        assert listing.status_code == 207, listing.text
        answers = ElementTree.fromstring(listing.content).iter(f"{DAV}response")
        hrefs = [answer.findtext(f"{DAV}href") or "" for answer in answers]
        found = {}
        for href in hrefs:
            url = urljoin(self.url, href)
            if url.rstrip("/") != self.url.rstrip("/"):
                found[url.rpartition("/")[2]] = requests.get(url, auth=self.auth, timeout=10).text
        return found

    def events(self) -> list[icalendar.Event]:
        """Every VEVENT in the collection, sorted by start then title."""
        events = [e for text in self.resources().values()
                  for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
        return sorted(events, key=lambda e: (str(e.decoded("DTSTART")), str(e.get("SUMMARY"))))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        requests.request("OPTIONS", url, timeout=1)
    except requests.ConnectionError:
        return False
    return True


class RadicaleProcess:
    """Radicale as a subprocess over a folder of its own; stopped and started again on the
    same port and storage, a test can cut a sync off the way a network would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.account = Radicale("", "rhythm", secrets.token_urlsafe(16))
        (folder / "users").write_text(f"{self.account.username}:{self.account.password}\n")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Radicale:
        port = int(self.account.url.rsplit(":", 1)[1].strip("/")) if self.account.url else None
        for _attempt in range(3):  # another process may take a free port before Radicale does
            if self._started(port or _free_port()):
                return self.account
            if port:
                break  # the same port again (a restart): a second try would not help
        pytest.fail(f"Radicale did not start; its log:\n{(self.folder / 'radicale.log').read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _started(self, port: int) -> bool:
        command = [sys.executable, "-m", "radicale", "--config",
                   f"--storage-filesystem-folder={self.folder / 'collections'}",
                   f"--server-hosts=127.0.0.1:{port}", "--auth-type=htpasswd",
                   f"--auth-htpasswd-filename={self.folder / 'users'}",
                   "--auth-htpasswd-encryption=plain", "--auth-delay=0",
                   "--rights-type=authenticated", "--logging-level=warning"]
        with (self.folder / "radicale.log").open("ab") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + START_SECONDS
        while self.process.poll() is None and time.monotonic() < deadline:
            if _answers(url):
                self.account = replace(self.account, url=url)
                return True
            time.sleep(0.1)
        self.stop()
        return False


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    """The server every CalDAV test of this process shares (each in its own calendar)."""
    server = RadicaleProcess(tmp_path_factory.mktemp("radicale"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def own_radicale(tmp_path: Path) -> Iterator[RadicaleProcess]:
    """A server of the test's own, for tests that stop it."""
    (tmp_path / "radicale").mkdir()
    server = RadicaleProcess(tmp_path / "radicale")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_caldav_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's ~/.netrc or CalDAV variables; each sets what it means."""
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    for name in ("RHYTHM_CALDAV_USERNAME", "RHYTHM_CALDAV_PASSWORD", "RHYTHM_CALDAV_HOSTS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def logged_in(radicale: Radicale, monkeypatch: pytest.MonkeyPatch) -> Radicale:
    for name, value in radicale.login().items():
        monkeypatch.setenv(name, value)
    return radicale


@pytest.fixture
def calendar(radicale: Radicale) -> Collection:
    return radicale.new_calendar()


def clean_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment for a `rhythm` subprocess: this one, without CalDAV credentials."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RHYTHM_CALDAV_")}
    return {**env, "NETRC": str(tmp_path / "no-netrc"), **extra}
