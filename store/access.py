"""What opens what: a team's API tokens and a member's calendar subscription, kept only as
their SHA-256, and the CalDAV collections the operator granted a team.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


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
