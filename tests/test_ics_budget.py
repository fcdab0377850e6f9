"""Calendar expansion has a total budget (issue 22.12): 60 events repeating every minute since
months before the week (6 KB) held an upload 41 s under a process-wide lock.

Each series alone stays under the per-rule bound; together they are refused at the line of
the first one past the calendar's budget, before any of them is walked; a job's calendars
share the job's steps and deadline; the week is expanded without the parsing lock held.
"""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest

from connectors.budget import BudgetSpent, job_budget
from connectors.ics import expand
from connectors.ics.read import read_ics

WEEK = date(2026, 11, 30)


def minutely(events: int, *, days_before: int = 90, rule: str = "FREQ=MINUTELY") -> str:
    """The attack: `events` series repeating every minute from `days_before` the week on."""
    start = WEEK - timedelta(days=days_before)
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:tick-{n}\r\nDTSTART:{start:%Y%m%d}T0{n % 10}0000Z\r\n"
        f"DURATION:PT1M\r\nRRULE:{rule}\r\nEND:VEVENT\r\n" for n in range(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//attack//EN\r\n{body}END:VCALENDAR\r\n"


def read(text: str, strict: bool = False) -> object:
    return read_ics(text, source="upload.ics", week=WEEK, timezone="Europe/Amsterdam", strict=strict)


@pytest.mark.parametrize("strict", [False, True])
def test_sixty_minutely_series_are_refused_at_the_first_past_the_calendar_budget(strict: bool) -> None:
    text = minutely(60)
    assert len(text) < 8000  # a few kilobytes
    started = time.monotonic()
    with pytest.raises(BudgetSpent) as raised:
        read(text, strict)
    assert time.monotonic() - started < 5  # before: 41 s
    error = raised.value
    assert error.source == "upload.ics"
    # The fifth series is the first past 600,000 steps: 4 x 129,600 fit, 5 do not.
    assert error.line == text[:text.index("RRULE", text.index("UID:tick-4"))].count("\n") + 1
    assert "'tick-4'" in str(error) and "steps" in str(error)


def test_a_calendar_within_the_budget_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the step budget is under test: the per-series clock bound would cut a slow walk short
    # on a loaded machine (with a warning), which is not what this test is about.
    monkeypatch.setattr(expand, "SERIES_SECONDS", 60.0)
    facts = read(minutely(5, days_before=365, rule="FREQ=HOURLY"))
    assert len(facts.busy) == 7 * 24 and not facts.warnings


def test_calendars_of_one_job_share_its_steps() -> None:
    text = minutely(1, days_before=30)  # about 43,000 steps
    with job_budget(steps=120_000):
        read(text)
        read(text)
        with pytest.raises(BudgetSpent, match="calendars of this plan together"):
            read(text)


def test_a_job_past_its_deadline_stops_reading() -> None:
    with job_budget(seconds=0.0), pytest.raises(BudgetSpent, match="ran out of its 0 s"):
        read(minutely(1, days_before=1))


def test_the_week_is_expanded_without_the_parsing_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another team's upload parses while this calendar's week is expanded."""
    held: list[bool] = []
    original = expand.bounded

    def watching(*args: object) -> object:
        got = threading.Event()
        threading.Thread(target=lambda: expand._PARSING.acquire(timeout=1) and (
            got.set(), expand._PARSING.release())).start()
        held.append(not got.wait(2))
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(expand, "bounded", watching)
    read(minutely(1, days_before=1))
    assert held == [False]
