"""Every real-world calendar shipped inside icalendar and recurring-ical-events, read by
`rhythm busy` the way calendar apps read it, and compared with recurring-ical-events used
directly: the same busy time in the week of each file's first event."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from cli.busy_week import read_week
from connectors.ics.read import read_ics
from scheduler.domain import Interval
from scheduler.errors import CalendarError

from .corpus import PACKAGES, ZONE, independent_busy, package_calendars, week_of_first_event

CALENDARS = package_calendars()


def label(path: Path) -> str:
    return "/".join(path.parts[-3:])


@cache
def compared(path: Path) -> tuple[tuple[Interval, ...], tuple[Interval, ...] | None]:
    """rhythm busy's reading of the file and the independent one (None: it cannot read it)."""
    data, week = path.read_bytes(), week_of_first_event(path.read_bytes())
    facts = read_week(str(path), week, ZONE).facts
    skipped = {w.uid for w in facts.warnings if w.uid and w.skipped}
    return facts.busy, independent_busy(data, week, skipped)


def test_the_packages_ship_the_calendars_this_compares() -> None:
    assert len(CALENDARS) > 150, [str(p) for p in PACKAGES]


@pytest.mark.parametrize("path", CALENDARS, ids=label)
def test_real_calendar_is_read_and_busy_equals_recurring_ical_events(path: Path) -> None:
    ours, theirs = compared(path)  # no CalendarError: every VCALENDAR is read
    if theirs is not None:
        assert ours == theirs


def test_most_real_calendars_are_compared_and_many_have_busy_time_that_week() -> None:
    results = [compared(path) for path in CALENDARS]
    both = [(ours, theirs) for ours, theirs in results if theirs is not None]
    assert len(both) >= 0.9 * len(CALENDARS)
    assert sum(1 for ours, _ in both if ours) >= 100  # the comparison is not between empty weeks


def test_files_that_are_not_calendars_are_refused() -> None:
    others = sorted(p for package in PACKAGES for p in package.rglob("*.ics") if p not in CALENDARS)
    assert others, "the packages also ship bare events and zones"
    for path in others:
        with pytest.raises(CalendarError, match="not an iCalendar file"):
            read_ics(path.read_bytes(), source=path.name, week=week_of_first_event(b""), timezone=ZONE)


def test_rhythm_busy_command_reads_a_google_export_with_end_before_start() -> None:
    path = next(p for p in CALENDARS if p.name == "end_before_start_event.ics")
    week = week_of_first_event(path.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "busy", str(path), "--week", str(week), "--timezone", ZONE,
         "--json"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    _, theirs = compared(path)
    assert [(b["start"], b["end"]) for b in shown["busy"]] == [
        (i.start.isoformat(), i.end.isoformat()) for i in theirs or ()
    ]
    assert shown["busy"], "the week has the event"
    assert any("before it starts" in w["message"] and not w["skipped"] for w in shown["warnings"])
