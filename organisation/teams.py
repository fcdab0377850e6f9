"""Solving every team on its own, in parallel: a local process pool on one machine, or the
Celery workers of the web service (`rhythm.org_team`, the same `rhythm worker`s).

A job is a v1 team request document and comes back as a v1 plan document, or an error in
words: a team whose week cannot be planned never stops the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

import i18n
from connectors.sources import read_team_calendars
from constraints import RULES
from scheduler.errors import RhythmError
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import parse_request
from scheduler.solve import SolveSettings, plan_checked

BEHIND_THE_MASTER = 10  # the pool workers' niceness above this process's (see in_process_pool)
TEAM_TIME_LIMIT = 2.0  # seconds per team: most teams of 4 to 30 prove optimal in well under one


@dataclass(frozen=True)
class TeamJob:
    team: str
    document: Mapping[str, Any]
    base_dir: str | None
    time_limit: float = TEAM_TIME_LIMIT
    # A plan people subscribe to must not move when nothing changed (`SolveSettings`); the
    # solve alone is only compared with, so it skips the tie-break, which doubled its cost.
    reproducible: bool = True
    # The language the job was made in: a pool process or a Celery worker starts in none, and
    # the plan's reasons and a refusal are written in the planner's (`--lang`, the web's).
    language: str = field(default_factory=i18n.current)


@dataclass(frozen=True)
class TeamResult:
    team: str
    plan: dict[str, Any] | None  # the v1 plan, checked by the validator
    error: str | None
    cpu_seconds: float


def solve_team(job: TeamJob) -> TeamResult:
    """One team's week on one CP-SAT worker (the parallelism is across teams)."""
    with i18n.use(job.language):
        return _solve_team(job)


def _solve_team(job: TeamJob) -> TeamResult:
    began = time.process_time()
    try:
        request = parse_request(dict(job.document), base_dir=Path(job.base_dir) if job.base_dir else None)
        facts = read_team_calendars(request)
        settings = SolveSettings(time_limit=job.time_limit, workers=1, reproducible=job.reproducible)
        plan = plan_checked(request, facts, RULES, settings)
        result = plan_to_json(plan)
    except RhythmError as error:
        name = job.team.lstrip("\0")  # "\0" marks the solve alone, for comparison
        return TeamResult(job.team, None, f"{name}: {error}", time.process_time() - began)
    return TeamResult(job.team, result, None, time.process_time() - began)


class Jobs(Protocol):
    """Team jobs as they become known (planner.py yields each building's as soon as its master
    is solved), their number known up front for the progress bar: a list will do."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[TeamJob]: ...


# A runner starts each job as it comes (taking the next may take a master's solve) and returns
# the results in the jobs' order, whatever order they finished in.
Runner = Callable[[Jobs], list[TeamResult]]


def in_process_pool(workers: int, on_done: Callable[[TeamResult], object] | None = None) -> Runner:
    """Solves the teams in a local process pool; `on_done` hears of each finished team (the
    command line's progress bar)."""

    def run(jobs: Jobs) -> list[TeamResult]:
        if workers <= 1:
            return [_told(solve_team(job), on_done) for job in jobs]
        # Workers started from a fresh process, not forked from this one: at 100,000 people
        # a forked worker carried the whole organisation and its calendars (3 GB each, most
        # of it copied as Python touched it; bench/RESULTS.md), where a team needs its job.
        # The pool solves teams while the master of the next building runs in this process:
        # its workers yield to it, so the master finds the same plans in its time as alone (at
        # equal priority it got a third of the CPU, and its plans cost the teams 10-30% of
        # their pair-days; bench/RESULTS.md "Issue 23: the pipeline").
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"),
                                 initializer=os.nice, initargs=(BEHIND_THE_MASTER,)) as pool:
            sent: list[Future[TeamResult]] = []
            try:
                for job in jobs:  # the pool solves these while the next job is being made
                    sent.append(pool.submit(solve_team, job))
                    if on_done is not None:
                        sent[-1].add_done_callback(_heard(on_done))
                return [f.result() for f in sent]
            except BaseException:
                # A refusal while the jobs were made (or ^C): nothing more to solve.
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    return run


def _heard(on_done: Callable[[TeamResult], object]) -> Callable[[Future[TeamResult]], None]:
    def heard(future: Future[TeamResult]) -> None:
        if not future.cancelled() and future.exception() is None:
            on_done(future.result())

    return heard


def _told(result: TeamResult, on_done: Callable[[TeamResult], object] | None) -> TeamResult:
    if on_done is not None:
        on_done(result)
    return result
