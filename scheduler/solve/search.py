"""One CP-SAT solve of a model: proven on one worker first, raced after.

CP-SAT's default portfolio runs eight workers; on the two cores rhythm is measured on, the
one that proves these models (`max_lp_sym`, with the full linear relaxation) gets an eighth
of the CPU. One worker with that relaxation proves the same stages in a half to a tenth of
the wall time (bench/RESULTS.md, issue 12, "One worker first"), and its search is
sequential: the same model gives the same plan on every run, in any process and on any
machine, whenever the search ends by proof rather than by the clock. What it does not prove
in its share, the racing portfolio takes on from its best plan: its neighbourhood workers
find better plans on teams too large to prove.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model, cp_model_helper

from scheduler.solve.settings import Configure, Search, solver_for


@dataclass
class Searched:
    solver: cp_model.CpSolver  # holds the values of the best plan found
    status: cp_model.CpSolverStatus
    reproducible: bool  # ended by proof on one worker (or, deterministic, on its budget)
    deterministic_time: float
    seconds: float  # wall clock, every search included
    how: str  # for the log: which searches ran, for how long


def search(model: cp_model.CpModel, how: Search, seconds: float,
           deterministic: float | None = None) -> Searched:
    """The best plan of `model` in `seconds` (`deterministic`: in that much deterministic time,
    on one worker, the wall clock only a safety net)."""
    if not how.one_worker_first:
        solver, status = _solve(model, how.racing, seconds)
        return Searched(solver, status, False, _spent(solver), solver.wall_time, "racing")
    one = seconds * how.policy.one_worker_share if how.races else seconds
    solver, status = _solve(model, how.one_worker, one, deterministic)
    searched = Searched(solver, status, status == cp_model.OPTIMAL or deterministic is not None,
                        _spent(solver), solver.wall_time, f"one worker {solver.wall_time:.2f}s")
    if searched.reproducible or not how.races or status not in (cp_model.FEASIBLE, cp_model.UNKNOWN):
        return searched  # proven, nothing to race with, or no plan at all (infeasible)
    if status == cp_model.FEASIBLE:
        start_from(model, solver)
    racing, status = _solve(model, how.racing, seconds - solver.wall_time)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) or searched.status == cp_model.UNKNOWN:
        searched.solver, searched.status = racing, status
    searched.deterministic_time += _spent(racing)
    searched.seconds += racing.wall_time
    searched.how += f", then racing {racing.wall_time:.2f}s"
    return searched


def _solve(model: cp_model.CpModel, configure: Configure, seconds: float,
           deterministic: float | None = None) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    solver = solver_for(configure, seconds, deterministic)
    return solver, solver.solve(model)


def _spent(solver: cp_model.CpSolver) -> float:
    return solver.response_proto.deterministic_time


def start_from(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """The solver's last solution, whole, as the model's hint: CP-SAT takes a complete,
    feasible hint as its first solution."""
    model.clear_hints()
    solution = solver.response_proto.solution
    model.proto.solution_hint.vars.extend(range(len(solution)))
    model.proto.solution_hint.values.extend(solution)


def maximize(model: cp_model.CpModel, objective: cp_model.LinearExprT) -> None:
    """`model.maximize(objective)`, the same proto, written with one extend per field: OR-Tools
    appends the objective's thousands of terms one call each, a millisecond per stage of a
    team's week."""
    if not isinstance(objective, cp_model.LinearExpr) or not objective.is_integer():
        model.maximize(objective)
        return
    flat = cp_model_helper.FlatIntExpr(objective)
    model.clear_objective()
    proto = model.proto.objective
    proto.vars.extend([var.index for var in flat.vars])
    proto.scaling_factor = -1.0
    proto.offset = -flat.offset
    proto.coeffs.extend([-coeff for coeff in flat.coeffs])
