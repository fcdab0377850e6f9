"""One plan among equally good ones, the same on every run: a canonical tie-break.

Once every tier is proven optimal, many plans usually share those values (a focus block on
Tuesday or Thursday, a 1:1 at 10:00 or 11:00), and racing workers return whichever they
found first. Fixing each tier at its optimum and minimising one more weighted sum (earlier
is cheaper, and a part drawn from each variable's name breaks the rest) leaves one optimum
in practice: its proof is the same plan on every run, whichever worker finds it.

A stage proven on one worker needs none of this: that search is the same on every run
(`search.py`). `plan_week` runs the tie-break only where racing workers proved a stage.
"""

from __future__ import annotations

import logging
import zlib

from ortools.sat.python import cp_model

from scheduler.domain import WEEKDAYS
from scheduler.model.build import BuiltModel
from scheduler.model.minutes import DAY_MINUTES
from scheduler.model.variables import Variables
from scheduler.solve.search import search, start_from
from scheduler.solve.settings import Search

log = logging.getLogger("rhythm.solver")

SPREAD = 64  # per minute of the horizon: room for a name-drawn part that breaks the last ties


def tie_break_weights(v: Variables) -> dict[int, int]:
    """Per decision variable (what the plan is read from: starts, rooms, lunches, focus
    blocks, office days, the weekly pattern), what choosing it costs: the earlier in the
    horizon the cheaper (as a person would pick among equal times), and within the same
    minute a part drawn from the variable's name and index, the same in every process.
    The helper variables follow from these, so weighing them too decides nothing more."""
    timed: dict[int, int] = {}
    for (_, day, slot), var in v.start.items():
        timed[var.index] = day * DAY_MINUTES + v.slots.starts[slot]
    for blocks in (v.lunch, v.focus):
        for (_, day), options in blocks.items():
            for minute, var in options.items():
                timed[var.index] = day * DAY_MINUTES + minute
    for (_, day, _), var in v.rooms_held().items():
        timed[var.index] = day * DAY_MINUTES
    for (_, day), var in v.office.items():
        timed.setdefault(var.index, day * DAY_MINUTES)
    for (_, weekday, slot), var in v.meeting_patterns().items():
        timed[var.index] = WEEKDAYS.index(weekday) * DAY_MINUTES + v.slots.starts[slot]
    for (_, weekday), var in v.office_patterns().items():
        timed[var.index] = WEEKDAYS.index(weekday) * DAY_MINUTES
    weights = {}
    variables = v.model.proto.variables
    for index, minute in timed.items():
        if list(variables[index].domain) == [0, 1]:  # the office days a calendar fixes are constants
            drawn = zlib.crc32(f"{index}:{variables[index].name}".encode()) % SPREAD
            weights[index] = minute * SPREAD + drawn + 1
    return weights


def canonical_plan(built: BuiltModel, solver: cp_model.CpSolver, *, seconds: float,
                   how: Search) -> cp_model.CpSolver | None:
    """The canonical plan with every tier at the value `solver` proved, or None when its proof
    does not finish in `seconds` (the proven plan in `solver` is returned then)."""
    model, terms, variables = built.model, built.terms, built.variables
    for tier in sorted({t.tier for t in terms}):
        expr = sum(t.expr for t in terms if t.tier == tier)
        model.add(expr == int(solver.value(expr)))
    start_from(model, solver)
    model.minimize(sum(w * model.get_bool_var_from_proto_index(i)
                       for i, w in tie_break_weights(variables).items()))
    searched = search(model, how, seconds)
    canonical = searched.solver
    log.info("canonical tie-break: %s in %.2fs (deterministic %.2f; %s)",
             canonical.status_name(searched.status), searched.seconds,
             searched.deterministic_time, searched.how)
    return canonical if searched.status == cp_model.OPTIMAL else None
