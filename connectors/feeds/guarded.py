"""The one guarded path for what the server reads on a client's behalf (the web app and its
workers: plan jobs, "planned against what happened"): never inside this machine or its
network, within a size, a redirect and a time limit, and no error repeats what answered.

A calendar address given by a client is read by the server, so without a guard any client
could make the server read its own loopback services or the private network behind it.
Each hop's host is resolved once, every address checked (`addresses.refusal`), and the
connection made to that very address (TLS still checks the certificate against the host's
name): a DNS answer that changes between the check and the connection (rebinding) has
nothing to slip through. Feeds follow redirects here, by hand, each one checked the same
way; the CalDAV client speaks through `session.guarded_session`, one checked exchange per
request, and follows none. Hosts named in `allowed_hosts` (an intranet calendar server, say)
may be private. An error names the address and the status, never the answer's text or
reason phrase (an internal service's words). The CLI reads the user's own calendars with
`feeds.fetch_feed`, unrestricted.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from .. import CalendarReader, ReadingContext
from ..budget import BudgetSpent, check_deadline, seconds_left
from ..sources import READERS, read_text
from .addresses import Address, plain, refusal
from .fetch import FEED_SCHEMES, http_url, shown_url

_USER_AGENT = "rhythm/0.1 (team week planner; reads calendar feeds)"
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FeedPolicy:
    allowed_hosts: frozenset[str] = frozenset()  # lower-case names that may be private
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 3
    timeout: float = 20.0  # for the whole read, every hop and request included


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # empty for a redirect: its body is never read


class FeedRefused(CalendarError):
    """The address is one the server must not reach on a client's behalf."""


def status_text(status: int) -> str:
    """"HTTP 404 Not Found": the standard phrase, never the server's own reason text."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def check_feed_address(url: str, policy: FeedPolicy) -> str | None:
    """Why the server may not fetch this address for a client; None when it may (as far as
    its host resolves now: the fetch checks again, on the address it connects to)."""
    try:
        addresses_for(http_url(url), policy)
    except FeedRefused as refused:
        return str(refused).partition(": ")[2]
    except CalendarError:
        return None  # not a refusal: an unreachable host fails when the job fetches it
    return None


def fetch_guarded(url: str, policy: FeedPolicy) -> bytes:
    """The feed's body, fetched as `fetch_feed` would, within the policy's limits."""
    deadline = time.monotonic() + seconds_left(policy.timeout)  # the job's deadline may be nearer
    current = http_url(url)
    for _ in range(policy.max_redirects + 1):
        answer = exchange("GET", current, policy, deadline, origin=url,
                          headers={"Accept": "text/calendar, */*"})
        if answer.status not in REDIRECTS:
            if answer.status != 200:
                raise CalendarError(shown_url(url), f"the feed answered {status_text(answer.status)}")
            return answer.body
        location = answer.headers.get("Location")
        if not location:
            raise CalendarError(shown_url(url), f"the feed answered HTTP {answer.status} without a Location")
        current = http_url(urljoin(current, location))
    raise CalendarError(shown_url(url), f"the feed redirected more than {policy.max_redirects} times")


def exchange(method: str, url: str, policy: FeedPolicy, deadline: float, *, origin: str,
             body: bytes | None = None, headers: Mapping[str, str] | None = None) -> Answer:
    """One request to `url`, on a connection to its checked addresses, its answer read within
    the policy's size and the deadline. Errors name `origin` (the address the client gave)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FeedRefused(shown_url(origin), f"the address led to {parts.scheme}:, not http(s)")
    host, addresses = addresses_for(url, policy, origin=origin)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise CalendarError(shown_url(origin), f"not a calendar address: {error}") from error
    left = max(deadline - time.monotonic(), 0.01)
    connection = _Pinned(host, port, addresses, https=parts.scheme == "https", timeout=left)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers={"User-Agent": _USER_AGENT, **(headers or {})})
        response = connection.getresponse()
        if response.status in REDIRECTS:
            return Answer(response.status, response.msg, b"")
        return Answer(response.status, response.msg, _body(origin, response, policy, deadline))
    except TimeoutError as error:
        check_deadline(shown_url(origin))  # the job's time ran out, not the server's
        raise CalendarError(shown_url(origin), f"the server did not answer within {policy.timeout:g} seconds"
                            ) from error
    except (OSError, http.client.HTTPException) as error:
        raise CalendarError(shown_url(origin), f"cannot reach the server ({_reason(error)})") from error
    finally:
        connection.close()


def _body(origin: str, response: http.client.HTTPResponse, policy: FeedPolicy, deadline: float) -> bytes:
    # In pieces, so an answer that drips a byte at a time still ends at the deadline.
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise CalendarError(shown_url(origin),
                                f"the answer is larger than {policy.max_bytes // 1024} KiB")
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _reason(error: Exception) -> str:
    # The local side's words (refused, reset, no route), never text the server sent.
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def addresses_for(url: str, policy: FeedPolicy, origin: str | None = None) -> tuple[str, list[Address]]:
    """The host and every address it resolves to, once each is known to be allowed."""
    shown = shown_url(origin or url)
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        raise CalendarError(shown, "the address names no host")
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise CalendarError(shown, f"cannot reach the server: {host} is not a known host ({error})"
                            ) from error
    addresses = list(dict.fromkeys(plain(str(info[4][0])) for info in found))
    if host not in policy.allowed_hosts:
        for address in addresses:
            kind = refusal(address)
            if kind:
                raise FeedRefused(shown, f"{host} is {kind}; the server reads calendars only from public "
                                         "addresses (an administrator may allow named hosts with "
                                         "RHYTHM_ALLOWED_FEED_HOSTS)")
    return host, addresses


class _Pinned(http.client.HTTPSConnection):
    """A connection to the checked addresses only, speaking to (and, over TLS, verifying) the host."""

    def __init__(self, host: str, port: int, addresses: list[Address], *, https: bool,
                 timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.addresses, self.https = addresses, https

    def connect(self) -> None:
        failure: OSError | None = None
        for address in self.addresses:  # as socket.create_connection does: the first that answers
            try:
                self.sock = socket.create_connection((str(address), self.port), self.timeout)
                break
            except OSError as error:
                failure = error
        else:
            raise failure or OSError(f"{self.host} has no address")
        if self.https:
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)  # type: ignore[attr-defined]


def guarded_readers(policy: FeedPolicy) -> dict[str, CalendarReader]:
    """The readers for calendars a client names: feeds and CalDAV through the guarded path."""

    def read_feed(ref: str, context: ReadingContext) -> CalendarFacts:
        body = fetch_guarded(ref, policy)
        try:
            return read_text(body, shown_url(ref), context)
        except BudgetSpent:
            raise  # says what ran out, and quotes nothing of the answer
        except CalendarError as error:
            # Not a calendar at all: whatever answered is not quoted back to the client.
            line = f"line {error.line}: " if error.line else ""
            raise CalendarError(shown_url(ref), f"{line}not an iCalendar file (the answer is not shown)"
                                ) from None

    def read_caldav(ref: str, context: ReadingContext) -> CalendarFacts:
        from ..caldav.pull import read_collection  # the caldav library, loaded when used

        return read_collection(ref, context, policy=policy)

    return {**READERS, **dict.fromkeys(FEED_SCHEMES, read_feed), "caldav": read_caldav}
