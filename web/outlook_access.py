"""Whose Outlook calendars a team may plan with: only those of its own members who connected
their own Microsoft account here, each read with that member's own sign-in.

From the web and API, `outlook:<address>` is accepted only for an address that one of the
team's members (linked to their account, `linking.py`) connected with Microsoft, and is read
with that account's token cache, in its own mailbox. `outlook:me` (the server's own sign-in)
and any other address are refused at the door, naming the field, and again when the job
reads: a team never reads anyone else's calendar with a colleague's or the machine's token.
The refusal is the same sentence for every address, so it says nothing about who signed in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors import CalendarReader, ReadingContext
from connectors.feeds.guarded import guarded_readers
from connectors.sources import scheme_of
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError, Problem
from store.models import Member

from .caldav_access import granted_reader
from .feed_policy import feed_policy
from .linking import accounts_of

REFUSED = ("only the Outlook calendar of a member of this team who connected their own Microsoft "
           "account here can be read (they connect it on their account page); never outlook:me")


def team_mailboxes(db: Session, team_id: int) -> dict[str, tuple[str, str]]:
    """Mailbox address -> (tenant id, object id) of the team's members' own Microsoft sign-ins."""
    found: dict[str, tuple[str, str]] = {}
    for member in db.scalars(select(Member).where(Member.team_id == team_id)):
        for account in accounts_of(db, member):
            for identity in account.microsoft:
                found[identity.mailbox.lower()] = (identity.tenant_id, identity.object_id)
    return found


def _address(ref: str) -> str:
    return ref.partition(":")[2].strip().lower()


def outlook_problems(data: Any, mailboxes: Mapping[str, Any], only: int | None = None) -> Iterator[Problem]:
    """Each `outlook:` address in the request the team may not read, named by its field."""
    members = data.get("members") if isinstance(data, dict) else None
    for i, member in enumerate(members if isinstance(members, list) else []):
        calendars = member.get("calendars") if isinstance(member, dict) and only in (None, i) else None
        for j, ref in enumerate(calendars if isinstance(calendars, list) else []):
            if isinstance(ref, str) and scheme_of(ref) == "outlook" and _address(ref) not in mailboxes:
                yield Problem(f"members[{i}].calendars[{j}]", REFUSED)


def outlook_reader(mailboxes: Mapping[str, tuple[str, str]]) -> CalendarReader:
    """The `outlook:` reader of one team's jobs: each address with its owner's own sign-in."""

    def read(ref: str, context: ReadingContext) -> CalendarFacts:
        ids = mailboxes.get(_address(ref))
        if ids is None:
            raise CalendarError(ref, REFUSED)
        from connectors.outlook.access import own_mailbox
        from connectors.outlook.pull import read_outlook
        from connectors.outlook.tokens import account_token_path

        return read_outlook(ref, context, own_mailbox(_address(ref), account_token_path(*ids)))

    return read


def team_readers(config: Mapping[str, Any], mailboxes: Mapping[str, tuple[str, str]],
                 collections: Sequence[str]) -> dict[str, CalendarReader]:
    """Every reader a team's server-side read uses: feeds and CalDAV through the guard (CalDAV
    on the server's account only in `collections`, caldav_access.py), Outlook with its members'
    own sign-ins."""
    readers = guarded_readers(feed_policy(config))
    return {**readers, "caldav": granted_reader(readers["caldav"], collections),
            "outlook": outlook_reader(mailboxes)}
