"""Each member's calendars, wherever they are, read for the planned week.

A calendar reference is a file path (relative to the request file), the calendar inline,
or an address with a scheme: a feed (`https:`, `http:`, `webcal:`) or a connector
(`outlook:`, `caldav:`). Each scheme has a reader in `READERS`; the Outlook and CalDAV
connectors are imported only when an address of theirs is read, and a caller may pass its
own `readers` mapping (tests, the web layer).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, CalendarRef, InlineCalendar, Member, TeamRequest
from scheduler.errors import CalendarError

from . import CalendarReader, ReadingContext
from .budget import check_deadline
from .feeds.fetch import FEED_SCHEMES, fetch_feed, shown_url
from .ics.identifiers import identifiers_in
from .ics.read import read_ics
from .intervals import Window, busy_in_window

# Two letters at least, so that a Windows path like C:\cal.ics stays a path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def read_feed(ref: str, context: ReadingContext) -> CalendarFacts:
    return read_text(fetch_feed(ref), shown_url(ref), context)


def imported_on_use(module: str, function: str) -> CalendarReader:
    """A connector's reader, imported on first use: plans from ICS files never load
    Microsoft's or the CalDAV client's libraries."""

    def read(ref: str, context: ReadingContext) -> CalendarFacts:
        return getattr(importlib.import_module(module), function)(ref, context)

    return read


READERS: dict[str, CalendarReader] = {
    **{scheme: read_feed for scheme in FEED_SCHEMES},
    "outlook": imported_on_use("connectors.outlook", "read_outlook"),
    "caldav": imported_on_use("connectors.caldav", "read_caldav"),
}


def register_reader(scheme: str, reader: CalendarReader) -> None:
    """Let a connector read the addresses of its scheme (`outlook`, `caldav`, ...)."""
    READERS[scheme.lower()] = reader


def scheme_of(ref: str) -> str | None:
    match = _SCHEME.match(ref)
    return match.group(1).lower() if match else None


def is_file_or_feed(ref: str) -> bool:
    """Whether the reference is iCalendar text rhythm fetches itself (not a connector's)."""
    return scheme_of(ref) in (None, *FEED_SCHEMES)


def load_ics(ref: str, base_dir: Path | None) -> tuple[str, bytes]:
    """The iCalendar text of a file or feed, with the name errors should give it."""
    if scheme_of(ref) in FEED_SCHEMES:
        return shown_url(ref), fetch_feed(ref)
    if base_dir is None:
        message = 'a file path means nothing here; send the calendar inline: {"ics": "..."}'
        raise CalendarError(ref, message)
    path = base_dir / ref
    try:
        return str(path), path.read_bytes()
    except OSError as error:
        raise CalendarError(str(path), f"cannot read the calendar: {error.strerror}") from error


def read_calendar_ref(
    ref: CalendarRef,
    context: ReadingContext,
    *,
    inline_source: str = "inline calendar",
    readers: Mapping[str, CalendarReader] = READERS,
) -> CalendarFacts:
    """What one calendar reference says about the week."""
    if isinstance(ref, InlineCalendar):
        return read_text(ref.ics, inline_source, context)
    scheme = scheme_of(ref)
    if scheme is None:
        source, data = load_ics(ref, context.base_dir)
        return read_text(data, source, context)
    reader = readers.get(scheme)
    if reader is None:
        known = ", ".join(f"{s}:" for s in sorted(readers))
        message = f"rhythm does not know calendars at {scheme}: addresses (it knows {known})"
        raise CalendarError(ref, message)
    return reader(ref, context)


def read_member_calendars(
    request: TeamRequest,
    member: Member,
    *,
    days: int | None = None,
    readers: Mapping[str, CalendarReader] = READERS,
    strict: bool = False,
    plan_events: frozenset[str] = frozenset(),
) -> CalendarFacts:
    """All of a member's calendars and inline `busy` together, busy time in the team's zone,
    over the planned weeks unless `days` says otherwise; looking for `plan_events` (see
    `ReadingContext`) when reading what happened."""
    days = days or 7 * request.weeks
    context = ReadingContext.of(request, days, strict, plan_events)
    index = next(i for i, m in enumerate(request.members) if m.id == member.id)
    facts = CalendarFacts(busy=member.busy)
    for number, ref in enumerate(member.calendars):
        field = f"members[{index}].calendars[{number}]"
        check_deadline(f"{field} of {member.name}")  # one deadline for every calendar of the job
        try:
            one = read_calendar_ref(ref, context, inline_source=f"{field} (inline)", readers=readers)
        except CalendarError as error:
            if isinstance(ref, InlineCalendar) or scheme_of(ref) is None:
                raise
            # An address's error names the field too: a client sees which calendar it sent.
            raise CalendarError(f"{field} ({error.source})", error.problem, error.line) from error
        facts = facts.merged(one)
    window = Window(request.week, days, ZoneInfo(request.timezone))
    return replace(facts, busy=busy_in_window(facts.busy, window))


def read_team_calendars(
    request: TeamRequest, *, days: int | None = None,
    readers: Mapping[str, CalendarReader] = READERS, strict: bool = False,
) -> dict[str, CalendarFacts]:
    """Member id -> what that member's calendars say; members without calendars included."""
    return {
        member.id: read_member_calendars(request, member, days=days, readers=readers, strict=strict)
        for member in request.members
    }


def read_text(data: bytes | str, source: str, context: ReadingContext) -> CalendarFacts:
    facts = read_ics(data, source=source, week=context.week, timezone=context.timezone, days=context.days,
                     strict=context.strict)
    if context.plan_events:
        facts = replace(facts, received=context.plan_events & identifiers_in(data))
    return facts
