"""What the master answers: each building's office days (`MasterPlan`), put together for the
organisation (`merged`), or why there are none (`MasterInfeasible`, `MasterTimeout`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from i18n import _, formats
from scheduler.domain import Weekday
from scheduler.errors import RhythmError


@dataclass(frozen=True)
class MasterPlan:
    days: Mapping[str, tuple[Weekday, ...]]  # team -> the weekdays any of it is at the office
    status: str  # "optimal" or "feasible"
    seconds: float
    people: Mapping[str, tuple[Weekday, ...]] = field(default_factory=dict)  # planned per person
    split: tuple[str, ...] = ()  # teams planned per person
    buddies: Mapping[str, str | None] = field(default_factory=dict)  # newcomer -> buddy, split teams
    coffee: int = 0  # people the coffee round can pair on these days, as the master counts (coffee.py)


class MasterInfeasible(RhythmError):
    """The buildings or teams cannot hold everyone's minimum of office days."""


class MasterTimeout(RhythmError):
    """No choice of office days was found in the time (none is known not to exist)."""


def merged(parts: list[MasterPlan]) -> MasterPlan:
    """Buildings' plans as one; its seconds are the buildings' solves added up (in the planner
    other work runs between them)."""
    return MasterPlan(
        {k: v for p in parts for k, v in p.days.items()},
        "optimal" if all(p.status == "optimal" for p in parts) else "feasible",
        round(sum(p.seconds for p in parts), 3),
        {k: v for p in parts for k, v in p.people.items()},
        tuple(sorted(t for p in parts for t in p.split)),
        {k: v for p in parts for k, v in p.buddies.items()},
        sum(p.coffee for p in parts),
    )


def timeout(seconds: float) -> MasterTimeout:
    return MasterTimeout(_(
        "no choice of office days found within %(seconds)s s; try a longer --master-time-limit",
        seconds=formats.number(round(seconds, 1))))


def refusal(reasons: list[str]) -> str:
    return _("the organisation's office days cannot be planned:") + "".join(f"\n- {r}" for r in reasons)
