"""Each command loads only what it uses: `rhythm --help` and `rhythm check` started in 0.8 s when
every command module imported OR-Tools, the calendar readers and the JSON Schema library at
its top (bench/RESULTS.md, issue 26). A fresh interpreter runs the command; the test reads
which packages it loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from connectors.sources import read_team_calendars
from constraints import RULES
from scheduler.plan.baseline import baseline_plan
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import read_request

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "platform-week.json"
# Run the command's own `main` in a fresh interpreter, then list the top-level packages loaded.
PROBE = """
import json, sys
from cli.main import main
try:
    code = main(sys.argv[2:])
except SystemExit as stop:
    code = stop.code
loaded = sorted({name.split(".")[0] for name in sys.modules})
open(sys.argv[1], "w").write(json.dumps({"code": code, "loaded": loaded}))
"""
SOLVER_AND_SERVICE = {"ortools", "pandas", "numpy", "flask", "sqlalchemy", "alembic", "celery",
                      "cryptography", "msal", "O365", "caldav", "resvg_py", "matplotlib", "report"}
READERS = {"jsonschema", "icalendar", "recurring_ical_events", "x_wr_timezone"}


def started(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    found = tmp_path / "loaded.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(found), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, check=False)
    result = json.loads(found.read_text())
    return result["code"], set(result["loaded"]), done.stdout


@pytest.mark.parametrize("args", [["--help"], ["plan", "--help"], ["report", "--help"], ["--version"]])
def test_help_loads_neither_the_solver_nor_a_reader(tmp_path: Path, args: list[str]) -> None:
    code, loaded, shown = started(tmp_path, *args)
    assert code == 0 and "rhythm" in shown
    assert not loaded & (SOLVER_AND_SERVICE | READERS)


def test_plan_help_still_shows_the_default_time_limit(tmp_path: Path) -> None:
    _, _, shown = started(tmp_path, "plan", "--help")
    assert "(default 10)" in " ".join(shown.split())


def test_check_reads_and_validates_without_the_solver(tmp_path: Path) -> None:
    request = read_request(str(EXAMPLE))
    plan = baseline_plan(request, read_team_calendars(request), RULES)
    (tmp_path / "plan.json").write_text(json.dumps(plan_to_json(plan)))
    code, loaded, shown = started(tmp_path, "check", str(EXAMPLE), str(tmp_path / "plan.json"))
    # The week by hand holds every rule for the example team; the validator says so without CP-SAT.
    assert code == 0 and "valid, every rule holds" in shown
    assert not loaded & SOLVER_AND_SERVICE
    assert loaded >= READERS  # it did read the request and the calendars
