"""Every numeric option refuses nonsense, naming itself, with exit status 2; `rhythm --version`."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from cli.main import build_parser, main
from scheduler.solve import SolveSettings
from tests.test_cli import rhythm

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "platform-week.json")


def test_plan_refuses_a_negative_time_limit(tmp_path: Path):
    done = rhythm("plan", EXAMPLE, "--time-limit", "-1", "--out", str(tmp_path / "plan.json"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "rhythm plan: error: argument --time-limit: '-1' is not a number of seconds above 0 (e.g. 10 or 0.5)")
    assert "feasible" not in done.stdout and not (tmp_path / "plan.json").exists()


NONSENSE = [
    (["plan", "r.json", "--time-limit"], "--time-limit", ["0", "-1", "nan", "inf", "ten"]),
    (["plan", "r.json", "--workers"], "--workers", ["0", "-2", "1.5"]),
    (["org", "plan", "o.json", "--out", "d", "--workers"], "--workers", ["0", "-1"]),
    (["org", "plan", "o.json", "--out", "d", "--team-time-limit"], "--team-time-limit", ["0", "-2", "nan"]),
    (["org", "plan", "o.json", "--out", "d", "--master-time-limit"], "--master-time-limit",
     ["0", "-0.5", "inf"]),
    (["serve", "--port"], "--port", ["0", "-1", "65536", "http"]),
    (["serve", "--threads"], "--threads", ["0"]),
    (["worker", "--concurrency"], "--concurrency", ["0", "-3"]),
]


@pytest.mark.parametrize(("args", "option", "value"),
                         [(args, option, value) for args, option, values in NONSENSE for value in values])
def test_every_numeric_option_refuses_nonsense_naming_the_option(args, option, value, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*args, value])
    assert stopped.value.code == 2
    assert f"error: argument {option}: {value!r} is not " in capsys.readouterr().err


def test_sensible_numbers_are_still_taken():
    parse = build_parser().parse_args
    plan = parse(["plan", "r.json", "--time-limit", "0.5", "--workers", "1"])
    org = parse(["org", "plan", "o.json", "--out", "d", "--workers", "3", "--team-time-limit", "1e1",
                 "--master-time-limit", "2"])
    serve = parse(["serve", "--port", "65535", "--threads", "1"])
    assert (plan.time_limit, plan.workers) == (0.5, 1)
    assert (org.workers, org.team_time_limit, org.master_time_limit) == (3, 10.0, 2.0)
    assert (serve.port, serve.threads, parse(["worker"]).concurrency) == (65535, 1, 1)


@pytest.mark.parametrize("limit", [0, -1, float("nan"), float("inf")])
def test_solve_settings_refuse_a_time_limit_that_is_no_time(limit):
    with pytest.raises(ValueError, match="time_limit must be a number of seconds above 0"):
        SolveSettings(time_limit=limit)


def test_solve_settings_refuse_no_workers():
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        SolveSettings(workers=0)


def test_version_prints_the_installed_version():
    done = rhythm("--version")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert done.returncode == 0
    assert done.stdout == f"rhythm {metadata.version('rhythm')}\n" == f"rhythm {declared}\n"
