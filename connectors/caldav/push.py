"""`rhythm sync --to caldav:URL`: a member's plan written into a CalDAV collection.

The sink does what `connectors.sync` asks, one resource per event: `written` reads back the
events in the week that carry rhythm's key (anything else in the calendar is never parsed,
so never changed), `create` PUTs to the href the key names, `update` PUTs over the same
href only if it still has the ETag rhythm read (If-Match), `delete` DELETEs likewise. Each
PUT or DELETE is atomic on the server, so a sync cut off half way leaves whole events, and
the next run finishes the work without duplicates.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scheduler.errors import CalendarError

from .. import CalendarSink
from ..sync import DesiredEvent, WrittenEvent
from .address import parse_address
from .client import Collection
from .events import Stored, event_text, has_key, resource_name, stored_event, uid_for


class CalDAVSink:
    """One member's calendar collection, as a CalendarSink."""

    def __init__(self, collection: Collection, member_id: str) -> None:
        self.collection = collection
        self.member_id = member_id
        self._stored: dict[str, Stored] = {}  # href -> what `written` found there

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        # A day either side: an all-day office day is matched in the server's zone, not ours.
        margin = timedelta(days=1)
        found = []
        for resource in self.collection.events_between(start - margin, end + margin):
            if not has_key(resource.data):
                continue
            try:
                stored = stored_event(resource.data, resource.href, resource.etag, prefix)
            except ValueError as error:
                name = resource.href.rpartition("/")[2]
                raise CalendarError(f"{self.collection.address.shown}{name}",
                                    f"an event rhythm wrote no longer reads: {error}") from error
            if stored:
                self._stored[resource.href] = stored
                found.append(stored.written)
        return found

    def create(self, event: DesiredEvent) -> None:
        # No If-None-Match: the href is rhythm's own (named by the key), and a copy left there
        # by a run that was cut off after the server stored it is simply written again.
        href = self.collection.href(resource_name(event.key))
        self.collection.put(href, event_text(event, uid=uid_for(event.key), sequence=0, stamp=_now()))

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None:
        stored = self._stored.get(old.remote_id)
        uid = stored.uid if stored and stored.uid else uid_for(event.key)
        sequence = stored.sequence + 1 if stored else 1  # calendar apps take the higher SEQUENCE
        text = event_text(event, uid=uid, sequence=sequence, stamp=_now())
        self.collection.put(old.remote_id, text, etag=stored.etag if stored else None)

    def delete(self, old: WrittenEvent) -> None:
        stored = self._stored.get(old.remote_id)
        self.collection.delete(old.remote_id, etag=stored.etag if stored else None)


def open_sink(address: str, member_id: str) -> CalendarSink:
    """The CalDAV collection at `address` (`caldav:https://...`) as the member's sink."""
    return CalDAVSink(Collection(parse_address(address)), member_id)


def _now() -> datetime:
    return datetime.now(UTC)
