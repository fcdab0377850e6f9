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
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, CalendarRef, CalendarWarning, InlineCalendar, Member, TeamRequest
from scheduler.errors import CalendarError, RhythmError

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


# The start of the warning a member gets when an address of theirs cannot be read this time.
NOT_READ = "could not be read this time"


@dataclass(frozen=True)
class NotRead:
    """A member planned without reading all their calendars: which source, why, and what
    stood in for it."""

    member: str
    name: str
    source: str
    problem: str


def read_team_tolerant(
    request: TeamRequest, *, readers: Mapping[str, CalendarReader] = READERS,
    last_known: Mapping[str, tuple[CalendarFacts, str]] | None = None,
) -> tuple[dict[str, CalendarFacts], list[NotRead]]:
    """`read_team_calendars`, where an address (feed, Outlook, CalDAV) that cannot be read
    leaves its member planned from their last known calendar (`last_known`: member id ->
    facts, and when they were read, for the same week) or, without one, from their rules and
    working hours only ("availability unknown"), with a warning saying which. More than half
    the team not read stops the plan, with every name and reason. An inline calendar that
    does not read is still refused: it is the request's own mistake, not a source away."""
    last_known = last_known or {}
    facts: dict[str, CalendarFacts] = {}
    missed: list[NotRead] = []
    for member in request.members:
        failures: list[CalendarError] = []
        noting = {scheme: _noting(reader, failures) for scheme, reader in readers.items()}
        read = read_member_calendars(request, member, readers=noting)
        if not failures:
            facts[member.id] = read
            continue
        known = last_known.get(member.id)
        used = (f"planned from the calendar as read {known[1]}" if known
                else "availability unknown: planned from the rules and working hours only")
        warnings = tuple(CalendarWarning(f.source, f"{NOT_READ} ({f.problem}); {used}", skipped=False)
                         for f in failures)
        base = known[0] if known else read
        facts[member.id] = replace(base, warnings=base.warnings + warnings)
        missed += [NotRead(member.id, member.name, f.source, f.problem) for f in failures]
    people = {m.member for m in missed}
    if len(people) * 2 > len(request.members):
        names = "; ".join(f"{m.name} ({m.source}: {m.problem})" for m in missed)
        raise CalendarError("the team's calendars", f"{len(people)} of {len(request.members)} members' "
                            f"calendars cannot be read, more than half the team, so the week is not "
                            f"planned: {names}")
    return facts, missed


def _noting(reader: CalendarReader, failures: list[CalendarError]) -> CalendarReader:
    def read(ref: str, context: ReadingContext) -> CalendarFacts:
        try:
            return reader(ref, context)
        except RhythmError as error:
            source = error.source if isinstance(error, CalendarError) else shown_url(ref)
            problem = error.problem if isinstance(error, CalendarError) else str(error)
            failures.append(CalendarError(source, problem))
            return CalendarFacts()

    return read


def read_text(data: bytes | str, source: str, context: ReadingContext) -> CalendarFacts:
    facts = read_ics(data, source=source, week=context.week, timezone=context.timezone, days=context.days,
                     strict=context.strict)
    if context.plan_events:
        facts = replace(facts, received=context.plan_events & identifiers_in(data))
    return facts
