"""What each event occurrence tells the planner: busy time, a day off, or where someone works.

Calendar apps say the same thing in different ways. Outlook states availability in
X-MICROSOFT-CDO-BUSYSTATUS (FREE, TENTATIVE, BUSY, OOF, WORKINGELSEWHERE) and writes TRANSP
to match; Google and Apple have only TRANSP, and Google marks plain all-day events
transparent. Where Outlook's status is present it is the more precise of the two, so it wins.

- Timed events are busy unless free (transparent / FREE) or cancelled. Tentative, a timed
  OOF and a timed WORKINGELSEWHERE ("at the client from 10 to 12") are busy.
- All-day events: out of office (OOF, or a day-off word in the title: "Out of office", "OOO",
  "Vrij", "Vakantie", "Verlof", "Ziek"; `connectors/calendar_words.py`) makes each date an off
  day. One that states a place (WORKINGELSEWHERE, or an office/home word in SUMMARY or
  LOCATION: "Kantoor", "Thuis", "WFH") fixes the location; WORKINGELSEWHERE without a place
  word means "home", since
  for a hybrid team "working elsewhere" is "not at our office". Any other opaque all-day
  event blocks the whole day; transparent ones (birthdays, holidays in Google) do not.
- Two location events on one date: the one covering fewer days wins (a day at the office
  inside a "working from home" week); a tie goes to "home", so the planner never counts
  on someone at the office whose calendar also says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from icalendar import Event

from scheduler.domain import CalendarFacts, Interval, Location

from ..calendar_words import says_off, stated_place
from ..intervals import Window, busy_in_window
from .times import moment

BUSY_STATUS = "X-MICROSOFT-CDO-BUSYSTATUS"


def facts_from_occurrences(occurrences: Iterable[Event], window: Window, floating: tzinfo) -> CalendarFacts:
    busy: list[Interval] = []
    off_days: set[date] = set()
    stated: dict[date, list[tuple[int, Location]]] = {}
    for event in occurrences:
        if is_cancelled(event):
            continue
        if not is_all_day(event):
            if not is_free(event):
                busy.append(timed_interval(event, floating))
            continue
        days = dates_covered(event)
        in_week = [day for day in days if window.covers(day)]
        if is_out_of_office(event):
            off_days.update(in_week)
        elif where := stated_location(event):
            for day in in_week:
                stated.setdefault(day, []).append((len(days), where))
        elif not is_free(event):
            busy.extend(window.whole_day(day) for day in in_week)
    return CalendarFacts(
        busy=busy_in_window(busy, window),
        off_days=frozenset(off_days),
        locations={day: choose_location(claims) for day, claims in sorted(stated.items())},
    )


def is_cancelled(event: Event) -> bool:
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def is_all_day(event: Event) -> bool:
    start = moment(event, "DTSTART")
    return isinstance(start, date) and not isinstance(start, datetime)


def busy_status(event: Event) -> str:
    return str(event.get(BUSY_STATUS, "")).strip().upper()


def is_free(event: Event) -> bool:
    if status := busy_status(event):
        return status == "FREE"
    return str(event.get("TRANSP", "OPAQUE")).strip().upper() == "TRANSPARENT"


def is_out_of_office(event: Event) -> bool:
    return busy_status(event) == "OOF" or says_off(_text(event, "SUMMARY"))


def stated_location(event: Event) -> Location | None:
    """The place an all-day event says the person works; the title speaks before LOCATION."""
    for name in ("SUMMARY", "LOCATION"):
        if where := stated_place(_text(event, name)):  # the words of calendar_words.py
            return where
    return "home" if busy_status(event) == "WORKINGELSEWHERE" else None


def choose_location(claims: list[tuple[int, Location]]) -> Location:
    """Of the location events on one date, the one spanning fewest days; on a tie, home."""
    return min(claims, key=lambda claim: (claim[0], claim[1] != "home"))[1]


def dates_covered(event: Event) -> list[date]:
    start, end = moment(event, "DTSTART"), event.end
    end = end.date() if isinstance(end, datetime) else end
    # DTEND of an all-day event is exclusive; a missing or equal one still means that day.
    last = max(end, start + timedelta(days=1))
    return [start + timedelta(days=n) for n in range((last - start).days)]


def timed_interval(event: Event, floating: tzinfo) -> Interval:
    return Interval(_aware(moment(event, "DTSTART"), floating), _aware(event.end, floating))


def _aware(moment: date, floating: tzinfo) -> datetime:
    if not isinstance(moment, datetime):
        # A date DTEND on a timed event (RFC 5545 forbids it, some apps write it): midnight.
        return datetime.combine(moment, time(0), tzinfo=floating)
    return moment if moment.tzinfo else moment.replace(tzinfo=floating)


def _text(event: Event, name: str) -> str:
    return str(event.get(name, ""))
