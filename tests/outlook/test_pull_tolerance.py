"""One bad Outlook event skips, with a warning naming its UID; the rest of the week is read.
Through the real O365 and msal libraries against the local Graph stand-in."""

from __future__ import annotations

import pytest

from connectors import ReadingContext
from connectors.sources import read_calendar_ref
from scheduler.errors import CalendarError

from .conftest import sign_in
from .reading import WEEK, at, hours, read
from .standin import StandIn


def corrupt(standin: StandIn, owner: str, event_id: str, **served: object) -> None:
    """The stand-in serves the event's start or end as given, as a broken server might."""
    with standin.tenant.lock:
        for name, value in served.items():
            standin.tenant.users[owner].events[event_id][f"_served_{name}"] = value


def test_an_unreadable_event_is_skipped_with_a_warning_and_the_rest_read(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.add_event("ana@example.com", subject="Dentist", start=at("2026-12-01", "09:00"),
                      end=at("2026-12-01", "10:00"))
    bad = standin.add_event("ana@example.com", subject="Private review", start=at("2026-12-02", "09:00"),
                            end=at("2026-12-02", "10:00"))
    corrupt(standin, "ana@example.com", bad["id"], end={"dateTime": "not a time", "timeZone": "UTC"})
    facts = read("outlook:ana@example.com")
    assert hours(facts) == ["Tue 01 09:00-10:00"]
    (warning,) = facts.warnings
    assert (warning.source, warning.uid, warning.skipped) == ("outlook:ana@example.com", bad["iCalUId"], True)
    assert "'not a time' is not a date and time" in warning.message
    assert "Private review" not in str(warning)


def test_strict_refuses_the_calendar_at_the_unreadable_event(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    bad = standin.add_event("ana@example.com", subject="Review", start=at("2026-12-02", "09:00"),
                            end=at("2026-12-02", "10:00"))
    corrupt(standin, "ana@example.com", bad["id"],
            start={"dateTime": "2026-12-02T09:00:00", "timeZone": "Customized Time Zone"})
    with pytest.raises(CalendarError, match=r"^outlook:ana@example.com: event '.*' cannot be read"):
        read_calendar_ref("outlook:ana@example.com", ReadingContext(WEEK, "Europe/Amsterdam", strict=True))


def test_an_event_ending_before_it_starts_is_read_from_the_earlier_time(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    bad = standin.add_event("ana@example.com", subject="Swapped", start=at("2026-12-03", "11:00"),
                            end=at("2026-12-03", "12:00"))
    corrupt(standin, "ana@example.com", bad["id"],
            start={"dateTime": "2026-12-03T11:00:00.0000000", "timeZone": "W. Europe Standard Time"},
            end={"dateTime": "2026-12-03T10:00:00.0000000", "timeZone": "W. Europe Standard Time"})
    facts = read("outlook:ana@example.com")
    assert hours(facts) == ["Thu 03 10:00-11:00"]
    assert [(w.uid, w.skipped) for w in facts.warnings] == [(bad["iCalUId"], False)]
