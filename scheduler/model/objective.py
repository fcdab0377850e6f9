"""Objective terms by priority, combined into one weighted sum that keeps the priorities strict.

Each rule returns `Term`s to maximise (penalties are negative). A tier's weight exceeds
everything all lower tiers can add up to, so no amount of a lower preference ever buys a
higher one: the single CP-SAT objective is lexicographic.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model



class Tier(IntEnum):
    """In order of importance (README: "What the optimiser optimises")."""

    RHYTHM_KEPT = 1  # over several weeks: member-weeks that keep the weekly pattern
    MEETINGS_PLACED = 2
    STABILITY = 3  # re-plans: meetings (and office days) left where the plan in use has them
    FOCUS_PLACED = 4
    OFFICE_OVERLAP = 5
    BLOCKS_KEPT = 6  # re-plans: lunches, focus blocks and rooms left as the plan in use has them
    OPTIONAL_FREE = 7
    PREFERENCES = 8


@dataclass(frozen=True)
class Term:
    name: str
    tier: Tier
    expr: cp_model.LinearExprT
    span: int  # how far the term can move between its worst and best value


def tier_weights(terms: list[Term]) -> dict[Tier, int]:
    weights: dict[Tier, int] = {}
    below = 0  # the most that all lower tiers together can change the objective
    for tier in sorted(Tier, reverse=True):
        weights[tier] = below + 1
        below += weights[tier] * sum(t.span for t in terms if t.tier == tier)
    return weights


def weighted_sum(terms: list[Term]) -> cp_model.LinearExprT:
    weights = tier_weights(terms)
    return sum(weights[t.tier] * t.expr for t in terms)
