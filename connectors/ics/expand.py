"""Expanding a calendar's events for the week, bounded, one series at a time when tolerant.

Times are settled first (floating and Google-style UTC times placed in their zone), then
recurring-ical-events expands each series (a UID: its master and overrides). No series
may yield more than MAX_OCCURRENCES occurrences or take more than SERIES_SECONDS: the
checks before keep rules that never advance or that repeat every minute since 1970 away
from dateutil, and these bounds catch whatever they miss. Tolerant, a series that cannot
be expanded is skipped with a warning naming its UID.
"""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar, Component, Event
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.timezone import tzp

from scheduler.errors import CalendarError

from ..budget import check_deadline
from ..tolerance import Tolerance

MAX_OCCURRENCES = 5000  # a week of meetings every two minutes
SERIES_SECONDS = 0.5
# What icalendar, dateutil and recurring-ical-events raise on input they cannot handle.
PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)
EXPAND_ERRORS = PARSE_ERRORS


class SeriesTooLarge(ValueError):
    """A series past the bounds: it would take too long or yield too much to expand."""


def expand(
    calendar: Calendar, floating: tzinfo, span: tuple[datetime, datetime], source: str, tolerance: Tolerance
) -> list[Event]:
    """The occurrences of the calendar's events touching `span`."""
    try:
        return _expanded(calendar, floating, span, source, tolerance)
    except EXPAND_ERRORS as error:
        if tolerance.strict:
            raise CalendarError(source, f"cannot expand the events: {error}") from error
    try:
        # The series recurring-ical-events can make, in one query; the others are reported.
        return _expanded(calendar, floating, span, source, tolerance, skip_bad=True)
    except EXPAND_ERRORS:
        pass  # an error it does not skip: one series at a time, the slow way
    found: list[Event] = []
    for uid, alone in by_uid(calendar):
        try:
            found.extend(_expanded(alone, floating, span, source, tolerance))
        except EXPAND_ERRORS as error:
            message = f"event {uid!r} cannot be expanded and is skipped: {error}"
            tolerance.report(CalendarError(source, message), uid)
    return found


def _expanded(
    calendar: Calendar, floating: tzinfo, span: tuple[datetime, datetime], source: str, tolerance: Tolerance,
    *, skip_bad: bool = False,
) -> list[Event]:
    # No lock here: expanding reads no VTIMEZONE into icalendar's shared cache (only parsing
    # does), so one calendar's long week never holds up another team's upload.
    with tzid_guesses_quiet():
        query = recurring_ical_events.of(settle_times(calendar, floating), skip_bad_series=skip_bad)
        if skip_bad:
            made = {str(series.uid) for series in query.series}
            for uid in sorted({str(e.get("UID")) for e in calendar.walk("VEVENT")} - made):
                message = f"event {uid!r} cannot be expanded and is skipped"
                tolerance.report(CalendarError(source, message), uid)
        found: list[Event] = []
        for series in query.series:
            check_deadline(source)
            try:
                # Whole or not at all: a series stopped part way is skipped, as the warning says.
                found.extend(list(bounded(series.between(*span), str(series.uid), source)))
            except SeriesTooLarge as error:
                tolerance.report(CalendarError(source, str(error)), str(series.uid))
            except EXPAND_ERRORS as error:
                if tolerance.strict:
                    raise
                message = f"event {str(series.uid)!r} cannot be expanded and is skipped: {error}"
                tolerance.report(CalendarError(source, message), str(series.uid))
        return found


def bounded(occurrences: Iterator, uid: str, source: str = "") -> Iterator[Event]:
    started = time.monotonic()
    for count, occurrence in enumerate(occurrences, start=1):
        check_deadline(source)  # the job's: a series may be cheap alone and the job be late
        if count > MAX_OCCURRENCES:
            message = f"event {uid!r} repeats more than {MAX_OCCURRENCES} times in the week; skipped"
            raise SeriesTooLarge(message)
        if time.monotonic() - started > SERIES_SECONDS:
            raise SeriesTooLarge(f"event {uid!r} takes too long to expand; skipped")
        yield occurrence.as_component(False)


def by_uid(calendar: Calendar) -> Iterator[tuple[str, Calendar]]:
    """Each series on its own, with the calendar's zones and properties."""
    groups: dict[str, list[Component]] = {}
    # Events nested in another component are found too; each group gets only the zones,
    # not another component holding every other event.
    for number, event in enumerate(calendar.walk("VEVENT")):
        groups.setdefault(str(event.get("UID", f"#{number}")), []).append(event)
    others = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    for uid, events in groups.items():
        alone = Calendar()
        alone.update(calendar)
        alone.subcomponents = [*others, *events]
        yield uid, alone


class _TimeSettler(x_wr_timezone.UTCChangingWalker):
    """x-wr-timezone's walker, told floating times by their missing tzinfo: it goes by
    tzname(), which is None for Outlook's VTIMEZONEs too (they have no TZNAME), and would
    move those times into another zone."""

    def __init__(self, floating: tzinfo, utc_is_local: bool) -> None:
        super().__init__(floating)
        self.utc_is_local = utc_is_local

    def walk_value_datetime(self, dt: datetime) -> datetime:
        if dt.tzinfo is None:
            return dt.replace(tzinfo=self.new_timezone)
        if self.utc_is_local and self.is_UTC(dt):
            return dt.astimezone(self.new_timezone)
        return dt


def settle_times(calendar: Calendar, floating: tzinfo) -> Calendar:
    """Floating times placed in `floating`; with X-WR-TIMEZONE, UTC times too.

    Google writes events in UTC and means them in X-WR-TIMEZONE: a weekly 10:00 meeting
    stays at 10:00 local across daylight saving. Without X-WR-TIMEZONE a recurring UTC
    event recurs in UTC, as RFC 5545 says.
    """
    settled = _TimeSettler(floating, "X-WR-TIMEZONE" in calendar).walk(calendar)
    # Settled now: recurring-ical-events would apply X-WR-TIMEZONE again, with the
    # library's own floating-time test that misreads Outlook's zones.
    settled.pop("X-WR-TIMEZONE", None)
    return settled


@contextmanager
def icalendar_isolated() -> Iterator[None]:
    """Evolution writes TZIDs like /freeassociation.sourceforge.net/Europe/Amsterdam;
    reading the zone from the end is what every calendar app does, so no warning.

    Also, while parsing, icalendar keeps no VTIMEZONE in its process-wide cache: a zone one
    calendar defined would otherwise stand for the same name in the next (and whether a
    calendar parses would depend on what was read before it). Each calendar's own zones are
    built from its own VTIMEZONEs (`calendar_zones.own_zones`)."""
    with _PARSING:  # one parse at a time touches the shared provider (web threads)
        caching = tzp.cache_timezone_component
        tzp.cache_timezone_component = lambda timezone_component: None  # type: ignore[method-assign]
        try:
            with tzid_guesses_quiet():
                yield
        finally:
            tzp.cache_timezone_component = caching  # type: ignore[method-assign]


@contextmanager
def tzid_guesses_quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        yield


_PARSING = threading.RLock()
