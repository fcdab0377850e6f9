"""Planning a team: the solve jobs, the plans they stored, the solves counted for the rate
limit, the automatic runs of the cycle, and the calendars last read for a week a source fails.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class Job(Base):
    """One solve: the v1 request it was given, then its status and either a plan or an error."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "web" (stores a team plan) or "api"
    # queued, running, done, failed, cancelled
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    request_json: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # time limit, pins
    error: Mapped[str | None] = mapped_column(Text)
    result_json: Mapped[str | None] = mapped_column(Text)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Whoever solves the job renews its lease while it runs; an expired lease is a solve that
    # died with its worker (web/leases.py). The limit is the job's one deadline, in seconds.
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    limit_seconds: Mapped[float | None] = mapped_column(Float)


class StoredPlan(Base):
    """A team's plan with the request it answers (for checks, exports and comparisons)."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    week: Mapped[date] = mapped_column(Date)
    plan_json: Mapped[str] = mapped_column(Text)
    request_json: Mapped[str] = mapped_column(Text)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SolveEvent(Base):
    """One accepted solve, for the per-team rate limit (shared by every web process)."""

    __tablename__ = "solve_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class CycleRun(Base):
    """One automatic plan of a team-week at one moment of the cycle. The row is the claim:
    the unique key lets one process (thread or Celery worker) run it, and never twice."""

    __tablename__ = "cycle_runs"
    __table_args__ = (UniqueConstraint("team_id", "week", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    week: Mapped[date] = mapped_column(Date)
    due: Mapped[datetime] = mapped_column(DateTime)  # the cycle's moment, naive UTC
    status: Mapped[str] = mapped_column(String(10), default="running")  # done, failed, skipped
    job_id: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class CalendarSnapshot(Base):
    """A member's calendars as last read (the planning facts only), for a week their source
    cannot be read: the plan then uses these while they are under 7 days old."""

    __tablename__ = "calendar_snapshots"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    facts_json: Mapped[str] = mapped_column(Text)
