"""Bearer and subscription tokens: random, shown once, kept only as a SHA-256 digest.

A digest is enough because the server only ever checks a token; a stolen database then
opens nothing. SHA-256 without salt is fine here: the tokens are 256 random bits, not
passwords, so there is nothing to guess.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session

from store.models import ApiToken, CalendarToken, Member, Team


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_token(db: Session, team: Team, name: str) -> str:
    """Create a team's API token; the caller shows it once and it is never readable again."""
    token = "rhythm_" + secrets.token_urlsafe(32)
    db.add(ApiToken(team_id=team.id, name=name, digest=digest(token), hint=token[:11]))
    db.commit()
    return token


def new_calendar_token(db: Session, member: Member) -> str:
    """A member's subscription secret; any earlier one stops working at once."""
    token = secrets.token_urlsafe(32)
    existing = db.query(CalendarToken).filter_by(member_id=member.id).one_or_none()
    if existing is None:
        db.add(CalendarToken(member_id=member.id, digest=digest(token)))
    else:
        existing.digest = digest(token)
    db.commit()
    return token
