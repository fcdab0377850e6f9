"""The canonical tie-break folded into the last stage picks the plan that proving it after
the last stage picks: the same tiers, the same plan, one proof fewer."""

from __future__ import annotations

from ortools.sat.python import cp_model

from bench.generate import generate_request
from constraints import RULES
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve.canonical import canonical_plan, tie_break_weights
from scheduler.solve.lexicographic import Outcome, solve_lexicographic


def _configure(solver: cp_model.CpSolver) -> None:
    solver.parameters.num_workers = 8


def _built() -> BuiltModel:
    return build_model(Week(parse_request(generate_request(6, 10, 0.35, 1)), {}), RULES)


def _staged(built: BuiltModel, tie_break: dict[int, int] | None) -> Outcome:
    return solve_lexicographic(built.model, built.terms, time_limit=20, configure=_configure,
                               tie_break=tie_break)


def _chosen(built: BuiltModel, solver: cp_model.CpSolver) -> list[int]:
    return [solver.response_proto.solution[i] for i in sorted(tie_break_weights(built.variables))]


def test_the_folded_tie_break_is_proven_with_the_last_stage():
    built = _built()
    staged = _staged(built, tie_break_weights(built.variables))
    assert staged.proven and staged.canonical


def test_without_a_tie_break_the_plan_is_proven_but_not_canonical():
    staged = _staged(_built(), None)
    assert staged.proven and not staged.canonical


def test_folded_and_separate_tie_breaks_choose_the_same_plan():
    folded = _built()
    separate = _built()
    staged = _staged(separate, None)
    after = canonical_plan(separate, staged.solver, seconds=20, configure=_configure)
    assert after is not None
    once = _staged(folded, tie_break_weights(folded.variables)).solver
    assert _chosen(folded, once) == _chosen(separate, after)
