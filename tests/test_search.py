"""How one model is searched: on one worker first, racing after what it could not prove, and
on one worker alone when the plan must not depend on the clock."""

from __future__ import annotations

from ortools.sat.python import cp_model

from bench.generate import generate_request
from constraints import RULES
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.objective import weighted_sum
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings, TimePolicy
from scheduler.solve.first_plan import first_plan
from scheduler.solve.lexicographic import STAGES
from scheduler.solve.search import search
from scheduler.solve.settings import Search


def _first_stage(seed: int, busy: float) -> BuiltModel:
    """A 50-member team's model with its first plan as the hint and the first stage's
    objective: one worker proves it in about a second on a quiet machine."""
    built = build_model(Week(parse_request(generate_request(50, 120, busy, seed)), {}), RULES)
    how = Search(SolveSettings(), large_model=False)
    assert first_plan(built, how, seconds=20) is not None
    built.model.maximize(weighted_sum([t for t in built.terms if t.tier in STAGES[0]]))
    return built


def test_the_one_worker_proves_a_stage_and_says_the_plan_is_reproducible():
    built = _first_stage(3, 0.5)
    searched = search(built.model, Search(SolveSettings(), large_model=False), seconds=60)
    assert searched.status == cp_model.OPTIMAL
    assert searched.reproducible and searched.how.startswith("one worker")


def test_what_the_one_worker_cannot_prove_in_its_share_the_racing_workers_go_on_with():
    built = _first_stage(3, 0.5)
    no_share = SolveSettings(policy=TimePolicy(one_worker_share=0.0))  # 0.05 s: not even its presolve
    searched = search(built.model, Search(no_share, large_model=False), seconds=60)
    assert "then racing" in searched.how
    assert searched.status == cp_model.OPTIMAL and not searched.reproducible


def test_racing_settings_race_from_the_start():
    built = _first_stage(3, 0.5)
    searched = search(built.model, Search(SolveSettings(reproducible=False), large_model=False),
                      seconds=60)
    assert searched.how == "racing" and not searched.reproducible


def test_a_deterministic_search_cut_short_by_its_budget_is_the_same_plan_every_time():
    plans = []
    for _ in range(2):
        built = _first_stage(1, 0.35)
        how = Search(SolveSettings(deterministic=True), large_model=False)
        searched = search(built.model, how, seconds=60, deterministic=0.1)
        assert searched.status == cp_model.FEASIBLE and searched.reproducible  # not proven
        assert "racing" not in searched.how
        plans.append(list(searched.solver.response_proto.solution))
    assert plans[0] == plans[1]


def test_a_small_week_presolves_once_a_large_week_and_several_weeks_as_cp_sat_does():
    """One presolve round is what a small team's proof needs (presolve was most of its solve);
    a large team's proof pays for CP-SAT's own rounds, and so does a rhythm of several weeks."""
    settings = SolveSettings(policy=TimePolicy(light_presolve_starts=1500))

    def rounds(starts: int, weeks: int = 1) -> int:
        solver = cp_model.CpSolver()
        default = solver.parameters.max_presolve_iterations
        Search.of(settings, starts, weeks).one_worker(solver)
        return solver.parameters.max_presolve_iterations - default

    assert rounds(1500) < 0  # fewer than CP-SAT's own
    assert rounds(1501) == 0
    assert rounds(800, weeks=3) == 0
