"""What one reading may spend: recurrence steps per calendar and per job, and the job's deadline.

Each recurring event is bounded on its own (`ics/recurrence.py`, 200,000 steps of dateutil's
walk, about a second), but 60 events repeating every minute since months before the week
stayed under that bound one by one and held an upload for 41 s together. So every rule's
walk is charged to its calendar (`CALENDAR_STEPS`) and to the job reading it (`JOB_STEPS`),
and the job's one deadline (fetch, read, build and solve) is checked between calendars,
between series and inside each series' walk. The job's budget travels in a context variable,
set by whoever runs the job (`job_budget`): readers need no extra parameter, and a reading
outside a job (the command line, an upload at the door) is bounded per calendar only.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from scheduler.errors import CalendarError

CALENDAR_STEPS = 600_000  # about 3 s of dateutil here; a real calendar needs a tenth of it
JOB_STEPS = 3_000_000


class BudgetSpent(CalendarError):
    """A calendar or a job past its budget: refused whole, strict or tolerant."""


@dataclass
class JobBudget:
    """One job's steps left and its deadline (a `time.monotonic()` value)."""

    steps: int = JOB_STEPS
    deadline: float = math.inf
    seconds: float = math.inf  # the whole budget, as errors tell it
    total: int = JOB_STEPS

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check_time(self, source: str, line: int | None = None) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetSpent(source, f"the plan ran out of its {self.seconds:g} s before this "
                              "calendar was read; try a shorter time limit or fewer calendars", line)


_JOB: ContextVar[JobBudget | None] = ContextVar("rhythm_job_budget", default=None)


@contextmanager
def job_budget(seconds: float = math.inf, steps: int = JOB_STEPS) -> Iterator[JobBudget]:
    """Readings inside this block share one job's steps and deadline."""
    budget = JobBudget(steps, time.monotonic() + seconds, seconds, steps)
    token = _JOB.set(budget)
    try:
        yield budget
    finally:
        _JOB.reset(token)


def current_job() -> JobBudget | None:
    return _JOB.get()


def check_deadline(source: str, line: int | None = None) -> None:
    """Past the running job's deadline: BudgetSpent naming `source`; no job: nothing."""
    job = _JOB.get()
    if job is not None:
        job.check_time(source, line)


def seconds_left(default: float) -> float:
    """At most `default`, and no more than the running job has left (at least a tenth of a second)."""
    job = _JOB.get()
    return default if job is None else max(0.1, min(default, job.left()))


@dataclass
class CalendarSteps:
    """The steps one calendar's recurring events may take together."""

    source: str
    left: int = CALENDAR_STEPS

    def charge(self, steps: int, who: str, line: int | None) -> None:
        """Charge one rule's walk to the calendar and the job; BudgetSpent naming the event."""
        self.left -= steps
        if self.left < 0:
            raise BudgetSpent(self.source, f"the RRULE of {who} is one too many: this calendar's "
                              f"repeating events together take more than {CALENDAR_STEPS:,} steps "
                              "to reach the week (series repeating every minute or hour since long "
                              "before it); end them (UNTIL) or start them later", line)
        job = _JOB.get()
        if job is not None:
            job.steps -= steps
            if job.steps < 0:
                raise BudgetSpent(self.source, f"the RRULE of {who} is one too many: the calendars "
                                  f"of this plan together take more than {job.total:,} steps of "
                                  "repeating events to reach the week", line)
            job.check_time(self.source, line)
