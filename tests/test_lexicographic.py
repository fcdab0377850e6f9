"""`solve_lexicographic` on a model that is not a week (as the organisation's master problem
uses it): a later stage never gives up what an earlier one won, and a model whose hard
constraints cannot hold says so."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.solve import Search, SolveSettings, Stage, solve_lexicographic

HOW = Search(SolveSettings(), large_model=False)


def _three_of_which_two() -> tuple[cp_model.CpModel, cp_model.LinearExprT, cp_model.LinearExprT]:
    """Three choices, at most two taken: `pair` wants the first two, `third` the last."""
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x[{i}]") for i in range(3)]
    model.add(sum(x) <= 2)
    return model, x[0] + x[1], x[2]


def test_a_later_stage_keeps_what_an_earlier_stage_won():
    model, pair, third = _three_of_which_two()
    done = solve_lexicographic(model, [Stage.tier("pair", pair), Stage.tier("third", third)],
                               time_limit=10, how=HOW)
    assert done.status == cp_model.OPTIMAL and done.proven and done.reproducible
    assert (done.solver.value(pair), done.solver.value(third)) == (2, 0)


def test_in_the_other_order_the_later_stage_gives_way():
    model, pair, third = _three_of_which_two()
    done = solve_lexicographic(model, [Stage.tier("third", third), Stage.tier("pair", pair)],
                               time_limit=10, how=HOW)
    assert (done.solver.value(third), done.solver.value(pair)) == (1, 1)


def test_hard_constraints_that_cannot_hold_are_infeasible():
    model, pair, third = _three_of_which_two()
    model.add(pair + third >= 3)
    done = solve_lexicographic(model, [Stage.tier("pair", pair)], time_limit=10, how=HOW)
    assert done.status == cp_model.INFEASIBLE and not done.proven


def test_the_last_stage_takes_the_seconds_kept_back_once_the_stages_before_are_proven(monkeypatch):
    # The seconds kept back are for improving a first stage cut short (a week's office polish):
    # once it is proven nothing can, and the last stage's proof gets them.
    import scheduler.solve.lexicographic as lexicographic

    given: list[float] = []

    def recording(model, how, seconds, deterministic=None):  # type: ignore[no-untyped-def]
        given.append(seconds)
        return search(model, how, seconds, deterministic)

    search = lexicographic.search
    monkeypatch.setattr(lexicographic, "search", recording)
    model, pair, third = _three_of_which_two()
    done = solve_lexicographic(model, [Stage.tier("pair", pair), Stage.tier("third", third)],
                               time_limit=10, how=HOW, kept_back=5)
    assert done.proven and done.proven_stages == 2
    first, last = given
    assert first <= 10 * HOW.policy.stage_share and 10 < last <= 15
