"""The solve policy as values: what a caller decides about a solve (`SolveSettings`), how the
solve shares out its time (`TimePolicy`), and the wall clock it spends (`Budget`).

Every share and floor of the time limit lives in `TimePolicy`, each with the figure that
decided it; how CP-SAT runs under the policy (its parameters) is `settings.py`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Literal

DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class TimePolicy:
    """How a solve's time limit is shared out, in the order a solve spends it."""

    # Reading out and explaining a plan, kept back from the solver: seconds per hundred
    # member-weeks.
    assembly_margin: float = 0.5
    # At most this share of the time left (or `first_plan_floor` seconds) goes to completing
    # the first plan; it usually takes a fraction of a second, and a search without it keeps
    # the rest. The floor is also the deterministic budget of a deterministic first plan and
    # the limit of the plan with nothing placed.
    first_plan_share: float = 0.5
    first_plan_floor: float = 5.0
    # CP-SAT spends 0.25-0.35 s loading a Timefold week's model before its search begins: with
    # less time than this left, a search ends with nothing better than the first plan
    # (bench/RESULTS.md, issue 12, Timefold 400 / 800 at 10 s).
    min_search_seconds: float = 0.5
    # Of the search's time, kept back for re-choosing office days when the first stage is not
    # proven (`office_polish.py`); once it is, the last stage gets it (`solve_lexicographic`).
    polish_share: float = 0.15
    # Of the time left, a stage may use this share unless it is the last: a stage that cannot
    # prove its optimum must not starve the stages after it. Each stage gets at least
    # `min_stage_seconds` (or all that is left): enough to find a first plan on a busy machine.
    stage_share: float = 0.6
    min_stage_seconds: float = 1.0
    # Of the first stage's share, what finding its plan tier by tier may take before the stage
    # proves it (`warm_start.py`): on 100 members it took a quarter to a half of the stage.
    # 0 leaves it out, and so does a model of at most `warm_start_starts` candidate meeting starts:
    # the 5-member example's stage proves at once, and the warm start would add a fifth to its plan;
    # on the 10,000-person organisation's 60 largest teams (201-1,317 starts) it cost a quarter
    # more CPU in CP-SAT for the same tier values, and the 50-member generated team (889 starts)
    # proved its stage 1 without it (bench/RESULTS.md, issue 23, "The team solves' CPU"). But
    # at 1,500 the 200-member seed 3 team (1,490 starts) lost it and its proof in 30 s (stage 2
    # then started far from its optimum: 15.8 deterministic units, unproven, against 1.3), and
    # 100 members seed 3 (861 starts) took 5.3 s against 3.6: 800 keeps both, for 2.7 CPU s
    # more on those 60 teams (19.1 against 21.8; "the final run").
    warm_share: float = 0.5
    warm_start_starts: int = 800
    # Of a solve's seconds, the one worker's share when racing may follow: racing from its best
    # plan only pays where the proof is out of reach (`search.py`).
    one_worker_share: float = 0.6
    # Above this many candidate meeting starts a model is large: probing costs more than it
    # pays, and racing finds plans sooner than one worker proves them (bench/RESULTS.md, issue 5).
    large_model_starts: int = 5000
    # Up to this many candidate meeting starts, a one-week model's one worker presolves once
    # (`settings.WEEK_PRESOLVE_ROUNDS`): on a small team presolve is most of each stage's solve
    # and one round proves the same tiers with 29% less CPU in CP-SAT (the organisation's 830
    # teams, up to 1,317 starts). Above it CP-SAT's own rounds pay: one round took twice the
    # work on the 100-member seed 3 team (3,202 starts) and a third more on 200 members seed 3,
    # which then went unproven in 30 s (bench/RESULTS.md, issue 26.1, "the final run").
    light_presolve_starts: int = 1500
    # Whole-horizon models up to this many member-weeks: there a proven rhythm is within reach
    # (the 6-member, 3-week example: optimal). Six weeks of 6 members were already unproven at
    # 60 s, with 11 exceptions against 1 week by week (bench/RESULTS.md, issue 12).
    whole_horizon_member_weeks: int = 24
    min_week_seconds: float = 0.5  # the least a week of a horizon planned week by week gets
    # CP-SAT's deterministic time per second of the limit. Deterministic solves stop on
    # deterministic time, which the same model reaches at the same point of the search on every
    # run; the wall clock (the user's limit) stays a safety net, and only when it stops a stage
    # first may two runs differ. One worker did 0.3-0.8 units a wall second on the quiet 2-core
    # machine (bench/RESULTS.md, issue 12), so the budget is set below.
    deterministic_per_second: float = 0.3


@dataclass(frozen=True)
class SolveSettings:
    """What a caller (command line, web job, benchmark) decides about a solve; everything else
    about CP-SAT's parameters is decided by `settings.Search`."""

    time_limit: float = DEFAULT_TIME_LIMIT  # seconds of wall clock, building and explaining included
    workers: int | None = None  # None: `settings.default_workers()`
    # The same request and limit give the same plan, so a webcal subscriber's week does not
    # move when nothing changed: each stage is proven on one worker, whose search is the same
    # on every run (`search.py`); what racing workers prove gets a canonical tie-break
    # (`canonical.py`). Off: the racing workers alone, whichever plan they find first.
    reproducible: bool = True
    # One worker only, stopped on deterministic time: even a search the limit cuts short
    # gives the same plan on every run; less of the plan is proven on a large team.
    deterministic: bool = False
    random_seed: int = 0
    # A plan over several weeks: one model of the whole horizon, or the rhythm on the typical
    # week and then week by week (`horizon.py`); auto picks by the team's size and weeks.
    horizon: Literal["auto", "whole", "by_week"] = "auto"
    policy: TimePolicy = TimePolicy()

    def __post_init__(self) -> None:
        # A limit of zero or less ended the search before it began, and the plan still said
        # "feasible": refused here too, not only by the command line and the API.
        if not (math.isfinite(self.time_limit) and self.time_limit > 0):
            raise ValueError(f"time_limit must be a number of seconds above 0, not {self.time_limit!r}")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"workers must be 1 or more, not {self.workers!r}")

    def deterministic_budget(self) -> float | None:
        """The whole solve's budget in deterministic time, for the deterministic search."""
        return self.time_limit * self.policy.deterministic_per_second if self.deterministic else None


@dataclass(frozen=True)
class Budget:
    """The user's wall clock: what building took, and a margin for turning the solution into
    a plan, come off the solver's share."""

    limit: float
    member_weeks: int
    policy: TimePolicy
    began: float = field(default_factory=time.perf_counter)
    # False for a part of a longer solve (a week of a horizon): the margin is kept once, at the end.
    assembles: bool = True

    def spent(self) -> float:
        return time.perf_counter() - self.began

    def left(self) -> float:
        margin = self.policy.assembly_margin * self.member_weeks / 100 if self.assembles else 0.0
        return self.limit - self.spent() - margin

    def for_first_plan(self) -> float:
        """The first plan comes first, even past the limit when building took it all: it
        stops at its first solution, and without it a search that runs out of time has
        nothing but the plan with no meetings to return."""
        return max(self.left() * self.policy.first_plan_share, self.policy.first_plan_floor)

    def for_search(self) -> float:
        return max(self.left(), 0.1)

    def searches(self) -> bool:
        """Whether a search can still beat the first plan in the time left."""
        return self.left() >= self.policy.min_search_seconds
