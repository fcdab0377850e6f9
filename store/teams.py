"""A team as its manager keeps it: the team with its rules and language, its members, its
meetings with the occurrences pinned to a time, and when the service plans it by itself.

A team's rules are kept as the v1 `rules` object itself, so the contract stays the one place
that defines them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import Boolean

from .base import Base, utcnow


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
