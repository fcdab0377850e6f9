"""A rule of the plan as one record with all its faces, so that each rule has one home.

The rules themselves live in `constraints/`, each in a module of its own or with a few
related ones, listed in priority order in `constraints.RULES`; the caller passes them to
`plan_week`. Every face is optional, and
the engine asks each rule only for the faces it has:

- the start filter (`StartFilter`): where a meeting may start at all. Its `grid` narrows the
  days, hours and start grid of every meeting (the calendar rules); its `keep` keeps the
  starts of one meeting that the rule allows; its `prune` drops starts that no plan can
  use under the rule, before they become variables (the explainer still sees those and
  names what takes them).
- the CP-SAT part (`cp_sat`): adds the rule's hard constraints to the model and returns its
  objective terms (`Context` is what it works with).
- the first-fit check (`first_fit`): whether the first plan's draft (`Board`) can take one
  more meeting at a start without breaking the rule.
- the reason text (`Reason`): why a meeting occurrence is not in the plan, in words.

The validator (`scheduler.validate`) checks every plan against the request without any of
this: it is the spec the rules are tested against, not a face of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scheduler.domain import MeetingRequest, TeamRequest
from scheduler.model.grid import Grid
from scheduler.model.objective import Term
from scheduler.model.variables import Key

__all__ = ["Key", "Obstacle", "Reason", "Rule", "Start", "StartFilter", "grid_of"]

if TYPE_CHECKING:
    from scheduler.model.board import Board
    from scheduler.model.candidates import Candidates
    from scheduler.model.context import Context
    from scheduler.model.why import Why

Start = tuple[int, int]  # (day index, slot)

NarrowGrid = Callable[[Grid, TeamRequest], Grid]
KeepStarts = Callable[["Candidates", MeetingRequest, list[Start]], list[Start]]
CpSatPart = Callable[["Context"], list[Term]]
FirstFit = Callable[["Board", MeetingRequest, Key], bool]
WhyNot = Callable[["Why", MeetingRequest], "str | None"]


@dataclass(frozen=True)
class Obstacle:
    """What of a plan takes a free time from a meeting: "lunch", or "other meetings" with
    their titles as `names`."""

    what: str
    names: frozenset[str] = frozenset()


# Per meeting, the check of each of its free starts (day, slot): what of the plan is there.
InTheWay = Callable[["Why", MeetingRequest], Callable[[int, int], "Obstacle | None"]]


@dataclass(frozen=True)
class StartFilter:
    grid: NarrowGrid | None = None
    keep: KeepStarts | None = None
    prune: KeepStarts | None = None


@dataclass(frozen=True)
class Reason:
    """The reason text, asked in three rounds over the rules in registry order: `always`,
    why no plan can hold the meeting (the request and the calendars rule it out); then
    `in_plan`, why this plan cannot hold one more occurrence; then, at each start still
    free of both, `in_the_way`, what of this plan takes it."""

    always: WhyNot | None = None
    in_plan: WhyNot | None = None
    in_the_way: InTheWay | None = None


@dataclass(frozen=True)
class Rule:
    """One rule, named as the validator and the plan's reasons name it (`protected_lunch`)."""

    name: str
    starts: StartFilter = field(default_factory=StartFilter)
    cp_sat: CpSatPart | None = None
    first_fit: FirstFit | None = None
    reason: Reason = field(default_factory=Reason)

    def __str__(self) -> str:
        return self.name


def grid_of(request: TeamRequest, rules: Sequence[Rule]) -> Grid:
    """The days, hours and start grid the rules leave meetings, from the widest grid."""
    grid = Grid()
    for rule in rules:
        if rule.starts.grid is not None:
            grid = rule.starts.grid(grid, request)
    return grid
