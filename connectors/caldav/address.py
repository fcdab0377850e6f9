"""A `caldav:` address and the credentials that go with it.

Credentials never appear in a request or an address (requests are shared, logged and sent
to the web app), and they go only to hosts the operator named: any client of the web app
may name any CalDAV address, so a password offered to every host would be handed to whoever
runs the host a client names. They come, in this order, from:
1. the `~/.netrc` entry for the server's host (`NETRC` names another file), as curl and git
   read it: one account per named host (a `default` entry is never used: it names no host);
2. `RHYTHM_CALDAV_USERNAME` and `RHYTHM_CALDAV_PASSWORD`, for the hosts
   `RHYTHM_CALDAV_HOSTS` names (comma-separated: `dav.example.com`, `dav.example.com:8443`);
3. none: the server is asked without credentials (a public calendar, or it answers 401).
Never over plain http, where anyone on the way reads them, unless the operator allowed that
host and port over http by naming it so in `RHYTHM_CALDAV_HOSTS` (`http://127.0.0.1:5232`, a
test server on this machine).
"""

from __future__ import annotations

import netrc
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from connectors.feeds.fetch import shown_url
from scheduler.errors import CalendarError

SCHEME = "caldav:"
USERNAME_VARIABLE = "RHYTHM_CALDAV_USERNAME"
PASSWORD_VARIABLE = "RHYTHM_CALDAV_PASSWORD"
HOSTS_VARIABLE = "RHYTHM_CALDAV_HOSTS"


@dataclass(frozen=True)
class Credentials:
    username: str
    # Kept out of repr so that no log line or traceback of a Credentials shows it.
    password: str = field(repr=False)
    origin: str  # where they came from, for error messages: "~/.netrc", "RHYTHM_CALDAV_*"


@dataclass(frozen=True)
class CollectionAddress:
    """A calendar collection: its URL (ending in "/") and how errors name it."""

    url: str
    host: str

    @property
    def shown(self) -> str:
        return f"{SCHEME}{shown_url(self.url)}"

    @property
    def https(self) -> bool:
        return self.url.startswith("https:")

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or (443 if self.https else 80)


def parse_address(ref: str) -> CollectionAddress:
    """`caldav:https://host/path/` as a collection; CalendarError for anything else."""
    if not ref.lower().startswith(SCHEME):
        raise CalendarError(ref, "not a CalDAV address: it starts with caldav:")
    url = ref[len(SCHEME):]
    # Named in errors without a user:password or query string, which may hold a secret.
    shown = SCHEME + shown_url(url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CalendarError(shown, "give the calendar collection's http:// or https:// URL after "
                                   "caldav:, e.g. caldav:https://dav.example.com/ana/work/")
    if parts.username is not None or parts.password is not None:
        raise CalendarError(shown, f"credentials never go in a calendar address; set "
                                   f"{USERNAME_VARIABLE} and {PASSWORD_VARIABLE}, or a ~/.netrc "
                                   f"entry for {parts.hostname}")
    if parts.query or parts.fragment:
        raise CalendarError(shown, "a calendar collection's URL has no ?query or #fragment")
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError as error:
        raise CalendarError(shown, f"not a valid address: {error}") from None
    # A collection is a WebDAV folder: its URL ends in "/" and its events' hrefs join onto it.
    path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    return CollectionAddress(f"{parts.scheme.lower()}://{parts.netloc}{path}", parts.hostname.lower())


def credentials_for(address: CollectionAddress) -> Credentials | None:
    """The account to use for the collection's server (see the module's docstring)."""
    found = _netrc_entry(address) or _environment_account(address)
    return found if found and credentials_may_go(address) else None


def withheld(address: CollectionAddress) -> str:
    """Why no account goes to this server, in words for the 401 it answered."""
    if (_netrc_entry(address) or _environment_account(address)) and not credentials_may_go(address):
        return (f"rhythm sends passwords only over https, never over plain http (an administrator "
                f"may allow http://{address.host}:{address.port} in {HOSTS_VARIABLE}, for a test "
                "server on this machine)")
    return (f"rhythm has no account for {address.host}: a ~/.netrc entry for it, or "
            f"{USERNAME_VARIABLE} and {PASSWORD_VARIABLE} with {address.host} named in {HOSTS_VARIABLE}")


def credentials_may_go(address: CollectionAddress) -> bool:
    """Whether credentials may go to this address: over https, or to an http host:port the
    operator named with http:// in RHYTHM_CALDAV_HOSTS."""
    return address.https or any(scheme == "http" and _matches(address, host, port)
                                for scheme, host, port in _named_hosts())


def _environment_account(address: CollectionAddress) -> Credentials | None:
    username = os.environ.get(USERNAME_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if username and password:
        named = any(_matches(address, host, port) for _, host, port in _named_hosts())
        return Credentials(username, password, f"{USERNAME_VARIABLE}/{PASSWORD_VARIABLE}") if named else None
    if username or password:
        given, missing = ((USERNAME_VARIABLE, PASSWORD_VARIABLE) if username
                          else (PASSWORD_VARIABLE, USERNAME_VARIABLE))
        raise CalendarError(address.shown, f"{given} is set but {missing} is not; set both")
    return None


def _named_hosts() -> list[tuple[str, str, int | None]]:
    """RHYTHM_CALDAV_HOSTS as (scheme, host, port or None): `host`, `host:port` (https) or
    `http://host:port`."""
    named = []
    for entry in os.environ.get(HOSTS_VARIABLE, "").split(","):
        entry = entry.strip().lower()
        if not entry:
            continue
        parts = urlsplit(entry if "://" in entry else f"https://{entry}")
        try:
            named.append((parts.scheme, parts.hostname or "", parts.port))
        except ValueError:
            continue  # not a host[:port]: names nothing
    return named


def _matches(address: CollectionAddress, host: str, port: int | None) -> bool:
    return host == address.host and port in (None, address.port)


def _netrc_entry(address: CollectionAddress) -> Credentials | None:
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entries = netrc.netrc(str(path)).hosts
    except netrc.NetrcParseError as error:
        # The message names the file and line, never a password.
        raise CalendarError(address.shown, f"cannot read {path}: {error.msg} (line {error.lineno})"
                            ) from None
    except OSError as error:
        raise CalendarError(address.shown, f"cannot read {path}: {error.strerror}") from None
    # `machine` entries only: the file's `default` entry (kept under the key "default") names no host.
    entry = entries.get(address.host) if address.host != "default" else None
    if not entry or not entry[0] or entry[2] is None:
        return None
    return Credentials(entry[0], entry[2], str(path))
