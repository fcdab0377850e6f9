"""Long command-line runs show a progress bar on a terminal and nothing extra elsewhere:
`rhythm org plan` counts the teams planned, `rhythm plan` over several weeks shows its time
against the limit. A terminal is a text stream that says it is one (as a pty does)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

import cli.progress
from bench.generate_org import generate_org, write_org
from cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.progress, "DELAY", 0.0)  # the bar from the start, not after 2 s


def org_plan(tmp_path: Path) -> list[str]:
    org_file = write_org(tmp_path / "org", *generate_org(40, 2, 5))
    return ["org", "plan", str(org_file), "--out", str(tmp_path / "out"), "--workers", "1",
            "--master-time-limit", "3", "--history", f"sqlite:///{tmp_path / 'history.db'}"]


def test_org_plan_counts_the_teams_planned_on_a_terminal(tmp_path: Path, no_delay: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(org_plan(tmp_path)) == 0
    shown = terminal.getvalue()
    teams = len(list((tmp_path / "out" / "teams").glob("*.plan.json")))
    assert "teams planned" in shown and f"{2 * teams}/{2 * teams}" in shown  # each team twice: with and alone


def test_org_plan_prints_no_bar_when_not_on_a_terminal(tmp_path: Path, no_delay: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(org_plan(tmp_path)) == 0
    assert "teams planned" not in capsys.readouterr().err


def test_a_clock_bar_shows_the_time_against_the_limit_only_on_a_terminal(no_delay: None) -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with cli.progress.clock("planning 6 weeks", 10.0, stream):
            time.sleep(1.2)
    assert "planning 6 weeks:" in terminal.getvalue() and "/10 s (the time limit)" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_a_quick_run_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    with cli.progress.clock("planning 6 weeks", 10.0, terminal):
        time.sleep(0.6)  # under the 2 s delay
    assert "planning" not in terminal.getvalue()
