"""`rhythm plan` and the calendars it writes in Dutch and in English: `--lang`, or the locale."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import icalendar
import pytest

from .test_cli import EXAMPLES, rhythm


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("i18n") / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder / "platform-week.json"


def summaries(folder: Path, member: str) -> set[str]:
    calendar = icalendar.Calendar.from_ical((folder / f"{member}.ics").read_bytes())
    return {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def test_rhythm_plan_lang_nl_prints_the_week_in_dutch(example: Path, tmp_path: Path):
    done = rhythm("plan", str(example), "--lang", "nl", "--time-limit", "5", "--ics", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "platform: week 49 (ma 30 nov 2026), Europe/Amsterdam"
    assert "  ma 30 nov  kantoor  " in done.stdout and "  wo 02 dec  thuis  " in done.stdout
    assert any(line.startswith("Ana de Vries: 3 kantoordagen, overleg 3 u 05") for line in lines)
    assert "Status: optimaal. Overleg ingepland: 7 van 7." in lines
    assert " lunch" in done.stdout and " AM" not in done.stdout and " PM" not in done.stdout
    # The blocks rhythm writes into the calendars speak the language too.
    assert {"Lunch", "Focustijd", "Kantoordag"} <= summaries(tmp_path, "ana")


def test_the_locale_chooses_dutch_and_lang_overrides_it(example: Path, tmp_path: Path):
    env = {**os.environ, "LANG": "nl_NL.UTF-8"}
    env.pop("LANGUAGE", None)
    dutch = rhythm("plan", str(example), "--time-limit", "5", env=env)
    assert dutch.returncode == 0, dutch.stderr
    assert dutch.stdout.startswith("platform: week 49 (ma 30 nov 2026)")
    english = rhythm("--lang", "en", "plan", str(example), "--time-limit", "5", "--ics", str(tmp_path),
                     env=env)
    assert english.stdout.startswith("platform: week 49 (Mon 30 Nov 2026), Europe/Amsterdam")
    assert "  Mon 30 Nov  office  " in english.stdout
    assert {"Lunch", "Focus time", "Office day"} <= summaries(tmp_path, "ana")


def test_a_language_rhythm_does_not_speak_is_refused_in_words(example: Path):
    done = rhythm("plan", str(example), "--lang", "fr")
    assert done.returncode == 2
    assert "argument --lang: 'fr' is not a language rhythm speaks (en, nl)" in done.stderr


def page_text(index: Path) -> str:
    page = re.sub(r"<(svg|style)\b.*?</\1>", " ", index.read_text(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_rhythm_report_lang_nl_writes_the_report_in_dutch(example: Path, tmp_path: Path):
    plan = tmp_path / "plan.json"
    assert rhythm("plan", str(example), "--time-limit", "5", "--out", str(plan)).returncode == 0
    for language in ("nl", "en"):
        done = rhythm("report", str(plan), "--request", str(example), "--baseline", "--lang", language,
                      "--out", str(tmp_path / language))
        assert done.returncode == 0, done.stderr
    dutch, english = page_text(tmp_path / "nl" / "index.html"), page_text(tmp_path / "en" / "index.html")
    assert '<html lang="nl">' in (tmp_path / "nl" / "index.html").read_text()
    assert dutch.startswith("platform: week 49 (ma 30 nov 2026)")
    assert "In cijfers" in dutch and "deze planning" in dutch and "met de hand" in dutch
    assert "Tijd in overleg (alle leden) 16 u 10" in dutch and "ma 30 nov" in dutch
    assert "In figures" not in dutch
    assert english.startswith("platform: week 49 (Mon 30 Nov 2026)")
    assert "Time in meetings (all members) 16 h 10" in english and "by hand" in english


def test_an_error_in_dutch_keeps_the_field_name_and_translates_the_rest(example: Path, tmp_path: Path):
    request = json.loads(example.read_text())
    request["rules"]["meeting_hours"]["start"] = "25:00"
    del request["meetings"][0]["minutes"]
    bad = example.with_name("bad.json")
    bad.write_text(json.dumps(request))
    dutch = rhythm("plan", str(bad), "--lang", "nl")
    assert dutch.returncode == 2 and "Traceback" not in dutch.stderr
    assert 'rules.meeting_hours.start: een tijd als UU:MM verwacht, maar kreeg "25:00"' in dutch.stderr
    assert "meetings[0].minutes: ontbreekt" in dutch.stderr
    english = rhythm("plan", str(bad))
    assert 'rules.meeting_hours.start: expected a time as HH:MM, got "25:00"' in english.stderr
    refused = rhythm("plan", str(example), "--lang", "nl", "--time-limit", "-1")
    assert "argument --time-limit: '-1' is geen aantal seconden boven 0" in refused.stderr
