"""One VCALENDAR with every event checked, before its week is expanded.

The reader's middle step, its own value because two things are made from it: the week's
facts (`read_checked`: skipped events out, the week expanded, each occurrence's meaning) and,
at the door, the stored copy (`minimise`), which must make the same decisions the reader made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from icalendar import Calendar, Component, Event

from scheduler.domain import CalendarFacts

from ..budget import CalendarSteps
from ..intervals import Window
from ..tolerance import Tolerance
from .calendar_zones import OwnZone, floating_zone, own_zones, report_costly_zones
from .checks import EventContext, check_event
from .events import facts_from_occurrences
from .expand import expand
from .lines import CalendarLines, EventLines


@dataclass(frozen=True)
class CheckedCalendar:
    """A calendar as checked: its zones as the reader reads them, every VEVENT (in walk
    order, nested ones too) with where it is, and those the reader skips."""

    calendar: Calendar
    lines: CalendarLines
    floating: tzinfo
    costly: frozenset[str]
    own: Mapping[str, OwnZone]
    events: tuple[tuple[Event, EventLines], ...]
    skipped: tuple[Event, ...]

    def is_skipped(self, event: Event) -> bool:
        return any(event is s for s in self.skipped)


def check_calendar(
    calendar: Calendar, lines: CalendarLines, source: str, window: Window, tolerance: Tolerance
) -> CheckedCalendar:
    floating = floating_zone(lines, source, window.zone, tolerance)
    events: list[Event] = calendar.events
    # The scan and icalendar see the same events in the same order; should they ever
    # disagree, errors point at the calendar's first line rather than a wrong one.
    located = lines.events
    if len(located) != len(events):
        located = (EventLines(lines.begin),) * len(events)
    costly = report_costly_zones(calendar, lines, source, window, tolerance)
    own = own_zones(calendar, lines, source, window, tolerance, costly)
    zones = {tzid: found.zone for tzid, found in own.items()}
    skipped = []
    steps = CalendarSteps(source)
    for event, event_lines in zip(events, located, strict=True):
        context = EventContext(source, event_lines, floating, window, costly, zones, steps)
        if not check_event(event, context, tolerance):
            skipped.append(event)
    pairs = tuple(zip(events, located, strict=True))
    return CheckedCalendar(calendar, lines, floating, costly, own, pairs, tuple(skipped))


def read_checked(
    checked: CheckedCalendar, source: str, window: Window, tolerance: Tolerance
) -> CalendarFacts:
    """The week's facts. Changes the calendar (skipped events out, times settled): whatever
    else is made from it is made first."""
    without(checked.calendar, checked.skipped)
    # A day either side: clipping to the exact week happens afterwards, by instant.
    span = (window.start - timedelta(days=1), window.end + timedelta(days=1))
    occurrences = expand(checked.calendar, checked.floating, span, source, tolerance)
    return facts_from_occurrences(occurrences, window, checked.floating)


def without(component: Component, skipped: tuple[Event, ...]) -> None:
    """The skipped events taken out, wherever they are nested."""
    if not skipped:
        return
    component.subcomponents = [c for c in component.subcomponents if all(c is not s for s in skipped)]
    for child in component.subcomponents:
        without(child, skipped)
