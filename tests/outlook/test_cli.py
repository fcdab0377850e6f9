"""End to end through the installed `rhythm` command, pointed at the stand-in: sign in,
plan a week from Outlook calendars, sync it into Outlook, and what a person sees when
consent is gone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from connectors.outlook.tokens import default_user, token_path
from scheduler.plan.plan_json import plan_to_json

from .conftest import sign_in
from .plans import week_plan
from .standin import StandIn

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RHYTHM = str(Path(sys.executable).parent / "rhythm")
WEST = "W. Europe Standard Time"


def rhythm(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The environment (RHYTHM_*, REQUESTS_CA_BUNDLE) is the one the `standin` fixture set.
    return subprocess.run([RHYTHM, *args], capture_output=True, text=True, cwd=cwd, timeout=180, check=False)


def at(day: str, clock: str) -> dict[str, str]:
    return {"dateTime": f"{day}T{clock}:00", "timeZone": WEST}


@pytest.fixture
def request_file(tmp_path: Path) -> Path:
    """The example team, with ana, bram and cas on Outlook (dewi and femke keep their ICS files)."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    path = tmp_path / "examples" / "platform-week.json"
    document = json.loads(path.read_text())
    for member in document["members"]:
        if member["id"] in ("ana", "bram", "cas"):
            member["calendars"] = [f"outlook:{member['email']}"]
    path.write_text(json.dumps(document))
    return path


def test_login_prints_where_to_sign_in_waits_and_keeps_the_tokens(standin: StandIn) -> None:
    standin.sign_in_as("ana@example.com")
    standin.tenant.pending_polls = 1  # the person takes a moment to type the code
    done = rhythm("login", "outlook")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith(
        f"To sign in to Outlook, open {standin.url}/devicelogin in a browser and enter the code "
    )
    assert "Signed in to Outlook as Ana de Vries <ana@example.com>" in done.stdout
    assert token_path("ana@example.com").exists() and default_user() == "ana@example.com"
    assert [r[2] for r in standin.requests("POST", "/token")] == [400, 200]  # pending, then signed in


def test_login_without_a_client_id_says_what_to_set(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RHYTHM_CLIENT_ID")
    done = rhythm("login", "outlook")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("rhythm login: RHYTHM_CLIENT_ID is not set")


def test_busy_shows_what_rhythm_reads_from_an_outlook_calendar(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com", default=True)
    standin.add_event(
        "ana@example.com", subject="Board", start=at("2026-12-01", "10:00"), end=at("2026-12-01", "12:00")
    )
    done = rhythm("busy", "outlook:me", "--week", "2026-11-30", "--timezone", "Europe/Amsterdam")
    assert done.returncode == 0, done.stderr
    assert "Tue  1 Dec  10:00-12:00 busy" in done.stdout


def test_plan_reads_outlook_calendars_then_sync_writes_the_week_into_outlook(
    standin: StandIn, request_file: Path, tmp_path: Path
) -> None:
    sign_in(standin, "ana@example.com", default=True)
    sign_in(standin, "bram@example.com")
    # Ana: busy Tuesday morning, off on Thursday; cas (not signed in, calendar not shared):
    # read as free/busy through ana's sign-in, out of office on Wednesday.
    standin.add_event(
        "ana@example.com", subject="Board", start=at("2026-12-01", "10:00"), end=at("2026-12-01", "12:00")
    )
    standin.add_event(
        "ana@example.com",
        subject="Leave",
        showAs="oof",
        isAllDay=True,
        start=at("2026-12-03", "00:00"),
        end=at("2026-12-04", "00:00"),
    )
    standin.add_event(
        "cas@example.com",
        subject="Away",
        showAs="oof",
        isAllDay=True,
        start=at("2026-12-02", "00:00"),
        end=at("2026-12-03", "00:00"),
    )
    plan_file = tmp_path / "plan.json"
    done = rhythm("plan", str(request_file), "--out", str(plan_file), "--time-limit", "20")
    assert done.returncode == 0, done.stderr
    plan = json.loads(plan_file.read_text())
    assert _meetings_of(plan, "ana") and _meetings_of(plan, "cas")
    assert not _meetings_of(plan, "ana", "2026-12-01T10:00:00+01:00", "2026-12-01T12:00:00+01:00")
    assert not _meetings_of(plan, "ana", "2026-12-03T00:00:00+01:00", "2026-12-04T00:00:00+01:00")
    assert not _meetings_of(plan, "cas", "2026-12-02T00:00:00+01:00", "2026-12-03T00:00:00+01:00")
    assert "2026-12-03" not in plan["office_days"]["ana"]
    assert standin.requests("POST", "getSchedule")  # cas's week came from free/busy

    dry = rhythm("sync", str(plan_file), "--member", "ana", "--to", "outlook:me", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        dry.stdout.startswith("dry run: nothing was changed")
        and standin.events_of("ana@example.com")[2:] == []
    )
    first = rhythm("sync", str(plan_file), "--member", "ana", "--to", "outlook:me")
    assert first.returncode == 0, first.stderr
    written = [e for e in standin.events_of("ana@example.com") if e["subject"] not in ("Board", "Leave")]
    assert {e["subject"] for e in written} >= {"Lunch", "Office day", "Design session"}
    again = rhythm("sync", str(plan_file), "--member", "ana", "--to", "outlook:ana@example.com")
    assert again.returncode == 0, again.stderr
    assert "nothing to change" in again.stdout and "\n0 to create, 0 to update, 0 to delete" in again.stdout


def test_a_sync_after_consent_was_revoked_says_to_sign_in_again(standin: StandIn, tmp_path: Path) -> None:
    standin.tenant.token_lifetime = 60
    sign_in(standin, "ana@example.com", default=True)
    standin.revoke("ana@example.com")
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan_to_json(week_plan())))
    done = rhythm("sync", str(plan_file), "--member", "ana", "--to", "outlook:me")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(
        "rhythm sync: outlook:me: Outlook no longer accepts the sign-in of "
        "ana@example.com (invalid_grant: AADSTS70000"
    )
    assert done.stderr.rstrip().endswith("reconnect: run `rhythm login outlook`")


def _meetings_of(
    plan: dict[str, Any],
    member: str,
    start: str = "0001-01-01T00:00:00+00:00",
    end: str = "9999-01-01T00:00:00+00:00",
) -> list[dict[str, Any]]:
    """The member's meetings in the plan that overlap [start, end)."""
    begin, finish = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return [
        m
        for m in plan["meetings"]
        if member in m["attendees"] + m["optional"]
        and datetime.fromisoformat(m["start"]) < finish
        and begin < datetime.fromisoformat(m["end"])
    ]
