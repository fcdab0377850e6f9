"""Mutated calendars never crash the reader: each is read (tolerant: with warnings) or
refused with a CalendarError naming the file, never another exception.

A fixed, small budget (derandomized, 150 examples of up to four mutations of the repo's
own calendars) so CI is stable and quick; `python -m bench.fuzz_ics` runs the long
version over the real calendars in icalendar and recurring-ical-events.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.ics_mutations import KINDS, mutate, seed_calendars
from connectors.ics.read import read_ics
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

ROOT = Path(__file__).resolve().parent.parent
WEEK = date(2026, 11, 30)
SEEDS = seed_calendars(ROOT / "tests" / "fixtures" / "ics", ROOT / "examples")
operations = st.lists(
    st.tuples(st.integers(0, KINDS - 1), st.integers(0, 1 << 20), st.integers(0, 1 << 20)),
    min_size=1, max_size=4,
)


def read_or_refuse(text: str, name: str, strict: bool) -> CalendarFacts | CalendarError:
    try:
        return read_ics(text, source=name, week=WEEK, timezone="Europe/Amsterdam", strict=strict)
    except CalendarError as error:
        return error


@settings(max_examples=150, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=operations)
def test_a_mutated_calendar_is_read_or_refused_with_a_calendar_error(seed: int, ops: list) -> None:
    name, text = SEEDS[seed]
    mutated = mutate(text, ops)
    tolerant = read_or_refuse(mutated, name, strict=False)
    strict = read_or_refuse(mutated, name, strict=True)
    for outcome in (tolerant, strict):
        if isinstance(outcome, CalendarError):
            assert str(outcome).startswith(name)
    if isinstance(strict, CalendarFacts):
        # Whatever strict reading accepts, tolerant reading reads the same way.
        assert tolerant == strict


def test_the_fuzz_starts_from_many_calendars() -> None:
    assert len(SEEDS) > 40
