"""The CP-SAT model of a week, composed from the rules the caller passes in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scheduler.model.candidates import Candidates
from scheduler.model.context import Context
from scheduler.model.decisions import build_variables
from scheduler.model.objective import Term
from scheduler.model.rule import Rule
from scheduler.model.variables import Variables
from scheduler.model.week import Week

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    terms: list[Term]
    # Each rule with a CP-SAT part, by name, and the objective terms it returned.
    by_rule: tuple[tuple[str, tuple[Term, ...]], ...] = ()


@dataclass(frozen=True)
class RuleScore:
    """One objective term of one rule in a solved plan: `value` out of `span`."""

    rule: str
    term: str
    tier: str  # `Tier`'s name: rhythm_kept, meetings_placed, ..., preferences
    value: int
    span: int

    def __str__(self) -> str:
        return f"{self.rule}: {self.term} {self.value} of {self.span} ({self.tier})"


def build_model(week: Week, rules: Sequence[Rule]) -> BuiltModel:
    """The hard rules and the objective terms; the objective itself is set per stage by
    `scheduler.solve.lexicographic` (one weighted sum of every tier overflows int64 for large teams)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    context = Context(build_variables(model, Candidates(week, rules)))
    by_rule = tuple((rule.name, tuple(rule.cp_sat(context))) for rule in rules if rule.cp_sat is not None)
    terms = [term for _, returned in by_rule for term in returned]
    return BuiltModel(model, context.v, terms, by_rule)


def rule_scores(built: BuiltModel, solver: cp_model.CpSolver) -> list[RuleScore]:
    """Each rule's objective terms with their values in the plan `solver` holds, in the
    rules' order: the score explained rule by rule."""
    return [RuleScore(name, term.name, term.tier.name.lower(), int(solver.value(term.expr)), term.span)
            for name, terms in built.by_rule for term in terms]
