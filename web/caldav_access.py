"""Which CalDAV collections a team may plan with, when the server signs in with its own account.

The operator's CalDAV account (`RHYTHM_CALDAV_*` or a `~/.netrc` entry, for the hosts named,
connectors/caldav/address.py) reaches every team's collections on that server. So from the
web and the API a team may name a collection on such a server only where the operator granted
it to that team (`rhythm caldav grant --team TEAM URL`, a URL prefix); refused at the door,
naming the field, and again when the job reads. A collection read without credentials (a
public server, or one rhythm has no account for) is read as any client could, and allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors import CalendarReader, ReadingContext
from connectors.caldav.address import CollectionAddress, credentials_for, parse_address
from connectors.sources import scheme_of
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError, Problem
from store.models import CalDavGrant

REFUSED = ("this CalDAV collection is on a server rhythm signs in to with its own account, and it "
           "is not granted to this team; ask the operator to grant it (rhythm caldav grant)")


def team_collections(db: Session, team_id: int) -> tuple[str, ...]:
    """The collection URLs granted to the team."""
    return tuple(db.scalars(select(CalDavGrant.collection).where(CalDavGrant.team_id == team_id)))


def refusal(ref: str, granted: Iterable[str]) -> str | None:
    """Why the team may not read `ref` with the server's account, or None if it may."""
    try:
        address = parse_address(ref)
        if credentials_for(address) is None:
            return None  # read without the server's account, as any client could
    except CalendarError:
        return None  # not a readable address: the reader says why
    where = _place(address)
    if ".." in where[2].split("/") or "." in where[2].split("/"):
        return REFUSED  # a path that leaves the granted collection on the server's side
    for grant in granted:
        host, port, path = _place(parse_address("caldav:" + grant))
        if (host, port) == where[:2] and where[2].startswith(path):
            return None
    return REFUSED


def caldav_problems(data: Any, granted: Sequence[str], only: int | None = None) -> Iterator[Problem]:
    """Each `caldav:` address in the request the team may not read, named by its field."""
    members = data.get("members") if isinstance(data, dict) else None
    for i, member in enumerate(members if isinstance(members, list) else []):
        calendars = member.get("calendars") if isinstance(member, dict) and only in (None, i) else None
        for j, ref in enumerate(calendars if isinstance(calendars, list) else []):
            if isinstance(ref, str) and scheme_of(ref) == "caldav" and refusal(ref, granted):
                yield Problem(f"members[{i}].calendars[{j}]", REFUSED)


def granted_reader(reader: CalendarReader, granted: Sequence[str]) -> CalendarReader:
    """`reader` for `caldav:` addresses, checked again when the job reads."""

    def read(ref: str, context: ReadingContext) -> CalendarFacts:
        if refusal(ref, granted):
            raise CalendarError(parse_address(ref).shown, REFUSED)
        return reader(ref, context)

    return read


def _place(address: CollectionAddress) -> tuple[str, int, str]:
    """Host, port and decoded path: `%2e%2e` and `..` compare as the server will read them."""
    return address.host, address.port, unquote(urlsplit(address.url).path)
