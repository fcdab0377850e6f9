"""Getting back in: a forgotten password (a reset link), and signing in with a link by
e-mail, which is also the way in when guesses from many addresses have put the account in
link-only mode (`throttle.py`). Both answer the same page whether or not an account uses
the address; the e-mail then says which it is.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ..confirm import confirmation_page
from ..db import get_db
from ..forms import required
from ..forms.auth import EmailForm, PasswordForm
from ..links import account_link, forget_links, new_link, use_link
from ..mail import link, send
from ..security import address_proven, end_sessions, sign_in
from .auth import find_account, hash_password
from .signup import expired

bp = Blueprint("recovery", __name__, url_prefix="/auth")


@bp.route("/forgot", methods=["GET", "POST"])
def forgot() -> str:
    """Ask for a password reset link."""
    return _send_link("reset", title=_("Forgot your password?"), button=_("E-mail me a reset link"),
                      what=_("choose a new password"))


@bp.route("/link", methods=["GET", "POST"])
def ask_link() -> str:
    """Ask for a sign-in link (no password needed)."""
    return _send_link("signin", title=_("Sign in with a link"), button=_("E-mail me a sign-in link"),
                      what=_("sign in"))


def _send_link(purpose: str, *, title: str, button: str, what: str) -> str:
    form = EmailForm()
    if form.validate_on_submit():
        db, email = get_db(), required(form.email).strip().lower()
        user = find_account(email)
        if user is None:
            problem = send(email, "no_account", signup=link("signup.signup"))
        else:
            secret = new_link(db, purpose, email, user=user)
            endpoint = "recovery.reset" if purpose == "reset" else "recovery.use_signin_link"
            problem = send(email, purpose, name=user.name, url=link(endpoint, token=secret))
        if problem is None:
            db.commit()
            return render_template("auth/sent.html", email=email, what=what)
        db.rollback()
        form.form_errors.append(problem)
    return render_template("auth/email_form.html", form=form, title=title, button=button)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password; every other session of the account ends."""
    db = get_db()
    pair = account_link(db, "reset", token)
    if pair is None:
        return expired()
    found, user = pair
    form = PasswordForm()
    if form.validate_on_submit():
        if not use_link(db, found):
            return expired()
        user.password_hash = hash_password(required(form.password))
        if user.email == found.email:
            address_proven(user)
        end_sessions(user)
        forget_links(db, user, "reset", "signin")
        db.commit()
        sign_in(user)
        flash(_("Your new password is set; you are signed in, and signed out everywhere else."), "success")
        return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form, title=_("Choose a new password"),
                           hint=_("For %(email)s. Every other session of this account is signed out.",
                                  email=found.email),
                           button=_("Set the new password"))


@bp.route("/link/<token>", methods=["GET", "POST"])
def use_signin_link(token: str) -> str | Response | tuple[str, int]:
    """The sign-in link from the e-mail (the button spends it)."""
    db = get_db()
    pair = account_link(db, "signin", token)
    if pair is None:
        return expired()
    found, user = pair
    page = confirmation_page(title=_("Sign in"), text=_("Sign in to rhythm as %(email)s.", email=found.email),
                             button=_("Sign in"))
    if page is not None:
        return page
    if not use_link(db, found):
        return expired()
    # Not a proof of the address for an unconfirmed account: whoever made it may know its
    # password. A reset (a new password) is.
    db.commit()
    sign_in(user)
    return redirect(url_for("home.index"))
