"""The first stage's plan, found tier by tier, before the stage proves it as one.

The first stage weighs meetings placed, focus blocks and office pair days in one objective.
Its bound is exact almost at once (the office pairs' exact bound, `constraints/overlap.py`),
but one worker searched long for the plan that reaches it: hinted with that plan, the
100-member team's stage proves in 0.11 deterministic units instead of 2.41
(bench/RESULTS.md, issue 26.1, "2026-12-07 evening"). Found in two steps it comes sooner:
the tiers above the office days alone (meetings, focus blocks) prove in a fraction of the
time, and the office days around those meetings are then chosen with everything else fixed
(`office_polish.py`), where the exact bound proves them in a moment.

The result only replaces the stage's hint when it is better on the stage's own objective,
and the stage itself still proves (or not) as before: the tier values stay what they were,
only the plan among equally good ones may differ.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel
from scheduler.model.objective import Term, Tier, weighted_sum
from scheduler.solve.lexicographic import STAGES
from scheduler.solve.office_first import office_days_first
from scheduler.solve.office_polish import polish_office_days
from scheduler.solve.search import search, start_from
from scheduler.solve.settings import LEAST_SECONDS, Configure, Search

log = logging.getLogger("rhythm.solver")


@dataclass(frozen=True)
class Warmed:
    seconds: float  # wall clock, both steps
    deterministic_time: float  # of the first step (the polish has its own budget, a fifth)


def warm_first_stage(built: BuiltModel, first: cp_model.CpSolver | None, how: Search, seconds: float,
                     deterministic: float | None = None) -> Warmed | None:
    """Hint the model with a plan found tier by tier when it beats `first` (the plan the model
    is hinted with now, or None) on the first stage's objective; None when there is nothing
    to split (no office days to choose, or nothing above them)."""
    stage = [t for t in built.terms if t.tier in STAGES[0] and t.span]
    above = [t for t in stage if t.tier < Tier.OFFICE_OVERLAP]
    if not above or len(above) == len(stage):
        return None
    began = time.perf_counter()
    built.model.maximize(weighted_sum(above))
    # One worker only, for its share of the step: what pays is its proof; racing on for a
    # better unproven plan took time the stage needed (below).
    one = replace(how, settings=replace(how.settings, workers=1))
    share = how.policy.one_worker_share if how.races else 1.0
    searched = search(built.model, one, seconds * 0.8 * share, deterministic and deterministic * 0.8)
    if searched.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # the hint is still `first`'s
        return Warmed(time.perf_counter() - began, searched.deterministic_time)
    found = searched.solver
    if searched.status == cp_model.OPTIMAL:
        _hint_greedy_office_days(built, searched.solver)
        left = max(seconds - (time.perf_counter() - began), 0.1)
        polish = _polish(how, deterministic and deterministic * 0.2)
        found = polish_office_days(built, searched.solver, seconds=left, configure=polish) or found
    # Not proven, no polish: its time is the stage's. Racing on and polishing an unproven plan
    # took 3.5 s of a 200-member stage's 30 s, and the stage that proved in 6.2 s then did not;
    # the unproven plan itself, as the stage's hint, never cost the stage's proof a unit and
    # once saved it a quarter (bench/RESULTS.md, "Issue 26.1 (warm start policy, stage 2)").
    objective = weighted_sum(stage)
    better = first is None or found.value(objective) > first.value(objective)
    start_from(built.model, found if better or first is None else first)
    # "stage 1 ..." so that bench.trial lists it with the stages.
    log.info("stage 1 warm start (%s): %s in %.2fs (deterministic %.2f; %s), %s", _names(above),
             found.status_name(searched.status), searched.seconds, searched.deterministic_time,
             searched.how, "the stage's hint" if better else "no better than the first plan")
    return Warmed(time.perf_counter() - began, searched.deterministic_time)


def _polish(how: Search, deterministic: float | None) -> Configure:
    """`how.single`, stopped on deterministic time when the solve is (the same plan every run)."""
    def configure(solver: cp_model.CpSolver) -> None:
        how.single(solver)
        if deterministic is not None:
            solver.parameters.max_deterministic_time = max(deterministic, LEAST_SECONDS)
    return configure


def _hint_greedy_office_days(built: BuiltModel, solver: cp_model.CpSolver) -> None:
    """The solver's meetings, lunches, focus blocks and rooms as the model's hint, with the
    office days the first plan's greedy picks around them (`office_first.py`): the polish
    then starts near the bound, not from office days no objective chose."""
    v, values = built.variables, solver.response_proto.solution
    request = v.week.request
    office = {m.id for m in request.meetings if m.where == "office"}
    needed = {(a, day) for (request_id, day, _), var in v.start.items()
              if request_id in office and values[var.index]
              for a in request.in_person(next(m for m in request.meetings if m.id == request_id))}
    days = office_days_first(v, needed)
    hinted = {var.index: values[var.index] for var in (
        *v.start.values(), *v.rooms_held().values(),
        *(var for blocks in (v.lunch, v.focus) for options in blocks.values() for var in options.values()))}
    for member_day, var in v.office.items():
        hinted.setdefault(var.index, int(member_day in days))  # a fixed day's constant, hinted once
    built.model.clear_hints()
    built.model.proto.solution_hint.vars.extend(list(hinted))
    built.model.proto.solution_hint.values.extend(list(hinted.values()))


def _names(terms: list[Term]) -> str:
    return ", ".join(t.name for t in terms)
