"""Every word of the calendar-word table (`connectors/calendar_words.py`), read as a person
means it: an all-day event titled with it on Tuesday makes that day an office day, a home
day or a day off, in the ICS reader and in the Outlook reader alike."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from connectors.calendar_words import CALENDAR_WORDS, meaning
from connectors.ics.read import read_ics
from connectors.intervals import Window
from connectors.outlook.busy import facts_from_items, item_from_event
from scheduler.domain import CalendarFacts

WEEK = date(2026, 11, 30)
TUESDAY = WEEK + timedelta(days=1)
AMSTERDAM = "Europe/Amsterdam"


def ics_with(title: str, *, location: str = "", free: bool = False) -> CalendarFacts:
    where = f"LOCATION:{location}\r\n" if location else ""
    transp = "TRANSPARENT" if free else "OPAQUE"
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//words//EN\r\nBEGIN:VEVENT\r\n"
            "UID:word@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\n"
            f"DTEND;VALUE=DATE:20261202\r\nSUMMARY:{title}\r\n{where}TRANSP:{transp}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    return read_ics(text, source="words.ics", week=WEEK, timezone=AMSTERDAM)


def outlook_with(title: str, show_as: str = "busy") -> CalendarFacts:
    window = Window(WEEK, 7, ZoneInfo(AMSTERDAM))
    event = {"subject": title, "isAllDay": True, "showAs": show_as,
             "start": {"dateTime": "2026-12-01T00:00:00", "timeZone": AMSTERDAM},
             "end": {"dateTime": "2026-12-02T00:00:00", "timeZone": AMSTERDAM}}
    item = item_from_event(event, window)
    assert item is not None
    return facts_from_items([item], window, tentative_busy=True)


def what_tuesday_is(facts: CalendarFacts) -> str | None:
    if TUESDAY in facts.off_days:
        return "off"
    return facts.locations.get(TUESDAY)


def spelled(word: str) -> str:
    """The table's word as a person types it: capitalised, "thuis*" as "Thuiswerkdag"."""
    return (word.rstrip("*") + ("werkdag" if word.endswith("*") else "")).capitalize()


@pytest.mark.parametrize(("word", "means"), sorted(CALENDAR_WORDS.items()))
def test_each_calendar_word_reads_as_it_means_in_an_ics_calendar(word, means):
    assert what_tuesday_is(ics_with(spelled(word))) == means


@pytest.mark.parametrize(("word", "means"), sorted(CALENDAR_WORDS.items()))
def test_each_calendar_word_reads_as_it_means_in_outlook(word, means):
    assert what_tuesday_is(outlook_with(spelled(word))) == means


@pytest.mark.parametrize(("title", "means"), [
    ("Vakantie Spanje", "off"), ("ZIEK", "off"), ("Out-of-office", "off"), ("Thuiswerken", "home"),
    ("Op kantoor Utrecht", "office"), ("Kantoor Utrecht", "office"), ("Home office", "home"),
    ("WFH", "home"), ("Vrijdagmiddagborrel", None), ("Officer training", None), ("Verlofaanvraag", None),
])
def test_words_inside_a_title_are_found_whole_and_in_any_case(title, means):
    assert meaning(title) == means


def test_a_place_in_the_location_counts_and_a_holiday_shown_as_free_is_still_a_day_off():
    assert what_tuesday_is(ics_with("Werkdag", location="Kantoor Utrecht")) == "office"
    assert what_tuesday_is(ics_with("Vakantie", free=True)) == "off"
    assert what_tuesday_is(outlook_with("Verlof", show_as="free")) == "off"


def test_a_title_without_a_calendar_word_blocks_the_day_and_says_nothing_of_where():
    facts = ics_with("Heidag met het team")
    assert what_tuesday_is(facts) is None and facts.busy
