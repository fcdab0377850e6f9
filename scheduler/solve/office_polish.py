"""Office days re-chosen around the meetings a search cut short left.

The first stage weighs meetings placed and focus blocks above office days; stopped by the
time limit on a large team or a busy machine, it often has placed more meetings but left
the office days behind (40 members: 0.87 of the bound). With every meeting, lunch, focus
block and room fixed, choosing office days is a small model that the exact bound proves in
a moment, so the last slice of the limit goes to it (`TimePolicy.polish_share`).
"""

from __future__ import annotations

import logging

from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel
from scheduler.model.objective import Tier, weighted_sum
from scheduler.solve.settings import Configure, solver_for

log = logging.getLogger("rhythm.solver")


def polish_office_days(built: BuiltModel, solver: cp_model.CpSolver, *, seconds: float,
                       configure: Configure) -> cp_model.CpSolver | None:
    """A solver holding the plan with better office days, or None when none was found."""
    v = built.variables
    model = built.model.clone()
    values = solver.response_proto.solution
    chosen = [*v.start.values(), *v.rooms_held().values(),
              *(var for blocks in (v.lunch, v.focus) for options in blocks.values()
                for var in options.values())]
    for var in chosen:
        domain = model.proto.variables[var.index].domain
        domain[0] = domain[1] = values[var.index]
    # The tiers up to office days, which outrank all the rest: with them alone the exact
    # bound proves the office days in a moment (with the preferences too it did not, at 100
    # members). The polished plan is taken only when it has more pairs.
    objective = weighted_sum([t for t in built.terms if t.tier <= Tier.OFFICE_OVERLAP])
    model.maximize(objective)
    model.add(objective >= int(solver.value(objective)))  # never worse than the plan in hand
    polish = solver_for(configure, seconds)
    status = polish.solve(model)
    pairs = next((t.expr for t in built.terms if t.tier == Tier.OFFICE_OVERLAP), 0)
    log.info("office days polished: %s in %.2fs (deterministic %.2f), office pair days %d -> %d",
             polish.status_name(status), polish.wall_time, polish.response_proto.deterministic_time,
             solver.value(pairs),
             polish.value(pairs) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else -1)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return polish if found and polish.value(objective) > solver.value(objective) else None
