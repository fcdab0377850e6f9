"""Who signs in: accounts, the one-time links sent to their addresses, and Microsoft sign-ins.

An account's `email` is the address it signs in with; `email_confirmed_at` says the person
proved it is theirs (a link sent there was opened), and only a confirmed address links an
account to the team members a manager entered with it. `session_version` is copied into each
session at sign-in: raising it ends every session of the account (sign-out, new password).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Lower-case; None for a Microsoft sign-in that has not confirmed an address here.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(300))  # None: Microsoft sign-in only
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    language: Mapped[str | None] = mapped_column(String(8))  # None: the browser's Accept-Language

    microsoft: Mapped[list[MicrosoftIdentity]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def confirmed_email(self) -> str | None:
        """The address this account proved it owns, or None."""
        return self.email if self.email and self.email_confirmed_at is not None else None


class OneTimeLink(Base):
    """A link e-mailed to an address (sign-up, address confirmation, password reset, sign-in,
    invitation): only the SHA-256 of its secret is kept, it expires, and using it deletes it."""

    __tablename__ = "one_time_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)  # where it was sent, lower-case
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # a sign-up's name and hash
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class MicrosoftIdentity(Base):
    """A Microsoft account signed in here, known by its immutable tenant and object ids (the
    id token's `tid` and `oid`), never by its changeable `mail` attribute."""

    __tablename__ = "microsoft_identities"
    __table_args__ = (UniqueConstraint("tenant_id", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    tenant_id: Mapped[str] = mapped_column(String(36))
    object_id: Mapped[str] = mapped_column(String(36))
    mailbox: Mapped[str] = mapped_column(String(254))  # the address Graph reports, for outlook:
    connected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="microsoft")
