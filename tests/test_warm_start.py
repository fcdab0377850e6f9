"""The first stage's plan found tier by tier (meetings and focus blocks, then office days around
them) before the stage proves it: a better hint than the first fit, and the same tier values."""

from __future__ import annotations

import logging

import pytest
from ortools.sat.python import cp_model

from bench.generate import generate_request
from constraints import RULES
from scheduler.model.build import BuiltModel, build_model, rule_scores
from scheduler.model.objective import weighted_sum
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings, TimePolicy
from scheduler.solve.first_plan import first_plan
from scheduler.solve.lexicographic import STAGES
from scheduler.solve.policy import Budget
from scheduler.solve.settings import Search
from scheduler.solve.warm_start import warm_first_stage
from scheduler.solve.week_solve import staged_solve


def _with_first_plan(policy: TimePolicy | None = None) -> tuple[BuiltModel, cp_model.CpSolver, Search]:
    built = build_model(Week(parse_request(generate_request(30, 70, 0.35, 1)), {}), RULES)
    how = Search(SolveSettings(time_limit=120, policy=policy or TimePolicy()), large_model=False)
    first = first_plan(built, how, seconds=20)
    assert first is not None
    return built, first, how


def _hinted_value(model: cp_model.CpModel, objective: cp_model.LinearExprT) -> int:
    """The objective's value in the model's hint, read by a solve that keeps every hinted value."""
    copy = model.clone()
    copy.maximize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(copy) in (cp_model.OPTIMAL, cp_model.FEASIBLE)  # the hint is a whole plan
    return int(solver.objective_value)


def test_the_warm_start_hints_the_first_stage_with_its_proven_optimum():
    built, first, how = _with_first_plan()
    stage = weighted_sum([t for t in built.terms if t.tier in STAGES[0]])
    drafted = int(first.value(stage))
    assert warm_first_stage(built, first, how, seconds=60) is not None
    warmed = _hinted_value(built.model, stage)
    built.model.maximize(stage)
    proof = cp_model.CpSolver()
    how.one_worker(proof)
    assert proof.solve(built.model) == cp_model.OPTIMAL
    assert drafted < warmed == int(proof.objective_value)


def test_the_warm_start_keeps_every_tier_value():
    scores: list[dict[str, int]] = []
    for warm_share in (0.5, 0.0):  # with the warm start and without it
        # Its 30 members have fewer starts than the policy's threshold: warmed all the same.
        built, first, how = _with_first_plan(TimePolicy(warm_share=warm_share, warm_start_starts=0))
        staged = staged_solve(built, Budget(120, 30, how.policy), how, None, first)
        assert staged.proven
        assert any(step == "first stage warmed" for step, _ in staged.times) == bool(warm_share)
        tiers: dict[str, int] = {}  # rules of one tier may trade units among equally good plans
        for score in rule_scores(built, staged.solver):
            tiers[score.tier] = tiers.get(score.tier, 0) + score.value
        scores.append(tiers)
    assert scores[0] == scores[1]


def test_an_unproven_warm_start_spends_no_time_polishing(caplog: pytest.LogCaptureFixture):
    # Its first step stopped at its first plan, unproven (as a short limit or a busy machine
    # stops it): the office days are not polished around it, that time is the stage's.
    built, first, how = _with_first_plan()
    stopped = Search(how.settings, large_model=False, params=("stop_after_first_solution: true",))
    with caplog.at_level(logging.INFO, logger="rhythm.solver"):
        assert warm_first_stage(built, first, stopped, seconds=60) is not None
    assert any("warm start" in r.getMessage() and "FEASIBLE" in r.getMessage() for r in caplog.records)
    assert not any("office days polished" in r.getMessage() for r in caplog.records)


def test_a_proven_first_stage_is_not_polished(monkeypatch: pytest.MonkeyPatch):
    # Its office days are at their proven best and kept by the stages after it: a polish could
    # not raise them, so a last stage cut short leaves the plan as it is.
    import scheduler.solve.week_solve as week_solve

    built, first, how = _with_first_plan(TimePolicy(warm_share=0.0))
    cut_short = week_solve.Outcome(first, cp_model.FEASIBLE, False, proven_stages=1)
    monkeypatch.setattr(week_solve, "solve_lexicographic", lambda *args, **kwargs: cut_short)

    def polish(*args: object, **kwargs: object) -> None:
        raise AssertionError("polished a proven first stage")

    monkeypatch.setattr(week_solve, "polish_office_days", polish)
    staged = staged_solve(built, Budget(120, 30, how.policy), how, None, first)
    assert staged.solver is first and staged.status == cp_model.FEASIBLE
    assert not any(step == "office polish" for step, _ in staged.times)
