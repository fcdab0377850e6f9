"""Calendars are stored as planning facts only: the reduced calendar reads exactly as the
original (busy times, days off, locations), and holds none of its words or addresses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from connectors.ics.minimise import minimise_ics, minimise_request
from connectors.ics.read import read_ics
from scheduler.errors import CalendarError

ROOT = Path(__file__).resolve().parents[1]
PRIVATE = ROOT / "tests" / "fixtures" / "private.ics"
SECRETS = ("Zorgplan", "oncoloog", "biopsie", "Rijnstate", "geheim", "secret.patient", "Kerkstraat",
           "IVF", "Pieter", "ziekenhuis", "private calendar")
CALENDARS = sorted([*ROOT.glob("examples/calendars/*.ics"), *ROOT.glob("tests/fixtures/ics/*.ics"), PRIVATE])
WEEKS = (date(2026, 11, 30), date(2026, 3, 23), date(2026, 10, 19))


def facts(data: bytes | str, week: date):  # type: ignore[no-untyped-def]
    return read_ics(data, source="x", week=week, timezone="Europe/Amsterdam", days=14)


def test_the_private_calendar_keeps_its_facts_and_loses_its_words() -> None:
    original = PRIVATE.read_bytes()
    kept = minimise_ics(original, "private.ics")
    for secret in SECRETS:
        assert secret.lower() in original.decode().lower()
        assert secret.lower() not in kept.lower(), secret
    read = facts(kept, date(2026, 11, 30))
    assert read == facts(original, date(2026, 11, 30))
    assert read.off_days == {date(2026, 12, 4)} and read.locations == {date(2026, 12, 2): "home"}
    assert len(read.busy) == 2  # the moved occurrence, the tentative coffee (the 7th is excluded)


@pytest.mark.parametrize("path", CALENDARS, ids=[p.name for p in CALENDARS])
def test_every_calendar_we_read_reads_the_same_once_reduced(path: Path) -> None:
    data = path.read_bytes()
    for week in WEEKS:
        try:
            expected = facts(data, week)
        except CalendarError:
            continue  # a broken fixture: refused at the door, never stored
        reduced = facts(minimise_ics(data, path.name), week)
        # The same facts. Warnings: the file's structure (a typo in an END line, a cut-off end)
        # is repaired once, at the door, so the reduced calendar has at most the original's,
        # with the lines of the file it came from and no UID of it.
        assert (reduced.busy, reduced.off_days, reduced.locations) == (
            expected.busy, expected.off_days, expected.locations)
        assert len(reduced.warnings) <= len(expected.warnings)


def test_a_request_keeps_addresses_and_reduces_inline_calendars() -> None:
    data = {"members": [{"id": "ana", "calendars": ["https://cal.example.com/a.ics",
                                                    {"ics": PRIVATE.read_text()}]}]}
    reduced = minimise_request(data)
    assert reduced["members"][0]["calendars"][0] == "https://cal.example.com/a.ics"
    assert "Zorgplan" not in reduced["members"][0]["calendars"][1]["ics"]
    assert "Zorgplan" in data["members"][0]["calendars"][1]["ics"]  # the caller's copy is untouched
