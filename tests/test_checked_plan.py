"""Plan a week, and never hand out a plan the spec rejects: one service (`plan_checked`) that
the command line, the web's jobs and the organisation's team solves call, one error text.

A rejected plan is a solver bug; to make one, the planner is given the rules without the
lunch rule (as a bug that dropped it would), while the validator still checks every lunch.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from constraints import RULES
from constraints.lunch import protected_lunch
from organisation.teams import TeamJob, solve_team
from scheduler.solve import PlanRejected, SolveSettings, plan_checked
from scheduler.validate import validate
from tests.factories import meeting, member, request

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WITHOUT_LUNCH = tuple(r for r in RULES if r is not protected_lunch)
REJECTED = "the planner produced a plan that breaks rules (a bug: please report it): protected_lunch: "
QUICK = SolveSettings(time_limit=5)


def _asked():
    return request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"])])


def test_a_plan_the_spec_accepts_is_handed_out():
    asked = _asked()
    plan = plan_checked(asked, {}, RULES, QUICK)
    assert [m.id for m in plan.meetings] == ["sync#1"] and validate(asked, {}, plan) == []


def test_a_plan_the_spec_rejects_is_refused_naming_each_broken_rule():
    with pytest.raises(PlanRejected) as refused:
        plan_checked(_asked(), {}, WITHOUT_LUNCH, QUICK)
    assert str(refused.value).startswith(REJECTED)
    assert "Ana has no lunch on Mon 30 Nov" in str(refused.value)
    assert {v.rule for v in refused.value.broken} == {"protected_lunch"}


def test_the_command_line_writes_nothing_the_spec_rejects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.setattr("constraints.RULES", WITHOUT_LUNCH)  # read when `rhythm plan` runs
    out = tmp_path / "plan.json"
    code = main(["plan", str(tmp_path / "examples" / "platform-week.json"), "--out", str(out),
                 "--time-limit", "5"])
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err.startswith(f"rhythm plan: {REJECTED}")


def test_an_organisation_team_gets_the_same_refusal(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("organisation.teams.RULES", WITHOUT_LUNCH)
    document = json.loads((EXAMPLES / "platform-week.json").read_text())
    result = solve_team(TeamJob("platform", document, str(EXAMPLES), time_limit=5))
    assert result.plan is None and result.error is not None
    assert result.error.startswith(f"platform: {REJECTED}")
