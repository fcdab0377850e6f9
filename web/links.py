"""One-time links sent by e-mail: sign-up, address confirmation, password reset, sign-in and
invitation. Each carries 256 random bits, is kept only as its SHA-256 (`secret_tokens.digest`),
expires, and works once: using it deletes it, and a newer link of the same kind for the
same person replaces it.

Opening a link (GET) only shows a page with a button; the button (POST, with the CSRF token)
uses it. Mail scanners that fetch every link in a message then use nothing up.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.models import Member, OneTimeLink, User, utcnow

from .secret_tokens import digest

LIFETIMES = {
    "signup": timedelta(hours=24),
    "address": timedelta(hours=24),  # confirm an address for an existing account
    "reset": timedelta(hours=1),
    "signin": timedelta(minutes=15),
    "invite": timedelta(days=7),
}


def new_link(db: Session, purpose: str, email: str, *, user: User | None = None,
             member: Member | None = None, payload: dict[str, Any] | None = None) -> str:
    """Store a link's digest and return its secret, shown only in the e-mail (not committed)."""
    now = utcnow()
    db.execute(delete(OneTimeLink).where(OneTimeLink.expires_at < now))
    earlier = OneTimeLink.purpose == purpose
    if member is not None:
        earlier &= OneTimeLink.member_id == member.id
    elif user is not None:
        earlier &= OneTimeLink.user_id == user.id
    else:
        earlier &= OneTimeLink.email == email
    db.execute(delete(OneTimeLink).where(earlier))
    secret = secrets.token_urlsafe(32)
    db.add(OneTimeLink(purpose=purpose, digest=digest(secret), email=email,
                       user_id=user.id if user else None, member_id=member.id if member else None,
                       payload=payload or {}, created_at=now, expires_at=now + LIFETIMES[purpose]))
    return secret


def find_link(db: Session, purpose: str, secret: str) -> OneTimeLink | None:
    """The unexpired link of this kind with this secret, or None."""
    if len(secret) > 100:
        return None
    link = db.scalar(select(OneTimeLink).where(OneTimeLink.digest == digest(secret)))
    if link is None or link.purpose != purpose or link.expires_at < utcnow():
        return None
    return link


def account_link(db: Session, purpose: str, secret: str) -> tuple[OneTimeLink, User] | None:
    """The unexpired link of this kind with its account, or None."""
    link = find_link(db, purpose, secret)
    user = db.get(User, link.user_id) if link and link.user_id else None
    return (link, user) if link and user else None


def use_link(db: Session, link: OneTimeLink) -> bool:
    """Spend the link; False when another request spent it first (the caller then stops)."""
    deleted = db.execute(delete(OneTimeLink).where(OneTimeLink.id == link.id))
    return bool(deleted.rowcount)  # type: ignore[attr-defined]


def forget_links(db: Session, user: User, *purposes: str) -> None:
    """A new password (or a confirmed address) makes the account's older links worthless."""
    db.execute(delete(OneTimeLink).where(OneTimeLink.user_id == user.id, OneTimeLink.purpose.in_(purposes)))
