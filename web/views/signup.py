"""Creating an account: the address is confirmed by a link before the account exists.

Sign-up stores nothing but a link (with the name) and e-mails it; the page the link opens
asks for the password and makes the account. So only the address's owner ever chooses its
password: an address typed by someone else never becomes their account, and nobody can
claim a colleague's address before they arrive. When the address has an account already,
the e-mail says so (with a password reset link) and the page says the same as for a new
address: the page tells nobody who has an account. The same route confirms an address an
account asked for (`account.py`), for that account only: its owner must be signed in.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from store.models import OneTimeLink, User, utcnow

from ..confirm import confirmation_page
from ..db import get_db
from ..forms import required
from ..forms.auth import PasswordForm, SignUpForm
from ..links import find_link, forget_links, new_link, use_link
from ..mail import link, send
from ..security import address_proven, sign_in
from .auth import find_account, hash_password

bp = Blueprint("signup", __name__, url_prefix="/auth")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    """Start an account: a link to confirm the address goes to it."""
    form = SignUpForm()
    if form.validate_on_submit():
        db, email = get_db(), required(form.email).strip().lower()
        existing = find_account(email)
        if existing is not None and existing.confirmed_email:
            secret = new_link(db, "reset", email, user=existing)
            problem = send(email, "account_exists", reset=link("recovery.reset", token=secret))
        else:
            name = required(form.name).strip()
            secret = new_link(db, "signup", email, payload={"name": name})
            problem = send(email, "signup", name=name, confirm=link("signup.confirm", token=secret))
        if problem is None:
            db.commit()
            return render_template("auth/sent.html", email=email, what=_("finish creating your account"))
        db.rollback()
        form.form_errors.append(problem)
    return render_template("auth/signup.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> str | Response | tuple[str, int]:
    """The link from the e-mail: choose the password of the new account, or confirm an
    address for one's own account."""
    db = get_db()
    found = find_link(db, "signup", token)
    if found is not None:
        return _finish_signup(found)
    found = find_link(db, "address", token)
    return _confirm_address(found) if found is not None else expired()


def _finish_signup(found: OneTimeLink) -> str | Response | tuple[str, int]:
    db, form = get_db(), PasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/password.html", form=form, title=_("Choose your password"),
                               hint=_("For your new account, %(email)s.", email=found.email),
                               button=_("Create my account"))
    if not use_link(db, found):
        return expired()
    user = find_account(found.email)
    if user is None:
        user = User(email=found.email, name=found.payload["name"], email_confirmed_at=utcnow())
        db.add(user)
    elif not user.confirmed_email:
        user.name = found.payload["name"]
    user.password_hash = hash_password(required(form.password))
    address_proven(user)  # whoever held the address unproven is out
    db.commit()
    sign_in(user)
    flash(_("%(email)s is confirmed. Welcome!", email=found.email), "success")
    return redirect(url_for("home.index"))


def _confirm_address(found: OneTimeLink) -> str | Response | tuple[str, int]:
    """Only in the asking account's own session: whoever else opens the link (its address's
    owner, tricked into it) cannot give that address to someone else's account."""
    db, user = get_db(), g.user
    if user is None or user.id != found.user_id:
        flash(_("Sign in to the account that asked to confirm this address, then open the link again."),
              "info")
        return redirect(url_for("auth.signin", next=request.path))
    page = confirmation_page(title=_("Confirm your address"), button=_("Confirm"),
                             text=_("Confirm that %(email)s is the address of your account, %(name)s.",
                                    email=found.email, name=user.name))
    if page is not None:
        return page
    holder = find_account(found.email)
    if not use_link(db, found) or (holder is not None and holder is not user and holder.confirmed_email):
        db.rollback()
        flash(_("%(email)s belongs to another account here already.", email=found.email), "error")
        return redirect(url_for("account.show"))
    if holder is not None and holder is not user:
        holder.email = None  # an old unproven claim on the address gives way to its owner
        db.flush()
    user.email, user.email_confirmed_at = found.email, utcnow()
    forget_links(db, user, "address")
    db.commit()
    flash(_("%(email)s is confirmed.", email=found.email), "success")
    return redirect(url_for("home.index"))


def expired() -> tuple[str, int]:
    return render_template("auth/expired.html"), 404
