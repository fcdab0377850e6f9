"""Talking to one CalDAV collection: a time-range REPORT, PUT and DELETE of single events.

The caldav library negotiates authentication (Basic, Digest, Bearer) and parses the
multistatus answers; this module asks exactly the requests rhythm needs, checks every
status itself and turns each failure into a CalendarError that names the collection (never
the password) and what a person can do about it. Everything the library or the network
raises stops here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

import requests
from caldav import DAVClient
from caldav.davclient import DAVResponse
from caldav.elements import cdav, dav
from caldav.lib.error import AuthorizationError, DAVError
from lxml import etree

from connectors.feeds.fetch import TIMEOUT_SECONDS
from connectors.feeds.guarded import FeedPolicy, status_text
from connectors.feeds.session import guarded_session
from scheduler.errors import CalendarError

from .address import CollectionAddress, credentials_for, withheld

_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")
_ICALENDAR = {"Content-Type": "text/calendar; charset=utf-8"}


@dataclass(frozen=True)
class Resource:
    """One calendar object resource: where it is, its version (ETag) and its iCalendar text."""

    href: str  # absolute URL
    etag: str | None
    data: str


class CollectionError(CalendarError):
    """A CalDAV request that failed; `status` is the HTTP status where there was one."""

    def __init__(self, address: CollectionAddress, message: str, status: int | None = None) -> None:
        self.status = status
        super().__init__(address.shown, message)


class _NoAuth(requests.auth.AuthBase):
    """Set on the session so that requests never adds a ~/.netrc password of its own (it would
    send the file's `default` entry to any host); only `credentials_for` chooses an account."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


class Collection:
    """A calendar collection on a CalDAV server, with the account the environment gives.

    With a `policy` (the server reading for a client) every request goes through the guarded
    path (`connectors.feeds.session`): checked, pinned addresses, limits, no redirects."""

    def __init__(self, address: CollectionAddress, *, timeout: float = TIMEOUT_SECONDS,
                 policy: FeedPolicy | None = None) -> None:
        self.address = address
        self.timeout = policy.timeout if policy else timeout
        self.credentials = credentials_for(address)
        login = self.credentials
        # caldav types timeout as whole seconds; it hands it to requests, which takes a float.
        self._client = DAVClient(address.url, username=login.username if login else None,
                                 password=login.password if login else None,
                                 timeout=self.timeout)  # type: ignore[arg-type]
        self._client.session.auth = _NoAuth()
        if policy is not None:
            guarded_session(self._client.session, policy, address.shown)

    def href(self, name: str) -> str:
        return urljoin(self.address.url, name)

    def events_between(self, start: datetime, end: datetime) -> list[Resource]:
        """Every event resource with an occurrence in [start, end), recurring ones whole."""
        self._check_is_calendar()
        # caldav's elements nest with "+": each adds the next as a child and returns itself.
        prop = dav.Prop() + dav.GetEtag() + cdav.CalendarData()
        events = cdav.CompFilter("VEVENT") + cdav.TimeRange(start, end)
        query = cdav.CalendarQuery() + prop + (cdav.Filter() + (cdav.CompFilter("VCALENDAR") + events))
        body = etree.tostring(query.xmlelement(), encoding="utf-8", xml_declaration=True)
        headers = {"Depth": "1", "Content-Type": 'application/xml; charset="utf-8"'}
        response = self._send("REPORT", self.address.url, body, headers)
        if response.status != 207:
            raise self._failed(response, "the calendar query")
        try:
            found = response.expand_simple_props([dav.GetEtag(), cdav.CalendarData()])
        except (DAVError, AssertionError, TypeError, AttributeError) as error:
            raise CollectionError(self.address, "the server's answer to a calendar query is not "
                                                "a CalDAV multistatus") from error
        resources = []
        for href, props in found.items():
            url = urljoin(self.address.url, href)
            if url.rstrip("/") == self.address.url.rstrip("/"):
                continue  # some servers (iCloud) list the collection itself
            data = props.get(cdav.CalendarData.tag)
            if not data:
                raise CollectionError(self.address, f"the server sent no calendar data for {href}")
            resources.append(Resource(url, props.get(dav.GetEtag.tag), data))
        return resources

    def _check_is_calendar(self) -> None:
        """A folder above the calendars (`/ana/`) answers a calendar query with nothing at
        all, which would read as a free week: ask what the address is first."""
        body = etree.tostring((dav.Propfind() + (dav.Prop() + dav.ResourceType())).xmlelement(),
                              encoding="utf-8", xml_declaration=True)
        headers = {"Depth": "0", "Content-Type": 'application/xml; charset="utf-8"'}
        response = self._send("PROPFIND", self.address.url, body, headers)
        if response.status != 207:
            raise self._failed(response, "asking what the address is")
        try:
            found = response.find_objects_and_props()
        except (DAVError, AssertionError, TypeError, AttributeError) as error:
            raise CollectionError(self.address, "the server's answer is not a WebDAV multistatus"
                                  ) from error
        kinds = {child.tag for props in found.values()
                 for element in props.values() if element.tag == dav.ResourceType.tag
                 for child in element}
        if cdav.Calendar.tag not in kinds:
            raise CollectionError(self.address, "this address is not a calendar collection (a "
                                                "folder of calendars?): give the URL of one calendar")

    def put(self, href: str, text: str, *, etag: str | None = None, new: bool = False) -> None:
        """Write one event. `etag`: only over that version; `new`: only if nothing is there."""
        headers = dict(_ICALENDAR)
        if etag:
            headers["If-Match"] = etag
        elif new:
            headers["If-None-Match"] = "*"
        response = self._send("PUT", href, text, headers)
        if response.status not in (200, 201, 204):
            raise self._failed(response, f"writing {_name(href)}")

    def delete(self, href: str, *, etag: str | None = None) -> None:
        """Remove one event; one that is gone already is fine (a re-run after a cut-off)."""
        response = self._send("DELETE", href, "", {"If-Match": etag} if etag else {})
        if response.status not in (200, 204, 404):
            raise self._failed(response, f"deleting {_name(href)}")

    def _send(self, method: str, url: str, body: str | bytes, headers: Mapping[str, str]) -> DAVResponse:
        try:
            # caldav types the body as text; it hands it to requests, which sends bytes as they are.
            return self._client.request(url, method, body, dict(headers))  # type: ignore[arg-type]
        except CalendarError as error:  # the guarded path's refusal or limit
            raise CollectionError(self.address, error.problem) from error
        except AuthorizationError as error:
            raise self._refused(str(error.reason)) from error
        except requests.exceptions.SSLError as error:
            raise CollectionError(self.address, "the TLS handshake with the server failed "
                                                "(is its certificate valid?)") from error
        except requests.exceptions.Timeout as error:
            raise CollectionError(self.address, "the CalDAV server did not answer within "
                                                f"{self.timeout:g} seconds") from error
        except requests.exceptions.ConnectionError as error:
            match = _ERRNO.search(str(error))
            reason = match.group(1).strip() if match else "the connection failed"
            raise CollectionError(self.address, f"cannot reach the CalDAV server ({reason})") from error
        except (requests.exceptions.RequestException, DAVError, etree.LxmlError) as error:
            raise CollectionError(self.address, f"the CalDAV request failed ({type(error).__name__})"
                                  ) from error

    def _refused(self, reason: str) -> CollectionError:
        # The status from caldav's reason text; the message gives the standard phrase only.
        login = self.credentials
        status = 403 if "forbid" in reason.lower() else 401
        if login is None:
            message = (f"the server asks for a user name and password ({status_text(status)}); "
                       f"{withheld(self.address)}")
        elif status == 403:
            message = f"the account {login.username!r} may not use this calendar ({status_text(403)})"
        else:
            message = (f"the server refused the account {login.username!r} from {login.origin} "
                       f"({status_text(401)}): check the user name and password")
        return CollectionError(self.address, message, status)

    def _failed(self, response: DAVResponse, what: str) -> CollectionError:
        status = response.status
        if status == 404:
            message = f"no calendar at this address ({status_text(404)}): check the URL"
        elif status == 412:
            message = (f"{what} was refused: someone changed the event since rhythm read it "
                       "(HTTP 412); run the same command again")
        else:
            message = f"{what} failed: the server answered {status_text(status)}"
        return CollectionError(self.address, message, status)


def _name(href: str) -> str:
    return href.rstrip("/").rpartition("/")[2]
