"""Fetching a feed for someone else (the web app, for API and web clients): never inside
this machine or its network, within a size, a redirect and a time limit.

A feed address given by a client is fetched by the server, so without a guard any client
could make the server read its own loopback services or the private network behind it.
Each hop's host is resolved once, every address checked, and the connection made to that
very address (TLS still checks the certificate against the host's name): a DNS answer that
changes between the check and the connection (rebinding) has nothing to slip through.
Redirects are followed by hand, each one checked the same way. Hosts named in
`allowed_hosts` (an intranet calendar server, say) may be private. The CLI reads the user's
own feeds with `feeds.fetch_feed`, unrestricted.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from .. import CalendarReader, ReadingContext
from ..sources import READERS, read_text
from .fetch import FEED_SCHEMES, http_url, shown_url

_USER_AGENT = "rhythm/0.1 (team week planner; reads calendar feeds)"
_REDIRECTS = (301, 302, 303, 307, 308)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FeedPolicy:
    allowed_hosts: frozenset[str] = frozenset()  # lower-case names that may be private
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 3
    timeout: float = 20.0  # for the whole fetch, every hop included


class FeedRefused(CalendarError):
    """The address is one the server must not reach on a client's behalf."""


def check_feed_address(url: str, policy: FeedPolicy) -> str | None:
    """Why the server may not fetch this address for a client; None when it may (as far as
    its host resolves now: the fetch checks again, on the address it connects to)."""
    try:
        _addresses_for(http_url(url), policy)
    except FeedRefused as refused:
        return str(refused).partition(": ")[2]
    except CalendarError:
        return None  # not a refusal: an unreachable host fails when the job fetches it
    return None


def fetch_guarded(url: str, policy: FeedPolicy) -> bytes:
    """The feed's body, fetched as `fetch_feed` would, within the policy's limits."""
    deadline = time.monotonic() + policy.timeout
    current = http_url(url)
    for _ in range(policy.max_redirects + 1):
        status, location, body = _one_hop(url, current, policy, deadline)
        if status not in _REDIRECTS:
            return body
        if not location:
            raise CalendarError(shown_url(url), f"the feed answered HTTP {status} without a Location")
        current = http_url(urljoin(current, location))
    raise CalendarError(shown_url(url), f"the feed redirected more than {policy.max_redirects} times")


def _one_hop(url: str, current: str, policy: FeedPolicy, deadline: float) -> tuple[int, str | None, bytes]:
    parts = urlsplit(current)
    if parts.scheme not in ("http", "https"):
        raise FeedRefused(shown_url(url), f"the feed redirected to {parts.scheme}:, not http(s)")
    host, addresses = _addresses_for(current, policy, origin=url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise CalendarError(shown_url(url), f"not a feed address: {error}") from error
    left = max(deadline - time.monotonic(), 0.01)
    connection = _Pinned(host, port, addresses, https=parts.scheme == "https", timeout=left)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"User-Agent": _USER_AGENT, "Accept": "text/calendar, */*"})
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), b""
        if response.status != 200:
            raise CalendarError(shown_url(url), f"the feed answered HTTP {response.status} {response.reason}")
        return response.status, None, _body(url, response, policy, deadline)
    except TimeoutError as error:
        raise CalendarError(shown_url(url), f"the feed did not answer within {policy.timeout:g} seconds") \
            from error
    except (OSError, http.client.HTTPException) as error:
        raise CalendarError(shown_url(url), f"cannot fetch the feed: {error}") from error
    finally:
        connection.close()


def _body(url: str, response: http.client.HTTPResponse, policy: FeedPolicy, deadline: float) -> bytes:
    # In pieces, so a feed that drips a byte at a time still ends at the deadline.
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise CalendarError(shown_url(url), f"the feed is larger than {policy.max_bytes // 1024} KiB")
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _addresses_for(current: str, policy: FeedPolicy, origin: str | None = None) -> tuple[str, list[Address]]:
    """The host and every address it resolves to, once each is known to be allowed."""
    shown = shown_url(origin or current)
    host = (urlsplit(current).hostname or "").lower()
    if not host:
        raise CalendarError(shown, "the address names no host")
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise CalendarError(shown, f"cannot fetch the feed: {host} is not a known host ({error})") from error
    addresses = list(dict.fromkeys(_plain(info[4][0]) for info in found))
    if host not in policy.allowed_hosts:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise FeedRefused(shown, f"{host} is {_kind(address)} ({address}); the server fetches "
                                         "feeds only from public addresses (an administrator may allow "
                                         "named hosts with RHYTHM_ALLOWED_FEED_HOSTS)")
    return host, addresses


def _plain(text: str) -> Address:
    address = ipaddress.ip_address(text.partition("%")[0])  # without an IPv6 zone (fe80::1%eth0)
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    return mapped or address


def _kind(address: Address) -> str:
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    return "not a public address"


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
    """The readers for calendars a client names: feeds fetched within `policy`; CalDAV
    servers checked the same way first (the CalDAV client connects by itself, so a host whose
    DNS answer changes in between is not caught there: allow CalDAV hosts by name to be sure)."""

    def read_feed(ref: str, context: ReadingContext) -> CalendarFacts:
        return read_text(fetch_guarded(ref, policy), shown_url(ref), context)

    def read_caldav(ref: str, context: ReadingContext) -> CalendarFacts:
        _addresses_for(ref.partition(":")[2], policy, origin=ref)
        return READERS["caldav"](ref, context)

    return {**READERS, **dict.fromkeys(FEED_SCHEMES, read_feed), "caldav": read_caldav}
