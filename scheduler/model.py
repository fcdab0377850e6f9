"""The CP-SAT model of a week, composed from the rule registry in `constraints`."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints import RULES, Rule

from .objective import Term
from .variables import Variables, build_variables
from .week import Week


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    terms: list[Term]


def build_model(week: Week, rules: tuple[Rule, ...] = RULES) -> BuiltModel:
    """The hard rules and the objective terms; the objective itself is set per stage by
    `scheduler.lexicographic` (one weighted sum of every tier overflows int64 for large teams)."""
    model = cp_model.CpModel()
    variables = build_variables(model, week)
    terms = [term for rule in rules for term in rule(model, variables)]
    return BuiltModel(model, variables, terms)
