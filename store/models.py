"""What the service stores: teams with their members, meetings and pins, plan jobs, stored
plans, the hashed tokens that open the API and the calendar subscriptions, and the
organisation's planned weeks with their coffee dates. Accounts and how they sign in are in
`accounts.py` (re-exported here).

Times are naive UTC (`utcnow`): SQLite keeps no offsets, so one convention for both databases.
A team's rules are kept as the v1 `rules` object itself, so the contract stays the one place
that defines them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import Boolean

from .accounts import MicrosoftIdentity, OneTimeLink, User
from .base import Base, utcnow
from .pending import PendingTask

# And the tables below.
__all__ = ["Base", "MicrosoftIdentity", "OneTimeLink", "PendingTask", "User", "utcnow"]


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # the v1 request's `team`
    timezone: Mapped[str] = mapped_column(String(64))
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the v1 `rules` object
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What the team shares is written in it: calendar block titles, e-mails to the team.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    members: Mapped[list[Member]] = relationship(
        back_populates="team", order_by="Member.id", cascade="all, delete-orphan")
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="team", order_by="Meeting.id", cascade="all, delete-orphan")


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # the v1 member id; fixed once created
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)  # lower-case
    # The account that accepted this member's invitation (an account whose confirmed address
    # is `email` is linked too, see web/linking.py).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    work_start: Mapped[str] = mapped_column(String(5), default="09:00")
    work_end: Mapped[str] = mapped_column(String(5), default="17:00")
    calendar_address: Mapped[str | None] = mapped_column(String(2000))
    ics_text: Mapped[str | None] = mapped_column(Text)  # an uploaded calendar, sent inline
    ics_name: Mapped[str | None] = mapped_column(String(255))
    office_never: Mapped[list[str]] = mapped_column(JSON, default=list)
    office_always: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What the member chose (issue 24): e-mails about new plans, and syncing each new plan.
    notify: Mapped[bool] = mapped_column(Boolean, default=True)
    auto_sync: Mapped[bool] = mapped_column(Boolean, default=False)

    team: Mapped[Team] = relationship(back_populates="members")


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # the v1 meeting id
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    attendees: Mapped[Any] = mapped_column(JSON)  # member keys, or "all"
    optional: Mapped[list[str]] = mapped_column(JSON, default=list)
    per_week: Mapped[int] = mapped_column(Integer, default=1)
    where: Mapped[str] = mapped_column(String(10), default="any")

    team: Mapped[Team] = relationship(back_populates="meetings")
    pins: Mapped[list[Pin]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                           passive_deletes=True)


class Pin(Base):
    """A meeting occurrence the manager fixed: same weekday and time in every re-plan."""

    __tablename__ = "pins"
    __table_args__ = (UniqueConstraint("meeting_id", "weekday"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    weekday: Mapped[str] = mapped_column(String(3))
    start: Mapped[str] = mapped_column(String(5))  # HH:MM in the team's zone

    meeting: Mapped[Meeting] = relationship(back_populates="pins")


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


class ApiToken(Base):
    """A team's API token: only its SHA-256 is kept, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class CalendarToken(Base):
    """The secret in a member's subscription URL; rotating it replaces the row."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), unique=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SolveEvent(Base):
    """One accepted solve, for the per-team rate limit (shared by every web process)."""

    __tablename__ = "solve_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class OrgWeek(Base):
    """An organisation's planned week: the summary `rhythm org plan` wrote (occupancy per
    building and day, affinity pairs), for the organisation page."""

    __tablename__ = "org_weeks"
    __table_args__ = (UniqueConstraint("organisation", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(100), index=True)
    week: Mapped[date] = mapped_column(Date)
    summary_json: Mapped[str] = mapped_column(Text)
    # Who may open the organisation page: the planners' and the teams' managers' addresses.
    viewers: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CoffeePair(Base):
    """One coffee date of a round: the history that keeps the next rounds' pairs new."""

    __tablename__ = "coffee_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(100))
    week: Mapped[date] = mapped_column(Date)  # the round's week (its Monday)
    person_a: Mapped[str] = mapped_column(String(64))  # member ids, a < b
    person_b: Mapped[str] = mapped_column(String(64))
    email_a: Mapped[str | None] = mapped_column(String(254), index=True)  # lower-case: my week
    email_b: Mapped[str | None] = mapped_column(String(254), index=True)
    name_a: Mapped[str] = mapped_column(String(200))
    name_b: Mapped[str] = mapped_column(String(200))
    building: Mapped[str] = mapped_column(String(100))
    start: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    end: Mapped[datetime] = mapped_column(DateTime)


Index("coffee_pairs_round", CoffeePair.organisation, CoffeePair.week)


class TeamCycle(Base):
    """When the service plans a team's coming weeks by itself (web/cycle.py): on `weekday` at
    `at` in the team's zone, the next `weeks_ahead` weeks. A team without a row has the
    defaults (Friday 14:00, one week ahead, on)."""

    __tablename__ = "team_cycles"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    weekday: Mapped[str] = mapped_column(String(3), default="fri")
    at: Mapped[str] = mapped_column(String(5), default="14:00")  # HH:MM in the team's zone
    weeks_ahead: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # runs due before: not caught up


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


class CalDavGrant(Base):
    """A CalDAV collection (a URL prefix) on a server rhythm holds an account for, granted to
    one team by the operator (`rhythm caldav grant`): the only such collections its requests
    may name, so no team reads another's with the service's account."""

    __tablename__ = "caldav_grants"
    __table_args__ = (UniqueConstraint("team_id", "collection"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    collection: Mapped[str] = mapped_column(String(2000))  # a URL ending in "/"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Organisation(Base):
    """An organisation planned from the web app: its planners (who change and plan it), its
    buildings with their desks, and which of the app's teams work from which building."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)  # the org request's `organisation`
    timezone: Mapped[str] = mapped_column(String(64))
    planners: Mapped[list[str]] = mapped_column(JSON, default=list)  # confirmed addresses, lower-case
    buildings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{"id", "desks"}]
    teams: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{"team_id", "building"}]
    status: Mapped[str] = mapped_column(String(10), default="new")  # queued, running, done, failed
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    planned_at: Mapped[datetime | None] = mapped_column(DateTime)
