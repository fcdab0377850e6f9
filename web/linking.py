"""Which team members an account is: the member whose invitation it accepted
(`Member.user_id`), and every member a manager entered with the address the account
confirmed. Nothing else links them: an address typed at sign-up reaches nobody until a
link sent there has been opened, so nobody can sign up as a colleague.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.orm import Session

from store.models import Member, OneTimeLink, Team, User, utcnow


def reaches(user: User, member: Member) -> bool:
    """Whether the account is this member."""
    confirmed = user.confirmed_email
    return member.user_id == user.id or (confirmed is not None and member.email == confirmed)


def _of(user: User) -> ColumnElement[bool]:
    confirmed = user.confirmed_email
    return or_(Member.user_id == user.id, *([Member.email == confirmed] if confirmed else []))


def members_of(db: Session, user: User) -> Sequence[Member]:
    """The members this account is, in every team."""
    return db.scalars(select(Member).where(_of(user)).order_by(Member.id)).all()


def accounts_of(db: Session, member: Member) -> Sequence[User]:
    """The accounts that are this member (the invited one, the one with the confirmed address)."""
    found = [User.id == member.user_id] if member.user_id else []
    if member.email:
        found.append((User.email == member.email) & User.email_confirmed_at.is_not(None))
    return db.scalars(select(User).where(or_(*found))).all() if found else []


def unlink(db: Session, member: Member) -> None:
    """The member's address changed: the account that accepted their invitation, and an
    invitation still open, no longer count (the caller commits)."""
    member.user_id = None
    db.execute(delete(OneTimeLink).where(OneTimeLink.member_id == member.id))


def team_access(db: Session, team: Team) -> dict[int, str]:
    """Per member id, for the team page: "joined" (an account is this member), "invited" (an
    invitation is open), or nothing yet."""
    emails = {m.email for m in team.members if m.email}
    confirmed = set(db.scalars(select(User.email).where(
        User.email.in_(emails), User.email_confirmed_at.is_not(None)))) if emails else set()
    invited = set(db.scalars(select(OneTimeLink.member_id).where(
        OneTimeLink.purpose == "invite", OneTimeLink.expires_at > utcnow(),
        OneTimeLink.member_id.in_([m.id for m in team.members]))))
    return {m.id: "joined" if m.user_id or m.email in confirmed else "invited"
            for m in team.members if m.user_id or m.email in confirmed or m.id in invited}
