"""bench.peers.run fails loudly, and the Java Timefold runner's input (issue 26.4).

`python -m bench.peers.run` is run as a user runs it, on the hand-made set of
test_timefold_convert.py under a name `--sets` finds. Each solver is made to give no answer
the way it can fail for real (its program missing or exiting with an error); no Java or
Timefold is needed. Java Timefold itself runs only in the benchmark (bench/RESULTS.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.peers.report import Row, Side
from bench.peers.scorer import score
from bench.peers.timefold_format import read_set
from bench.peers.timefold_java import problem_text

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "fixtures" / "timefold" / "small.json"
SET_NAME = "4meetings-7timegrains-2rooms"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    folder.mkdir()
    shutil.copy(SMALL, folder / f"{SET_NAME}.json")
    return folder


def run(data: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, **({"PATH": path} if path is not None else {}))
    return subprocess.run([sys.executable, "-m", "bench.peers.run", "--data", str(data), "--sets", "4",
                           "--limits", "1", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=False)


def test_python_timefold_without_answer_fails_naming_solver_and_set(data: Path) -> None:
    done = run(data, "--solvers", "timefold", "--timefold-python", "/bin/false")
    assert done.returncode != 0
    assert f"Timefold (Python) on {SET_NAME} at 1 s: no answer" in done.stderr
    # The table of what ran is still printed, with the reason in the cell.
    assert f"| {SET_NAME} | 1 | no answer:" in done.stdout


def test_rhythm_without_answer_fails_naming_solver_and_set(data: Path) -> None:
    done = run(data, "--solvers", "rhythm", path="/nonexistent")  # no `rhythm` to start
    assert done.returncode != 0
    assert f"rhythm on {SET_NAME} at 1 s: no answer (cannot start rhythm plan" in done.stderr


def test_java_timefold_that_cannot_run_fails_before_solving(data: Path) -> None:
    done = run(data, "--solvers", "java,rhythm", "--timefold-python", "/bin/false")
    assert done.returncode != 0
    assert "Timefold (Java) cannot run: no Timefold jars" in done.stderr
    assert done.stdout == ""  # nothing solved, not even rhythm: the yardstick is missing


def test_an_unknown_solver_is_refused(data: Path) -> None:
    done = run(data, "--solvers", "java,optaplanner")
    assert done.returncode == 2
    assert "unknown solver(s) optaplanner" in done.stderr


def test_a_solver_whose_own_score_the_scorer_contradicts_fails() -> None:
    tf = read_set(SMALL)
    scored = score(tf, {0: (0, 0), 3: (2, 0), 1: (4, 0), 2: (5, 0)})
    row = Row(SET_NAME, 4, 30, {"java": Side(scored, own_score="0hard/0medium/-1soft"),
                                "rhythm": Side(scored)})
    assert row.failures() == [f"Timefold (Java) on {SET_NAME} at 30 s: its own score 0hard/0medium/-1soft "
                              f"differs from the scorer's {scored.score}"]
    assert row.winner == "tie (Timefold (Java), rhythm)"
    row.sides["java"] = Side(scored, own_score=str(scored.score))
    assert row.failures() == []


def test_the_java_problem_lists_every_grain_room_and_meeting_with_its_people() -> None:
    tf = read_set(SMALL)
    lines = problem_text(tf, "small").splitlines()
    assert lines[:3] == ["rhythm-timefold-problem 1", "set small", "grains 7"]
    # Grain 3 is 13:00 on the first day: indexes run on over lunch.
    assert lines[3 + 3] == "3 3 0 780"
    assert lines[10:13] == ["rooms 2", "0 4", "1 2"]
    meetings = dict(line.split(" ", 1) for line in lines[14:])
    assert lines[13] == "meetings 4" and len(meetings) == 4
    for assignment in tf.assignments:
        meeting = tf.meeting(assignment.meeting)
        meeting_id, duration, required, preferred = meetings[str(assignment.id)].split(" ")
        assert int(meeting_id) == meeting.id
        assert int(duration) == meeting.duration
        assert sorted(map(int, required.split(","))) == sorted(a.person for a in meeting.required)
        assert sorted(map(int, preferred.split(","))) == sorted(a.person for a in meeting.preferred)
