"""`rhythm plan` reading CalDAV calendars and `rhythm sync` writing them, end to end through
the installed `rhythm` command against a real Radicale, as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli import sync_cmd
from cli.main import main
from connectors import CalendarSink
from connectors.sync import DesiredEvent
from connectors.sync.sinks import open_sink

from .conftest import Collection, Radicale, RadicaleProcess, clean_environment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RHYTHM = str(Path(sys.executable).parent / "rhythm")  # the console script `pip install` made


def rhythm(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RHYTHM, *args], capture_output=True, text=True, env=env, timeout=180,
                          check=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def team(radicale: Radicale, folder: Path) -> tuple[Path, dict[str, Collection]]:
    """The example team, every member's calendar moved from its .ics file into CalDAV."""
    tmp_path = folder
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    request = tmp_path / "examples" / "platform-week.json"
    document = json.loads(request.read_text())
    calendars = {}
    for member in document["members"]:
        calendars[member["id"]] = radicale.new_calendar(member["id"])
        for path in member.get("calendars", []):
            calendars[member["id"]].upload((request.parent / path).read_text())
        member["calendars"] = [calendars[member["id"]].address]
    caldav_request = tmp_path / "caldav-week.json"
    caldav_request.write_text(json.dumps(document))
    return caldav_request, calendars


@pytest.fixture(scope="module")
def planned(team: tuple[Path, dict[str, Collection]], radicale: Radicale, folder: Path) -> Path:
    """The plan `rhythm plan` made from the CalDAV calendars (shared: tests only read it)."""
    done = rhythm("plan", str(team[0]), "--out", str(folder / "plan.json"),
                  env=clean_environment(folder, **radicale.login()))
    assert done.returncode == 0, done.stderr
    return folder / "plan.json"


def test_plan_reads_caldav_calendars_like_the_files_they_came_from(planned: Path, folder: Path):
    plan = json.loads(planned.read_text())
    assert plan["status"] == "optimal" and plan["metrics"]["meetings_placed"] == 7
    # The file-based request judges the plan: every busy time read over CalDAV was respected.
    checked = rhythm("check", str(folder / "examples" / "platform-week.json"), str(planned),
                     env=clean_environment(folder))
    assert checked.returncode == 0 and "valid" in checked.stdout, checked.stdout


def test_sync_dry_run_then_sync_then_sync_again(
    planned: Path, team: tuple[Path, dict[str, Collection]], radicale: Radicale, tmp_path: Path
):
    ana = team[1]["ana"]
    env = clean_environment(tmp_path, **radicale.login())
    foreign = ana.resources()
    dry = rhythm("sync", str(planned), "--member", "ana", "--to", ana.address, "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == "dry run: nothing was changed" and lines[1].startswith("create  ")
    assert ana.resources() == foreign
    done = rhythm("sync", str(planned), "--member", "ana", "--to", ana.address, env=env)
    assert done.returncode == 0, done.stderr
    created = len(ana.resources()) - len(foreign)
    assert done.stdout.splitlines()[0] == f"ana's week of 2026-11-30 in {ana.address}: synced"
    assert done.stdout.splitlines()[-1] == f"{created} to create, 0 to update, 0 to delete, 0 unchanged"
    assert created == len(lines) - 2
    again = rhythm("sync", str(planned), "--member", "ana", "--to", ana.address, env=env)
    assert again.stdout.splitlines() == [f"ana's week of 2026-11-30 in {ana.address}: nothing to change",
                                         f"0 to create, 0 to update, 0 to delete, {created} unchanged"]


def test_sync_refuses_a_hand_edited_plan_naming_the_field(planned: Path, tmp_path: Path):
    document = json.loads(planned.read_text())
    document["meetings"][0]["start"] = "Monday ten o'clock"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document))
    done = rhythm("sync", str(edited), "--member", "ana", "--to", "caldav:http://127.0.0.1:9/ana/work/",
                  env=clean_environment(tmp_path))
    assert done.returncode == 2 and "meetings[0].start" in done.stderr and "Traceback" not in done.stderr


def test_sync_refuses_a_plan_that_is_not_json(tmp_path: Path):
    (tmp_path / "plan.json").write_text('{"version": 1,\n  "team": }')
    done = rhythm("sync", str(tmp_path / "plan.json"), "--member", "ana", "--to", "caldav:http://x/a/",
                  env=clean_environment(tmp_path))
    assert done.returncode == 2 and "plan.json, line 2, column" in done.stderr


def test_sync_names_a_member_the_plan_does_not_know(planned: Path, tmp_path: Path):
    done = rhythm("sync", str(planned), "--member", "zoe", "--to", "caldav:http://127.0.0.1:9/z/w/",
                  env=clean_environment(tmp_path))
    assert done.returncode == 2
    assert "--member zoe: not in the plan" in done.stderr and "ana, bram, cas" in done.stderr


def test_sync_with_a_wrong_password_names_the_calendar_without_the_password(
    planned: Path, team: tuple[Path, dict[str, Collection]], radicale: Radicale, tmp_path: Path
):
    env = clean_environment(tmp_path, RHYTHM_CALDAV_USERNAME=radicale.username,
                            RHYTHM_CALDAV_PASSWORD="wrong-password-123",
                            RHYTHM_CALDAV_HOSTS=radicale.plain_http_host)
    ana = team[1]["ana"]
    done = rhythm("sync", str(planned), "--member", "ana", "--to", ana.address, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"rhythm sync: {ana.address}: the server refused the account 'rhythm'")
    assert "wrong-password-123" not in done.stderr + done.stdout


def test_sync_to_an_address_rhythm_cannot_write_to(planned: Path, tmp_path: Path):
    done = rhythm("sync", str(planned), "--member", "ana", "--to", "gopher:somewhere",
                  env=clean_environment(tmp_path))
    assert done.returncode == 2 and "not a calendar rhythm can write to" in done.stderr


def test_a_sync_cut_off_says_how_far_it_got_and_the_same_command_finishes_it(
    own_radicale: RadicaleProcess, planned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    calendar = own_radicale.account.new_calendar()
    for name, value in own_radicale.account.login().items():
        monkeypatch.setenv(name, value)

    def opened_then_lost_after_two_writes(address: str, member_id: str) -> CalendarSink:
        sink = open_sink(address, member_id)
        real_create, writes = sink.create, []

        def create(event: DesiredEvent) -> None:
            real_create(event)
            writes.append(event)
            if len(writes) == 2:
                own_radicale.stop()

        sink.create = create  # type: ignore[method-assign]
        return sink

    monkeypatch.setattr(sync_cmd, "open_sink", opened_then_lost_after_two_writes)
    assert main(["sync", str(planned), "--member", "ana", "--to", calendar.address]) == 2
    error = capsys.readouterr().err
    assert "cannot reach the CalDAV server" in error
    assert error.rstrip().endswith("The sync stopped after 2 change(s); run the same command again "
                                   "to finish it.")
    own_radicale.start()
    env = clean_environment(tmp_path, **own_radicale.account.login())
    finished = rhythm("sync", str(planned), "--member", "ana", "--to", calendar.address, env=env)
    total = len(calendar.resources())
    assert finished.stdout.splitlines()[-1] == f"{total - 2} to create, 0 to update, 0 to delete, 2 unchanged"
