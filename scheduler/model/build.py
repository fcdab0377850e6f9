"""The CP-SAT model of a week, composed from the rules the caller passes in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.objective import Term
from scheduler.model.variables import Variables, build_variables
from scheduler.model.week import Week

# A rule adds its hard part to the model and returns its objective terms (`constraints`).
Rule = Callable[[cp_model.CpModel, Variables], list[Term]]


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    terms: list[Term]


def build_model(week: Week, rules: tuple[Rule, ...]) -> BuiltModel:
    """The hard rules and the objective terms; the objective itself is set per stage by
    `scheduler.solve.lexicographic` (one weighted sum of every tier overflows int64 for large teams)."""
    model = cp_model.CpModel()
    variables = build_variables(model, week)
    terms = [term for rule in rules for term in rule(model, variables)]
    return BuiltModel(model, variables, terms)
