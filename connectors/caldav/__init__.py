"""CalDAV calendars (Radicale, Nextcloud, Fastmail, iCloud, ...): read for planning, written by sync.

An address is `caldav:` followed by a calendar collection's URL. `address` parses it and
finds the credentials (environment or `~/.netrc`, never the request); `client` speaks to
the server (time-range REPORT, PUT, DELETE) and turns every failure into a CalendarError
naming the address without its password; `pull` reads a member's week into CalendarFacts
through `read_ics`; `events` turns a DesiredEvent into a VEVENT and back; `push` is the
CalendarSink that `rhythm sync` writes through.

This package imports the caldav library only in `client`, so planning from files never
loads it; `read_caldav` below is the lazy entry point `connectors.sources` registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from connectors import ReadingContext
    from scheduler.domain import CalendarFacts


def read_caldav(ref: str, context: ReadingContext) -> CalendarFacts:
    """The week in the CalDAV collection at `ref` (`caldav:https://...`): see `pull`."""
    from .pull import read_collection

    return read_collection(ref, context)
