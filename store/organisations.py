"""An organisation: the one planned from the web app, its planned weeks (for the
organisation page) and the coffee dates of its rounds.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


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
