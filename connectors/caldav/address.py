"""A `caldav:` address and the credentials that go with it.

Credentials never appear in a request or an address (requests are shared, logged and sent
to the web app). They come, in this order, from:
1. the `~/.netrc` entry for the server's host (`NETRC` names another file), as curl, git
   and requests read it: one account per server, so a password goes only where it belongs;
2. `RHYTHM_CALDAV_USERNAME` and `RHYTHM_CALDAV_PASSWORD`, for every CalDAV server without
   a netrc entry (the usual case: one server, one account, set in CI or a service);
3. none: the server is asked without credentials (a public calendar, or it answers 401).
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
    # A collection is a WebDAV folder: its URL ends in "/" and its events' hrefs join onto it.
    path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    return CollectionAddress(f"{parts.scheme.lower()}://{parts.netloc}{path}", parts.hostname)


def credentials_for(address: CollectionAddress) -> Credentials | None:
    """The account to use for the collection's server (see the module's docstring)."""
    from_netrc = _netrc_entry(address)
    if from_netrc:
        return from_netrc
    username = os.environ.get(USERNAME_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if username and password:
        return Credentials(username, password, f"{USERNAME_VARIABLE}/{PASSWORD_VARIABLE}")
    if username or password:
        given, missing = ((USERNAME_VARIABLE, PASSWORD_VARIABLE) if username
                          else (PASSWORD_VARIABLE, USERNAME_VARIABLE))
        raise CalendarError(address.shown, f"{given} is set but {missing} is not; set both")
    return None


def _netrc_entry(address: CollectionAddress) -> Credentials | None:
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(address.host)
    except netrc.NetrcParseError as error:
        # The message names the file and line, never a password.
        raise CalendarError(address.shown, f"cannot read {path}: {error.msg} (line {error.lineno})"
                            ) from None
    except OSError as error:
        raise CalendarError(address.shown, f"cannot read {path}: {error.strerror}") from None
    if not entry or not entry[0] or entry[2] is None:
        return None
    return Credentials(entry[0], entry[2], str(path))
