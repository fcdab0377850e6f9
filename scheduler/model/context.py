"""What a rule's CP-SAT part works with: the model, its variables, and short names for the
parts of the request that rules read most, so a rule says `c.rules.lunch.minutes`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scheduler.domain import MeetingRequest, Member, Rules, TeamRequest
from scheduler.model.candidates import Slots
from scheduler.model.variables import Variables
from scheduler.model.week import Week

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Context:
    v: Variables

    @property
    def model(self) -> cp_model.CpModel:
        return self.v.model

    @property
    def week(self) -> Week:
        return self.v.week

    @property
    def request(self) -> TeamRequest:
        return self.v.week.request

    @property
    def rules(self) -> Rules:
        """The request's settings of the rules: lunch window, office days, capacity, focus."""
        return self.v.week.request.rules

    @property
    def members(self) -> tuple[Member, ...]:
        return self.v.week.request.members

    @property
    def meetings(self) -> tuple[MeetingRequest, ...]:
        return self.v.week.request.meetings

    @property
    def slots(self) -> Slots:
        return self.v.slots

    @property
    def days(self) -> range:
        """Every planned day's index."""
        return range(len(self.v.week.days))

    @property
    def weeks(self) -> range:
        """Every planned week's index."""
        return range(self.v.week.request.weeks)

    def at_most_one_of(self, literals: Sequence[int]) -> None:
        """At most one of the Boolean variables at these proto indices, written straight into
        the proto: the expression API cost more than the rest of the rule that adds most."""
        self.model.proto.constraints.add().at_most_one.literals.extend(literals)

    def sum_at_most(self, literals: Sequence[int], bound: int, *, plus: cp_model.IntVar) -> None:
        """sum(literals) <= bound + plus, and plus <= sum(literals), over Boolean variables'
        proto indices, written straight into the proto.

        Rules that add one such constraint per member and slot over a hundred candidate
        starts each spend most of a large model's build time in the expression API; the
        proto takes the same constraint at a third of the cost.
        """
        linear = self.model.proto.constraints.add().linear
        linear.vars.extend([*literals, plus.index])
        linear.coeffs.extend([*([1] * len(literals)), -1])
        # The lower bound 0 says `plus` (a cost, kept low) never exceeds what it counts. It
        # used to read `-plus.proto.domain[-1]`, which these repeated fields answer with 0
        # (no negative index), so every model had it; without it a 100-member stage 2 took
        # twice the work to prove (bench/RESULTS.md, issue 26.1, branch warm2).
        linear.domain.extend([0, bound])
