"""One organisation week from request to stored result, the same for `rhythm org plan` and
the web app's planners: plan every team, hold the coffee round, check every organisation
rule, then store the summary (with who may see it) and the round. Nothing is stored unless
all of it holds."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from i18n import _
from scheduler.errors import RhythmError

from .check import check_org
from .coffee import coffee_round
from .coffee_people import Person, people_of
from .domain import OrgRequest
from .history import earlier_rounds, recent_pairs, store_round, store_summary
from .planner import OrgOutcome, plan_org
from .summary import coffee_summary, summarise
from .teams import Runner

log = logging.getLogger("rhythm.org")


@dataclass(frozen=True)
class OrgWeekDone:
    outcome: OrgOutcome
    summary: dict[str, Any]
    coffee: dict[str, Any] | None


def plan_and_store(
    org: OrgRequest,
    runner: Runner,
    history: sessionmaker[Session],
    *,
    master_time_limit: float,
    team_time_limit: float,
    alone: bool,
    before_storing: Callable[[OrgWeekDone], None] | None = None,  # e.g. write the files first
) -> OrgWeekDone:
    outcome = plan_org(
        org, runner, master_time_limit=master_time_limit, team_time_limit=team_time_limit, alone=alone
    )
    seconds = dict(outcome.seconds)
    for step in ("calendars", "master and teams"):
        log.info("%s: %.2f s", step, seconds[step])
    failed = [r.error for r in outcome.plans.values() if r.error]
    if failed:
        # One team's week is part of everyone's (desks, coffee): nothing is written or stored.
        raise RhythmError("\n".join([_("these teams cannot be planned, so nothing was written:"), *failed]))
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    with timed("summary", seconds):
        summary = summarise(outcome)
    coffee: dict[str, Any] | None = None
    recent: set[frozenset[str]] = set()
    people: dict[str, Person] | None = None
    if org.coffee is not None:
        with history() as db:
            recent = recent_pairs(db, org.organisation, org.week)
            last = next(iter(earlier_rounds(db, org.organisation, org.week, 1)), None)
        with timed("coffee", seconds):
            people = people_of(org, plans, outcome.facts)  # the round's and the check's
            coffee = coffee_round(org, plans, outcome.facts, recent, last, people)
    with timed("check", seconds):
        broken = check_org(org, plans, summary, coffee, outcome.facts, recent, people)
    if broken:
        lines = "\n".join(f"- {v}" for v in broken)
        raise RhythmError(_("the organisation plan breaks its rules (please report):") + f"\n{lines}")
    if coffee is not None:
        summary["coffee"] = coffee_summary(org, coffee)
    summary["seconds"] = seconds  # every step of the run, so a slow one shows which
    done = OrgWeekDone(outcome, summary, coffee)
    if before_storing is not None:
        with timed("write"):  # after the summary is written: in the log only
            before_storing(done)
    with timed("store"), history() as db, db.begin():
        store_summary(db, org.organisation, org.week, summary, org.viewers)
        if coffee is not None and coffee["round"]:
            emails = {m.id: m.email for t in org.teams for m in t.request.members}
            store_round(db, org.organisation, org.week, coffee["pairs"], emails)
    return done


@contextmanager
def timed(step: str, seconds: dict[str, float] | None = None) -> Iterator[None]:
    """The step's wall clock in the log (`--verbose`), and in `seconds` if given."""
    began = time.perf_counter()
    yield
    took = round(time.perf_counter() - began, 3)
    if seconds is not None:
        seconds[step] = took
    log.info("%s: %.2f s", step, took)
