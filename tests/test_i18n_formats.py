"""Dates, weeks, times and durations the way each language writes them (i18n.formats), and
the language chosen from a setting or the locale (i18n)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

import i18n
from i18n import formats

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(("language", "day", "long_day"), [
    ("nl", "ma 30 nov", "maandag 30 november 2026"),
    ("en", "Mon 30 Nov", "Monday 30 November 2026"),
])
def test_a_day_reads_the_way_its_language_writes_it(language, day, long_day):
    with i18n.use(language):
        assert formats.day(MONDAY) == day
        assert formats.long_day(MONDAY) == long_day


@pytest.mark.parametrize("language", ["nl", "en"])
def test_weeks_are_iso_week_numbers_in_both_languages(language):
    with i18n.use(language):
        assert formats.week(MONDAY) == "week 49"
        assert formats.week(date(2027, 1, 1)) == "week 53"  # a Friday: still 2026's last week
        assert formats.week(date(2027, 1, 4)) == "week 1"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_times_are_on_the_24_hour_clock_in_both_languages(language):
    with i18n.use(language):
        assert formats.clock(time(14, 5)) == "14:05"
        assert formats.span(datetime(2026, 11, 30, 9, 0), datetime(2026, 11, 30, 21, 30)) == "09:00-21:30"


def test_durations_are_hours_and_minutes_in_each_language():
    with i18n.use("nl"):
        assert formats.duration(65) == "1 u 05"
        assert formats.duration(-45) == "-0 u 45"
    with i18n.use("en"):
        assert formats.duration(65) == "1 h 05"


def test_weekday_names_come_from_the_language():
    with i18n.use("nl"):
        assert formats.weekday("wednesday") == "woensdag"
        assert formats.weekday("wednesday", "abbreviated") == "wo"
    with i18n.use("en"):
        assert formats.weekday("wednesday") == "Wednesday"


@pytest.mark.parametrize(("given", "language"), [
    ("nl", "nl"), ("nl_NL.UTF-8", "nl"), ("nl-BE", "nl"), ("NL", "nl"), ("en_GB.UTF-8", "en"),
    ("de_DE.UTF-8", None), ("C.UTF-8", None), ("", None), ("nonsense!", None),
])
def test_a_language_is_found_in_any_way_it_is_written(given, language):
    assert i18n.supported(given) == language


def test_the_locale_chooses_the_language_when_nothing_else_does(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert i18n.from_environment() == "nl"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.from_environment() == "en"


def test_a_language_is_used_only_inside_its_block():
    with i18n.use("nl"):
        assert i18n.gettext("%(hours)d h %(minutes)02d", hours=1, minutes=5) == "1 u 05"
    assert i18n.current() == "en"
