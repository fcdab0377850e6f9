"""Write a member's planned blocks into their Outlook calendar: `open_sink("outlook:me", "ana")`.

The sync core decides what to create, update and delete by key (`connectors.sync`); this
sink does it in Graph, always with the calendar owner's own sign-in (`/me`).

Who organises a meeting, so it exists once: its first required attendee. When ana and bram
both sync, ana (first of `["ana", "bram"]`) creates "Design session" with bram as attendee
and Outlook sends him the invitation; bram's sync never creates it, and reads his
invitation copy (recognised by the rhythm lines in its body) as already there. When the
plan moves or drops the meeting, only ana's sync updates or deletes it, and Outlook sends
the update or the cancellation. Until the organiser has synced, another attendee's dry run
lists the meeting as to create although their sync will leave it to the invitation.
A meeting whose organiser changes in a re-plan is deleted by the old organiser's sync
(Outlook cancels it) and created by the new one's.

A plan over several weeks gives each recurring slot as one series (`writes_series`): one
Outlook series with its skipped and moved weeks as exceptions (`series`). A series that
changed in any way is replaced: the new series is created, then the old one deleted (so
attendees get a cancellation and a new invitation). Patching it in place would mean
matching old exceptions to new ones week by week, for a change that re-plans rarely make.

Only events rhythm wrote are ever read back as rhythm's (by its extended property), so
nothing a person wrote is changed. Creates go first and every event carries its key, so a
sync cut off half way is completed by running it again, without duplicates.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from scheduler.errors import RhythmError

from ..sync import DesiredEvent, WrittenEvent
from .access import Mailbox, connect, mailbox_to_write
from .graph import GraphClient
from .marks import body_mark, expand_key_property, filter_by_prefix, property_mark
from .payload import event_payload, organiser_of, written_event
from .series import create_series
from .settings import settings_from_env
from .times import odata_instant

log = logging.getLogger(__name__)
_FIELDS = "subject,start,end,isAllDay"


def open_sink(address: str, member_id: str, mailbox: Mailbox | None = None) -> OutlookSink:
    """The member's calendar at `address`; `mailbox`: written with that sign-in (the web app's)."""
    try:
        mailbox = mailbox or mailbox_to_write(address)
        return OutlookSink(connect(mailbox, settings_from_env()), mailbox.address, member_id)
    except RhythmError as error:
        raise RhythmError(f"{address}: {error}") from None


class OutlookSink:
    """One member's Outlook calendar as a `CalendarSink`."""

    writes_series = True  # recurring slots come as one series each (see the module's notes)

    def __init__(self, client: GraphClient, address: str, member_id: str) -> None:
        self.client = client
        self.address = address.lower()
        self.member_id = member_id
        self._copies: set[str] = set()  # invitation copies: the organiser's to change
        self._zone: str | None = None

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        params = {"$filter": filter_by_prefix(prefix), "$expand": expand_key_property(),
                  "$select": _FIELDS, "$top": "100"}
        ours = []
        for event in self.client.pages("me/events", params):
            mark = property_mark(event)
            # Graph compares the value case-insensitively; rhythm's keys are exact.
            if mark and mark[0].startswith(prefix):
                ours.append(written_event(event, mark, start.tzinfo or UTC))
        return ours + self._invitations(start, end, prefix)

    def create(self, event: DesiredEvent) -> None:
        if not self._organises(event):
            log.info("%s: %s comes as an invitation from %s", self.address, event.title, organiser_of(event))
            return
        if event.recurrence is not None:
            create_series(self.client, event, self._payload(event))
        else:
            self.client.post("me/calendar/events", self._payload(event))

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None:
        if old.remote_id in self._copies:
            return  # the organiser's sync moves it; Outlook updates this copy
        if self._organises(event) and event.recurrence is not None:
            self.create(event)  # replaced, new first: a cut-off run never loses the series
            self.client.delete(f"me/events/{old.remote_id}")
        elif self._organises(event):
            self.client.patch(f"me/events/{old.remote_id}", self._payload(event))
        else:
            self.delete(old)  # someone else organises it now and invites this member

    def delete(self, old: WrittenEvent) -> None:
        if old.remote_id not in self._copies:
            self.client.delete(f"me/events/{old.remote_id}")

    def _invitations(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        """Meetings another member organised, as their invitation copies stand here."""
        params = {"startDateTime": odata_instant(start), "endDateTime": odata_instant(end),
                  "$select": f"{_FIELDS},isOrganizer,isCancelled,body,type,seriesMasterId", "$top": "100"}
        copies, series = [], set[str]()
        for event in self.client.pages("me/calendar/calendarView", params,
                                       prefer=('outlook.body-content-type="text"',)):
            mark = body_mark(event)
            if mark and mark[0].startswith(prefix) and not event.get("isOrganizer", True) \
                    and not event.get("isCancelled"):
                # calendarView shows a series as its occurrences: the copy is its master, once.
                master = event.get("seriesMasterId")
                if master:
                    if master in series:
                        continue
                    series.add(master)
                    event = {**event, "id": master}
                copies.append(written_event(event, mark, start.tzinfo or UTC))
                self._copies.add(str(event["id"]))
        return copies

    def _organises(self, event: DesiredEvent) -> bool:
        return event.kind != "meeting" or organiser_of(event) in self._own_addresses(event)

    def _own_addresses(self, event: DesiredEvent) -> frozenset[str]:
        # A member without an email appears in plans as <id>@<team>.invalid.
        stand_ins = {a.email.lower() for a in event.attendees if _stand_in_for(a.email, self.member_id)}
        return frozenset({self.address, *stand_ins})

    def _payload(self, event: DesiredEvent) -> dict:
        return event_payload(event, organiser=self._own_addresses(event), mailbox_zone=self._mailbox_zone())

    def _mailbox_zone(self) -> str:
        if self._zone is None:
            answer = self.client.get("me/mailboxSettings/timeZone")
            self._zone = str(answer.get("value") or "UTC")
        return self._zone


def _stand_in_for(address: str, member_id: str) -> bool:
    local, _, domain = address.lower().partition("@")
    return local == member_id.lower() and domain.endswith(".invalid")
