"""Read a member's week from a CalDAV collection, into the same CalendarFacts as an ICS file.

One time-range REPORT fetches every event resource with an occurrence in the week (a day
either side, since servers match all-day and floating times in their own zone); recurring
events come whole, master and overrides, and `read_ics` expands them exactly as it does a
file. The resources are joined into one calendar first, so that the rules that weigh one
event against another (a one-day "Office" inside a "Working from home" week) see them all.

Left out: the events rhythm itself wrote for the same week (they carry X-RHYTHM-KEY). They
are the previous plan of this week, which a new plan replaces; read as busy, they would
block every slot the team already had and pin last plan's office days. Read after the week
(`context.plan_events`), they stay: they are what the member kept of the plan.

With a `policy` (the server reading for a client) the collection is reached through the
guarded path only (`connectors.feeds.session`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from connectors import ReadingContext
from connectors.feeds.guarded import FeedPolicy
from connectors.intervals import Window, busy_in_window
from connectors.sources import read_text
from scheduler.domain import CalendarFacts, CalendarWarning
from scheduler.errors import CalendarError

from .address import parse_address
from .client import Collection, Resource
from .events import KEY_PROPERTY

_FOLD = re.compile(r"\r?\n[ \t]")
_KEY_LINE = re.compile(rf"^{KEY_PROPERTY}(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE | re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")
_BEGIN_END = re.compile(r"^(BEGIN|END):(\S+)\s*$", re.IGNORECASE)


def read_collection(ref: str, context: ReadingContext, policy: FeedPolicy | None = None) -> CalendarFacts:
    """What the collection at `ref` (`caldav:https://...`) says about the context's week."""
    address = parse_address(ref)
    window = Window(context.week, context.days, ZoneInfo(context.timezone))
    margin = timedelta(days=1)
    resources = Collection(address, policy=policy).events_between(window.start - margin, window.end + margin)
    theirs = [r for r in resources
              if context.plan_events or not written_by_rhythm(r.data, context.week.isoformat())]
    if not theirs:
        return CalendarFacts()
    try:
        facts = read_text(joined(r.data for r in theirs), address.shown, context)
    except CalendarError:
        # Each on its own, so that a broken event is named with its own line numbers; should
        # none be broken (two define one time zone differently), their facts together.
        facts = CalendarFacts()
        for resource in theirs:
            facts = facts.merged(read_text(resource.data, f"{address.shown}{_name(resource)}", context))
        return replace(facts, busy=busy_in_window(facts.busy, window), warnings=())
    if facts.warnings:
        # The joined text's line numbers mean nothing to a person: each resource's own.
        own = tuple(w for r in theirs for w in _own_warnings(r, address.shown, context))
        facts = replace(facts, warnings=own)
    return facts


def _own_warnings(resource: Resource, shown: str, context: ReadingContext) -> tuple[CalendarWarning, ...]:
    source = f"{shown}{_name(resource)}"
    try:
        return read_text(resource.data, source, context).warnings
    except CalendarError as error:  # not a calendar at all: the server kept something else
        return (CalendarWarning(source, f"{error.problem}; skipped", error.line),)


def written_by_rhythm(data: str, week: str) -> bool:
    """Whether the resource is an event rhythm wrote for the week (key "<team>/<week>/...")."""
    keys = _KEY_LINE.findall(_FOLD.sub("", data))
    return any(f"/{week}/" in f"/{key.strip()}" for key in keys)


def joined(texts: Iterable[str]) -> str:
    """One VCALENDAR with every resource's events and time zones (each zone once).

    Joined as text, line for line, so nothing is lost to a parse and re-serialisation.
    """
    zones: dict[str, list[str]] = {}
    events: list[str] = []
    for text in texts:
        for name, lines in _components(text):
            if name == "VTIMEZONE":
                tzid = next((line for line in lines if line.upper().startswith("TZID")), "")
                zones.setdefault(tzid, lines)
            elif name == "VEVENT":
                events.extend(lines)
    body = [line for lines in zones.values() for line in lines] + events
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rhythm//CalDAV week//EN",
                        *body, "END:VCALENDAR", ""])


def _components(text: str) -> list[tuple[str, list[str]]]:
    """The components directly inside each VCALENDAR of the text, as (name, lines)."""
    found: list[tuple[str, list[str]]] = []
    stack: list[str] = []
    current: list[str] = []
    # Split at line ends only: str.splitlines() also splits at U+2028 and friends, which
    # may stand inside a DESCRIPTION.
    for line in _LINE_END.split(text):
        match = _BEGIN_END.match(line)
        if match and match.group(1).upper() == "BEGIN":
            stack.append(match.group(2).upper())
        if len(stack) >= 2:
            current.append(line)
        if match and match.group(1).upper() == "END" and stack:
            if len(stack) == 2:
                found.append((stack[1], current))
                current = []
            stack.pop()
    return found


def _name(resource: Resource) -> str:
    return resource.href.rstrip("/").rpartition("/")[2]
