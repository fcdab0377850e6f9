"""Solve one model of a week (or of a whole horizon) in named steps: refuse contradictions,
build the model, complete a first plan, solve in stages, and say what was found."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domain import Status
from scheduler.errors import RhythmError
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.rule import Rule
from scheduler.model.week import Week
from scheduler.solve.canonical import canonical_plan
from scheduler.solve.feasibility import contradictions
from scheduler.solve.first_plan import first_plan, nothing_placed
from scheduler.solve.lexicographic import Outcome, solve_lexicographic, week_stages
from scheduler.solve.office_polish import polish_office_days
from scheduler.solve.policy import Budget, SolveSettings
from scheduler.solve.settings import Search
from scheduler.solve.warm_start import warm_first_stage

log = logging.getLogger("rhythm.solver")


class RulesContradiction(RhythmError):
    """The rules and the calendars cannot all hold at once, whatever the plan."""


@dataclass
class Solved:
    built: BuiltModel
    solver: cp_model.CpSolver  # holds the values of the plan to return
    status: Status
    # (step, wall seconds) in the order they ran: the model, the first plan, each stage...
    steps: list[tuple[str, float]] = field(default_factory=list)


def solve_week(week: Week, rules: tuple[Rule, ...], settings: SolveSettings, budget: Budget) -> Solved:
    refuse_contradictions(week)
    built = build_model(week, rules)
    steps = [("model", budget.spent())]
    log.info("model built in %.2fs: %d variables, %d constraints", budget.spent(),
             len(built.model.proto.variables), len(built.model.proto.constraints))
    how = Search.of(settings, starts=len(built.variables.start), weeks=week.request.weeks)
    deterministic = settings.deterministic_budget()
    first = first_plan(built, how, budget.for_first_plan(),
                       deterministic and deterministic * settings.policy.first_plan_share)
    steps.append(("first plan", budget.spent() - steps[0][1]))
    if first is not None and not budget.searches():
        log.info("no search: %.2fs left, the first plan is the plan", budget.left())
        return Solved(built, first, "feasible", steps)
    staged = staged_solve(built, budget, how, deterministic, first)
    solver, status = outcome(staged, first, built, how)
    return Solved(built, solver, status, steps + staged.times)


def staged_solve(built: BuiltModel, budget: Budget, how: Search, deterministic: float | None,
                 first: cp_model.CpSolver | None = None) -> Outcome:
    """Tier by tier, the first stage warmed up from the plan `first` holds (the model's hint);
    then, the first stage cut short, office days polished in the time kept back (the last
    stage's when the first is proven), or, proven by racing
    workers, the canonical plan among the equally good ones (a proof on one worker is the
    same plan on every run already)."""
    policy, warm, warmed = how.policy, [], None
    share = policy.stage_share * policy.warm_share
    # Racing's neighbourhood search finds such plans itself; a small team's stage proves at once.
    if how.one_worker_first and share and len(built.variables.start) > policy.warm_start_starts:
        warmed = warm_first_stage(built, first, how, budget.for_search() * (1 - policy.polish_share) * share,
                                  deterministic and deterministic * share)
    if warmed is not None:
        warm = [("first stage warmed", warmed.seconds)]
        deterministic = deterministic and max(deterministic - warmed.deterministic_time, 0.0)
    polish = budget.for_search() * policy.polish_share
    staged = solve_lexicographic(built.model, week_stages(built.terms),
                                 time_limit=budget.for_search() - polish, how=how,
                                 deterministic=deterministic, kept_back=polish)
    staged.times[:0] = warm
    # A proven first stage has the office days' tier at its optimum: a polish could not raise it.
    if staged.status == cp_model.FEASIBLE and not staged.proven_stages and not how.settings.deterministic:
        began = time.perf_counter()
        staged.solver = polish_office_days(built, staged.solver, seconds=budget.for_search(),
                                           configure=how.single) or staged.solver
        staged.times.append(("office polish", time.perf_counter() - began))
    if how.settings.reproducible and staged.proven and not staged.reproducible:
        began = time.perf_counter()
        staged.solver = canonical_plan(built, staged.solver,
                                       seconds=budget.for_search(), how=how) or staged.solver
        staged.times.append(("canonical tie-break", time.perf_counter() - began))
    return staged


def refuse_contradictions(week: Week) -> None:
    problems = contradictions(week)
    if problems:
        raise RulesContradiction("\n".join(problems))


def outcome(staged: Outcome, first: cp_model.CpSolver | None, built: BuiltModel,
            how: Search) -> tuple[cp_model.CpSolver, Status]:
    """The solver holding the plan to return, and its status: the staged search's, else the
    first plan, else the plan with nothing placed; a refusal when the rules cannot hold."""
    solver, status = staged.solver, staged.status
    if status == cp_model.UNKNOWN:
        solver, status = (first, cp_model.FEASIBLE) if first else nothing_placed(built, how)
    if status == cp_model.INFEASIBLE:
        raise RulesContradiction("the office rules cannot all hold this week "
                                 "(office days per member, never/always days and capacity)")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RhythmError(f"no valid plan found within the time limit of {how.settings.time_limit:g} s; "
                          "try a longer --time-limit")
    return solver, "optimal" if status == cp_model.OPTIMAL else "feasible"
