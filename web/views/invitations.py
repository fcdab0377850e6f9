"""Invitations: a manager sends a member a one-time link (valid 7 days); whoever opens it
joins the team as that member, with the account they are signed in with or one they make on
the spot (its address is the invited one, proven by the link). An invitation is the one way
to link an account to a member other than the account's confirmed address."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from store.models import Member, OneTimeLink, Team, User, utcnow

from .. import microsoft
from ..db import get_db
from ..forms import required
from ..forms.auth import NewAccountForm
from ..forms.plan import EmptyForm
from ..links import LIFETIMES, find_link, new_link, use_link
from ..mail import link, send
from ..security import in_team, sign_in, team_manager
from ..throttle import throttle
from .auth import find_account, hash_password
from .signup import expired

bp = Blueprint("invitations", __name__)


@bp.post("/teams/<int:team_id>/members/<int:member_id>/invite")
@team_manager
def invite(team: Team, member_id: int) -> Response:
    """E-mail the member an invitation; an earlier one stops working."""
    member: Member = in_team(team, Member, member_id)
    back = redirect(url_for("teams.show", team_id=team.id))
    if not EmptyForm().validate_on_submit():
        return back
    if not member.email:
        flash(_("Add %(name)s's e-mail address first: the invitation goes there.", name=member.name), "error")
        return back
    if not throttle().may_mail(member.email):
        flash(_("%(email)s was sent several e-mails a moment ago; try again later.", email=member.email),
              "error")
        return back
    db = get_db()
    secret = new_link(db, "invite", member.email, member=member)
    problem = send(member.email, "invite", limited=False, language=team.language, team=team.name,
                   manager=g.user.name,
                   name=member.name, url=link("invitations.accept", token=secret),
                   days=LIFETIMES["invite"].days)
    if problem is not None:
        db.rollback()
        flash(problem, "error")
        return back
    db.commit()
    flash(_("Invitation sent to %(email)s.", email=member.email), "success")
    return back


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token: str) -> str | Response | tuple[str, int]:
    """Join the team as the invited member (the button spends the link)."""
    db = get_db()
    found = find_link(db, "invite", token)
    member = db.get(Member, found.member_id) if found and found.member_id else None
    if found is None or member is None or member.email != found.email:
        return expired()
    joining, account = EmptyForm(), NewAccountForm(name=member.name)
    if g.user is not None and joining.validate_on_submit():
        return _join(member, found, g.user)
    if g.user is None and account.validate_on_submit():
        if find_account(found.email) is not None:
            account.form_errors.append(_("An account with %(email)s exists here already: sign in "
                                         "(above) to accept the invitation with it.", email=found.email))
        else:
            user = User(email=found.email, name=required(account.name).strip(), email_confirmed_at=utcnow(),
                        password_hash=hash_password(required(account.password)))
            db.add(user)
            db.flush()
            return _join(member, found, user)
    return render_template("invitations/show.html", member=member, email=found.email, joining=joining,
                           account=account, microsoft=microsoft.available(), token=token)


def _join(member: Member, found: OneTimeLink, user: User) -> Response | tuple[str, int]:
    db = get_db()
    if not use_link(db, found):
        db.rollback()
        return expired()
    member.user_id = user.id
    db.commit()
    if g.user is None or g.user.id != user.id:
        sign_in(user)
    flash(_("Welcome to %(team)s: this is your week.", team=member.team.name), "success")
    return redirect(url_for("week.show", member_id=member.id))
