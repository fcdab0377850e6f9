"""Calendar references: files, feeds (against a real local HTTP server), inline calendars,
connector addresses; and a whole team's calendars read for the week."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from connectors import sources
from connectors.feeds.fetch import fetch_feed, http_url, shown_url
from connectors.sources import (
    ReadingContext,
    read_calendar_ref,
    read_member_calendars,
    read_team_calendars,
    register_reader,
    scheme_of,
)
from scheduler.domain import CalendarFacts, InlineCalendar, Interval, Member, TeamRequest
from scheduler.errors import CalendarError

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
AMSTERDAM = "Europe/Amsterdam"
WEEK = date(2026, 11, 30)
Route = tuple[int, bytes, float]  # status, body, seconds to wait before answering


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) answering `routes`; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body, delay = routes.get(self.path, (404, b"not found", 0.0))
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that gave up waiting (the timeout test) is expected

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def member(member_id: str, *calendars: str | InlineCalendar, busy: tuple[Interval, ...] = ()) -> Member:
    return Member(member_id, member_id.title(), AMSTERDAM, calendars=calendars, busy=busy)


def team(*members: Member, base_dir: Path | None = EXAMPLES) -> TeamRequest:
    return TeamRequest("platform", AMSTERDAM, WEEK, members, base_dir=base_dir)


def context(base_dir: Path | None = EXAMPLES) -> ReadingContext:
    return ReadingContext(WEEK, AMSTERDAM, base_dir=base_dir)


def hours(facts: CalendarFacts) -> list[str]:
    return [f"{i.start:%a %H:%M}-{i.end:%H:%M}" for i in facts.busy]


# Files


def test_file_calendar_is_read_relative_to_the_request_folder() -> None:
    facts = read_calendar_ref("calendars/ana.ics", context())
    assert hours(facts) == ["Mon 10:30-11:30", "Thu 14:00-15:00"]


def test_a_file_path_without_a_request_folder_is_refused() -> None:
    with pytest.raises(CalendarError, match=r"^calendars/ana.ics: a file path means nothing here"):
        read_calendar_ref("calendars/ana.ics", context(base_dir=None))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match=r"nope\.ics: cannot read the calendar: No such file"):
        read_calendar_ref("nope.ics", context(base_dir=tmp_path))


def test_a_broken_file_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.ics").write_bytes((FIXTURES / "malformed_bad_dtstart.ics").read_bytes())
    with pytest.raises(CalendarError, match=r"bad.ics, line 14: DTSTART of event"):
        read_calendar_ref("bad.ics", replace(context(base_dir=tmp_path), strict=True))


def test_a_broken_event_in_a_file_is_skipped_with_a_warning_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.ics").write_bytes((FIXTURES / "malformed_bad_dtstart.ics").read_bytes())
    facts = read_calendar_ref("bad.ics", context(base_dir=tmp_path))
    assert [(w.line, w.uid) for w in facts.warnings] == [(14, "bad-dtstart@example.com")]
    assert str(facts.warnings[0]).startswith(f"{tmp_path / 'bad.ics'}, line 14: DTSTART of event")
    assert facts.busy, "the good event in the same file is still read"


def test_a_windows_drive_letter_is_a_path_not_a_scheme() -> None:
    assert (scheme_of(r"C:\calendars\ana.ics"), scheme_of("webcal://x/y.ics")) == (None, "webcal")


# Inline calendars and inline busy time


def test_inline_calendar_is_read() -> None:
    inline = InlineCalendar((EXAMPLES / "calendars" / "bram.ics").read_text())
    facts = read_calendar_ref(inline, context(base_dir=None))
    assert facts.off_days == {date(2026, 12, 4)}


def test_a_broken_inline_calendar_is_named_by_its_place_in_the_request() -> None:
    broken = InlineCalendar("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")
    request = team(member("ana"), member("bram", "calendars/bram.ics", broken))
    with pytest.raises(CalendarError, match=r"^members\[1\]\.calendars\[1\] \(inline\), line 2"):
        read_member_calendars(request, request.members[1], strict=True)
    warnings = read_member_calendars(request, request.members[1]).warnings
    assert [str(w) for w in warnings] == [
        "members[1].calendars[1] (inline), line 2: BEGIN:VEVENT on line 2 is never closed"
        " (is the file cut off?)",
        "members[1].calendars[1] (inline), line 2: an event without a UID has no DTSTART",
    ]


def test_inline_busy_joins_the_calendar_in_the_team_zone_clipped_to_the_week() -> None:
    inline_busy = (
        Interval(datetime(2026, 11, 30, 8, 30, tzinfo=UTC), datetime(2026, 11, 30, 9, 30, tzinfo=UTC)),
        Interval(datetime(2026, 12, 7, 9, tzinfo=UTC), datetime(2026, 12, 7, 10, tzinfo=UTC)),
    )
    request = team(member("ana", "calendars/ana.ics", busy=inline_busy))
    facts = read_member_calendars(request, request.members[0])
    # 09:30-10:30 Amsterdam touches the 10:30 client call; next Monday is outside the week.
    assert hours(facts) == ["Mon 09:30-11:30", "Thu 14:00-15:00"]
    assert str(facts.busy[0].start) == "2026-11-30 09:30:00+01:00"


def test_every_member_is_present_even_without_calendars() -> None:
    request = team(
        member("ana", "calendars/ana.ics"),
        member("dewi", "calendars/dewi.ics", "calendars/bram.ics"),
        member("eva"),
    )
    facts = read_team_calendars(request)
    assert list(facts) == ["ana", "dewi", "eva"]
    assert facts["eva"] == CalendarFacts()
    assert hours(facts["dewi"]) == ["Mon 13:00-16:00"]  # bram's board meeting + dewi's training
    assert (facts["dewi"].off_days, facts["dewi"].locations) == (
        {date(2026, 12, 4)},
        {date(2026, 12, 3): "office"},
    )


# Connector addresses


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("outlook:ana@example.com", "RHYTHM_CLIENT_ID is not set"),
        ("caldav:http://127.0.0.1:9/ana/work/", "cannot reach the CalDAV server"),
    ],
)
def test_connector_addresses_reach_their_connector(
    ref: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RHYTHM_CLIENT_ID", raising=False)
    with pytest.raises(CalendarError) as raised:
        read_calendar_ref(ref, context())
    assert str(raised.value).startswith(f"{ref}: {message}")


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(CalendarError, match=r"^ftp://x/a.ics: rhythm does not know .* ftp:"):
        read_calendar_ref("ftp://x/a.ics", context())


def test_a_registered_reader_reads_its_scheme() -> None:
    def read_outlook(ref: str, context: ReadingContext) -> CalendarFacts:
        return CalendarFacts(off_days=frozenset({context.week}))

    original = sources.READERS["outlook"]
    register_reader("outlook", read_outlook)
    try:
        request = team(member("ana", "outlook:me"))
        assert read_team_calendars(request)["ana"].off_days == {WEEK}
    finally:
        register_reader("outlook", original)


def test_a_caller_can_pass_its_own_readers() -> None:
    readers = {"outlook": lambda ref, context: CalendarFacts(locations={WEEK: "home"})}
    request = team(member("ana", "outlook:me"))
    facts = read_member_calendars(request, request.members[0], readers=readers)
    assert facts.locations == {WEEK: "home"}


# Feeds, against a real HTTP server


def test_feed_calendar_is_fetched_and_read() -> None:
    routes = {"/cas.ics": (200, (EXAMPLES / "calendars" / "cas.ics").read_bytes(), 0.0)}
    with serving(routes) as base:
        request = team(member("cas", f"{base}/cas.ics"), base_dir=None)
        facts = read_member_calendars(request, request.members[0])
    assert hours(facts)[1] == "Tue 14:00-15:00"


def test_feed_answering_404_is_a_calendar_error() -> None:
    with serving({}) as base, pytest.raises(CalendarError) as raised:
        read_calendar_ref(f"{base}/gone.ics", context())
    assert str(raised.value) == f"{base}/gone.ics: the feed answered HTTP 404 Not Found"


def test_feed_serving_a_login_page_names_the_feed() -> None:
    page = (FIXTURES / "malformed_not_icalendar.ics").read_bytes()
    with serving({"/cal.ics": (200, page, 0.0)}) as base, pytest.raises(CalendarError) as raised:
        read_calendar_ref(f"{base}/cal.ics", context())
    assert str(raised.value).startswith(f"{base}/cal.ics, line 1: not an iCalendar file")


def test_feed_that_does_not_answer_in_time() -> None:
    with serving({"/slow.ics": (200, b"", 1.0)}) as base, pytest.raises(CalendarError) as raised:
        fetch_feed(f"{base}/slow.ics", timeout=0.2)
    assert str(raised.value) == f"{base}/slow.ics: the feed did not answer within 0.2 seconds"


def test_feed_nobody_listens_on() -> None:
    with serving({}) as base:
        pass  # the server is gone, its port closed
    with pytest.raises(CalendarError, match="cannot fetch the feed"):
        fetch_feed(f"{base}/cal.ics")


def test_feed_secrets_stay_out_of_error_messages() -> None:
    shown = shown_url("https://ana:s3cret@cal.example.com/ical/basic.ics?token=abc123")
    assert shown == "https://cal.example.com/ical/basic.ics?..."


def test_webcal_is_fetched_over_https() -> None:
    assert http_url("webcal://p01-caldav.icloud.com/published/2/x") == (
        "https://p01-caldav.icloud.com/published/2/x"
    )


def test_the_feed_timeout_is_twenty_seconds() -> None:
    assert fetch_feed.__kwdefaults__ == {"timeout": 20.0}
