"""Reading a calendar through someone else's sign-in (shared, or free/busy only), and what
goes wrong on the way: throttling, revoked consent, nobody signed in, no client id."""

from __future__ import annotations

import time
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from connectors.intervals import Window
from connectors.outlook.busy import facts_from_items
from connectors.outlook.freebusy import schedule_items
from scheduler.errors import CalendarError

from .conftest import sign_in
from .reading import AMSTERDAM, WEEK, at, hours, read
from .standin import StandIn


def test_a_shared_calendar_is_read_in_full_with_a_colleagues_sign_in(standin: StandIn) -> None:
    sign_in(standin, "bram@example.com", default=True)
    standin.share("cas@example.com", with_user="bram@example.com")
    standin.add_event(
        "cas@example.com", subject="Doctor", start=at("2026-12-01", "09:00"), end=at("2026-12-01", "10:00")
    )
    assert hours(read("outlook:cas@example.com")) == ["Tue 01 09:00-10:00"]
    assert standin.requests("POST", "getSchedule") == []


def test_a_calendar_not_shared_falls_back_to_free_busy(standin: StandIn) -> None:
    sign_in(standin, "bram@example.com", default=True)
    standin.add_event(
        "cas@example.com", subject="Doctor", start=at("2026-12-01", "09:10"), end=at("2026-12-01", "09:50")
    )
    standin.add_event(
        "cas@example.com",
        subject="Holiday",
        showAs="oof",
        isAllDay=True,
        start=at("2026-12-04", "00:00"),
        end=at("2026-12-05", "00:00"),
    )
    facts = read("outlook:cas@example.com")
    assert hours(facts) == ["Tue 01 09:10-09:50"]
    assert facts.off_days == {date(2026, 12, 4)}
    assert [r[2] for r in standin.requests(path="cas@example.com/calendar/calendarView")] == [403]
    assert [r[2] for r in standin.requests("POST", "/me/calendar/getSchedule")] == [200]


def test_a_throttled_read_waits_as_long_as_graph_asks_and_then_succeeds(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.add_event(
        "ana@example.com", subject="Dentist", start=at("2026-12-01", "09:00"), end=at("2026-12-01", "10:00")
    )
    standin.fail("GET", "calendarView", status=429, retry_after=1)
    started = time.monotonic()
    assert hours(read("outlook:ana@example.com")) == ["Tue 01 09:00-10:00"]
    assert time.monotonic() - started >= 1
    assert [r[2] for r in standin.requests("GET", "calendarView")] == [429, 200]


def test_throttling_without_end_stops_with_a_clear_error(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.fail("GET", "calendarView", status=429, retry_after=0, times=100)
    with pytest.raises(
        CalendarError,
        match=r"^outlook:ana@example.com: Microsoft Graph kept throttling "
        r"GET .*calendarView \(status 429\) after 5 retries",
    ):
        read("outlook:ana@example.com")
    assert len(standin.requests("GET", "calendarView")) == 6


@pytest.mark.parametrize("error", ["invalid_grant", "interaction_required"])
def test_revoked_consent_asks_to_sign_in_again(standin: StandIn, error: str) -> None:
    standin.tenant.token_lifetime = 60  # msal refreshes tokens this close to expiry
    sign_in(standin, "ana@example.com")
    standin.revoke("ana@example.com", error)
    with pytest.raises(CalendarError) as raised:
        read("outlook:ana@example.com")
    assert str(raised.value).startswith(
        f"outlook:ana@example.com: Outlook no longer accepts the sign-in of ana@example.com ({error}: AADSTS"
    )
    assert str(raised.value).endswith("reconnect: run `rhythm login outlook`")


def test_a_token_revoked_before_it_expires_asks_to_sign_in_again(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.revoke("ana@example.com")
    with pytest.raises(
        CalendarError, match=r"InvalidAuthenticationToken.*reconnect: run `rhythm login outlook`"
    ):
        read("outlook:ana@example.com")


def test_an_expired_access_token_is_refreshed_without_asking_anyone(standin: StandIn) -> None:
    standin.tenant.token_lifetime = 60
    sign_in(standin, "ana@example.com")
    standin.add_event(
        "ana@example.com", subject="Dentist", start=at("2026-12-01", "09:00"), end=at("2026-12-01", "10:00")
    )
    before = len(standin.requests("POST", "/oauth2/v2.0/token"))
    assert hours(read("outlook:ana@example.com")) == ["Tue 01 09:00-10:00"]
    assert len(standin.requests("POST", "/oauth2/v2.0/token")) == before + 1  # the refresh grant, once


def test_a_calendar_nobody_signed_in_for_says_who_must_sign_in(standin: StandIn) -> None:
    with pytest.raises(
        CalendarError,
        match=r"^outlook:ana@example.com: nobody who can read this calendar is "
        r"signed in here: ana@example.com .* runs `rhythm login outlook`$",
    ):
        read("outlook:ana@example.com")


def test_without_a_client_id_the_error_says_what_to_set(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RHYTHM_CLIENT_ID")
    with pytest.raises(CalendarError, match=r"^outlook:me: RHYTHM_CLIENT_ID is not set"):
        read("outlook:me")


def test_free_busy_digits_are_read_when_graph_lists_no_items() -> None:
    window = Window(WEEK, 7, ZoneInfo(AMSTERDAM))
    day = 24 * 4  # 15-minute slots a day, counted from Monday 00:00
    tuesday_nine = day + 9 * 4
    view = "0" * tuesday_nine + "2222" + "11" + "0" * (3 * day - tuesday_nine - 6) + "3" * day + "0" * 8
    info = {"scheduleId": "cas@example.com", "availabilityView": view, "scheduleItems": []}
    facts = facts_from_items(schedule_items(info, window), window, tentative_busy=True)
    assert hours(facts) == ["Tue 01 09:00-10:30"]
    assert facts.off_days == {date(2026, 12, 3)}
