"""The events of the stored copy: every VEVENT the reader saw, rebuilt from what it reads.

Each keeps its times and recurrence (DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE,
RECURRENCE-ID, SEQUENCE), STATUS and TRANSP as the one word that matters (CANCELLED or not,
TRANSPARENT or not), Outlook's busy status as FREE, OOF, WORKINGELSEWHERE or BUSY, a neutral
UID per series (`3@rhythm`: the overrides of a series still find their series, and a UID
can say what an event is), and for a title only "Out of office", "Office" or "Home" when the
event says so. Nothing else: no title, place, note, attendee, alarm or parameter of the file.

Events nested in other components (in a VTIMEZONE, in an unknown component) are busy time
like any other, but the reader does not settle their times in X-WR-TIMEZONE (x-wr-timezone
walks the calendar's own events only): each is stored in a neutral `X-RHYTHM-NESTED`
component, read the same way. One nested in another VEVENT stays inside it, since the reader
also leaves it out with its parent when it skips the parent. The reader sees the stored
events in the order it saw the originals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from icalendar import Component, Event

from .checked import CheckedCalendar
from .events import BUSY_STATUS, busy_status, is_out_of_office, stated_location
from .lines import EventLines
from .stored_values import add_numbers, add_rules, add_times, add_words, each

_TIMES = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RDATE", "EXDATE")
_STATUSES = ("FREE", "OOF", "WORKINGELSEWHERE")
# The UIDs rhythm's own export writes (`export.py`: tokens joined by dots): made by rhythm from
# the plan, not the member's words, and kept as they are so that a download imported and
# uploaded again still shows the member received the plan (`connectors/received.py`).
RHYTHMS_OWN = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)+@rhythm")


def stored_events(
    checked: CheckedCalendar, zones: Mapping[str, str | None], uids: dict[str, str], *, keep_skipped: bool
) -> tuple[list[Component], list[EventLines]]:
    """The stored calendar's top-level events, and where each stored event (in the order the
    reader walks them) was in the file. `keep_skipped`: events the reader skips are kept
    (it skips them again, with the same warning), else left out with what is inside them."""
    located = {id(event): lines for event, lines in checked.events}
    top: list[Component] = []
    origins: list[EventLines] = []

    def visit(component: Component, parent: Component | None, dropped: bool) -> None:
        for child in component.subcomponents:
            if not isinstance(child, Event):  # icalendar parses every VEVENT as an Event
                visit(child, parent or NestedEvents(), dropped)
            elif dropped or (not keep_skipped and checked.is_skipped(child)):
                visit(child, None, True)
            else:
                rebuilt = stored_event(child, zones, uids)
                if isinstance(parent, NestedEvents) and not parent.subcomponents:
                    top.append(parent)  # the first event found inside another component
                (parent.subcomponents if parent is not None else top).append(rebuilt)
                origins.append(located.get(id(child), EventLines(checked.lines.begin)))
                visit(child, rebuilt, False)

    visit(checked.calendar, None, False)
    return top, origins


class NestedEvents(Component):
    """Holds events the file had inside another component than a VEVENT."""

    name = "X-RHYTHM-NESTED"


def stored_event(event: Event, zones: Mapping[str, str | None], uids: dict[str, str]) -> Event:
    kept = Event()
    for name in _TIMES:
        add_times(kept, name, event, zones)
    add_rules(kept, "RRULE", event)
    add_numbers(kept, "SEQUENCE", event)
    add_words(kept, "STATUS", event, lambda text: "CANCELLED" if text.upper() == "CANCELLED" else "CONFIRMED")
    add_words(kept, "TRANSP", event,
              lambda text: "TRANSPARENT" if text.strip().upper() == "TRANSPARENT" else "OPAQUE")
    if status := busy_status(event):
        kept.add(BUSY_STATUS, status if status in _STATUSES else "BUSY")
    for uid in map(str, each(event.get("UID"))):
        neutral = uids.setdefault(uid, f"{len(uids) + 1}@rhythm") if not RHYTHMS_OWN.fullmatch(uid) else uid
        kept.add("UID", neutral)
    if title := _title(event):
        kept.add("SUMMARY", title)
    return kept


def _title(event: Event) -> str | None:
    if is_out_of_office(event):
        return "Out of office"
    return {"office": "Office", "home": "Home", None: None}[stated_location(event)]
