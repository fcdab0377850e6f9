"""The stored copy of a calendar reads to the same busy time as the upload (issue 20.2).

What is stored is rebuilt from the reader's own reading (`connectors/ics/minimise.py`): the
property over mutated real calendars (a fixed budget here; `python -m bench.stored_calendars`
for the long run, bench/RESULTS.md), the leaks the issue found, each in a fixture named after
it, and warnings of later readings told as lines of the user's file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.ics_mutations import KINDS, mutate
from bench.stored_calendars import CANARY, PLACES, check_stored, grammar_problems, seeds, with_canaries
from connectors.ics.minimise import read_and_minimise
from connectors.ics.read import read_ics

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
WEEK, ZONE = date(2026, 11, 30), "Europe/Amsterdam"
SEEDS = seeds()
operations = st.lists(st.tuples(st.integers(0, KINDS - 1), st.integers(0, 1 << 20), st.integers(0, 1 << 20)),
                      min_size=1, max_size=4)
canaries = st.lists(st.tuples(st.integers(0, len(PLACES) - 1), st.integers(0, 1 << 20)), max_size=2)


@settings(max_examples=200, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=operations, words=canaries)
def test_the_stored_copy_reads_to_the_same_busy_time_as_the_upload_and_keeps_none_of_its_words(
        seed: int, ops: list, words: list) -> None:
    name, text = SEEDS[seed]
    outcome = check_stored(with_canaries(mutate(text, ops), words), name)
    assert outcome.problems == ()


def test_the_property_runs_over_real_calendars_and_the_grammar_refuses_words() -> None:
    assert len(SEEDS) > 200  # icalendar's and recurring-ical-events' real calendars, and ours
    assert grammar_problems("BEGIN:VEVENT\r\nSUMMARY:Therapy\r\nDTSTART;X-NOTE=x:20261201T100000Z\r\n"
                            "STATUS:burnout\r\nUID:ana@example.org\r\nEND:VEVENT\r\n") == [
        "SUMMARY:Therapy", "DTSTART;X-NOTE=x:20261201T100000Z", "STATUS:burnout", "UID:ana@example.org"]


def stored(name: str) -> tuple[str, str]:
    text = (FIXTURES / name).read_bytes().decode()
    return text, read_and_minimise(text, source=name, week=WEEK, timezone=ZONE)[1]


def facts(text: str) -> tuple:
    read = read_ics(text, source="x", week=WEEK, timezone=ZONE)
    return read.busy, read.off_days, read.locations


def test_events_inside_an_unknown_component_are_busy_in_the_stored_copy_too() -> None:
    original, kept = stored("events_inside_an_unknown_component.ics")
    assert len(facts(original)[0]) == 3
    assert facts(kept) == facts(original)
    assert "Fertility" not in kept and "groupware" not in kept and grammar_problems(kept) == []


def test_a_vevent_nested_in_a_vtimezone_is_stored_as_its_busy_time_only() -> None:
    original, kept = stored("vevent_nested_in_vtimezone.ics")
    assert facts(kept) == facts(original) and len(facts(original)[0]) == 2
    for words in ("Divorce", "advocaat", "mediation-session", "Kerkstraat", "lawyer", "Ana's winter"):
        assert words in original and words not in kept, words


def test_parameters_rrule_x_parts_and_status_words_are_not_stored() -> None:
    original, kept = stored("free_text_in_parameters_and_values.ics")
    assert facts(kept) == facts(original)
    for words in ("dr Jansen", "insurance", "X-REASON", "burnout", "insurer", "busy with therapy", "bailiff"):
        assert words in original and words not in kept, words
    assert "STATUS:CANCELLED" in kept  # what the words meant to the reader stays


def test_warnings_after_a_later_plan_cite_the_users_file_and_line_not_the_stored_copy() -> None:
    broken = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n"
              "BEGIN:VEVENT\r\nUID:appraisal-ana@example.com\r\nSUMMARY:Secret appraisal\r\n"
              "DTSTART:20261202T090000Z\r\nDTSTART:20261202T100000Z\r\nEND:VEVENT\r\n"
              "BEGIN:VEVENT\r\nUID:weekly@example.com\r\nDTSTART:20261102T100000Z\r\n"
              "RRULE:FREQ=WEEKLY;X-REASON=appraisal\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    door, kept = read_and_minimise(broken, source="ana.ics", week=WEEK, timezone=ZONE,
                                   label="calendar uploaded on 2026-11-20")
    later = read_ics(kept, source="members[0].calendars[0] (inline)", week=WEEK, timezone=ZONE)
    assert [(w.line, w.skipped) for w in later.warnings] == [(w.line or 10, w.skipped) for w in door.warnings]
    repeated, unexpanded = later.warnings
    assert str(repeated) == ("calendar uploaded on 2026-11-20, line 7: "
                             "DTSTART of the event on line 4 appears 2 times")
    assert str(unexpanded) == ("calendar uploaded on 2026-11-20, line 10: "
                               "the event on line 10 cannot be expanded and is skipped")
    assert all(w.uid is None for w in later.warnings)
    assert "appraisal" not in kept and "@rhythm'" not in str(later.warnings)


def test_a_stored_copy_stored_again_still_cites_the_users_file() -> None:
    _, kept = stored("malformed_bad_dtstart.ics")
    again = read_and_minimise(kept, source="stored", week=WEEK, timezone=ZONE)[1]
    first, second = (read_ics(t, source="x", week=WEEK, timezone=ZONE).warnings for t in (kept, again))
    assert first and [w.line for w in first] == [w.line for w in second]
    assert CANARY not in again
