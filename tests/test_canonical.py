"""The same plan on every run: stages proven on one worker are reproducible as they are, and
a plan racing workers proved gets the canonical tie-break, whichever optimum they found."""

from __future__ import annotations

from ortools.sat.python import cp_model

from bench.generate import generate_request
from constraints import RULES
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings
from scheduler.solve.canonical import canonical_plan, tie_break_weights
from scheduler.solve.lexicographic import Outcome, solve_lexicographic, week_stages
from scheduler.solve.settings import Search

ONE_WORKER_FIRST = Search(SolveSettings(), large_model=False)
RACING = Search(SolveSettings(reproducible=False), large_model=False)


def _built() -> BuiltModel:
    return build_model(Week(parse_request(generate_request(6, 10, 0.35, 1)), {}), RULES)


def _staged(built: BuiltModel, how: Search) -> Outcome:
    return solve_lexicographic(built.model, week_stages(built.terms), time_limit=20, how=how)


def _chosen(built: BuiltModel, solver: cp_model.CpSolver) -> list[int]:
    return [solver.response_proto.solution[i] for i in sorted(tie_break_weights(built.variables))]


def test_stages_proven_on_one_worker_are_the_same_plan_every_time():
    first, second = _built(), _built()
    once, again = _staged(first, ONE_WORKER_FIRST), _staged(second, ONE_WORKER_FIRST)
    assert once.proven and once.reproducible
    assert _chosen(first, once.solver) == _chosen(second, again.solver)


def test_racing_workers_prove_the_plan_but_not_which_one():
    staged = _staged(_built(), RACING)
    assert staged.proven and not staged.reproducible


def test_the_tie_break_picks_one_plan_among_the_optima_racing_found():
    plans = []
    for _ in range(2):
        built = _built()
        staged = _staged(built, RACING)
        canonical = canonical_plan(built, staged.solver, seconds=20, how=RACING)
        assert canonical is not None
        plans.append(_chosen(built, canonical))
    assert plans[0] == plans[1]
