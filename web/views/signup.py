"""Creating an account: the address is confirmed by a link before the account exists.

Sign-up stores nothing but a link (with the name and the password's hash) and e-mails it;
the account is made when the link is used. So an address typed by someone else never
becomes an account, and nobody can claim a colleague's address before they arrive. When
the address has an account already, the e-mail says so (with a password reset link) and
the page says the same as for a new address: the page tells nobody who has an account.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from store.models import OneTimeLink, User, utcnow

from ..confirm import confirmation_page
from ..db import get_db
from ..forms.auth import SignUpForm
from ..links import find_link, forget_links, new_link, use_link
from ..mail import link, send
from ..security import address_proven, sign_in
from .auth import find_account, hash_password

bp = Blueprint("signup", __name__, url_prefix="/auth")
CONFIRMING = ("signup", "address")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    """Start an account: a link to confirm the address goes to it."""
    form = SignUpForm()
    if form.validate_on_submit():
        db, email = get_db(), form.email.data.strip().lower()
        existing = find_account(email)
        if existing is not None and existing.confirmed_email:
            secret = new_link(db, "reset", email, user=existing)
            problem = send(email, "account_exists", reset=link("recovery.reset", token=secret))
        else:
            payload = {"name": form.name.data.strip(), "password_hash": hash_password(form.password.data)}
            secret = new_link(db, "signup", email, payload=payload)
            problem = send(email, "signup", name=payload["name"],
                           confirm=link("signup.confirm", token=secret))
        if problem is None:
            db.commit()
            return render_template("auth/sent.html", email=email, what="finish creating your account")
        db.rollback()
        form.form_errors.append(problem)
    return render_template("auth/signup.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> str | Response | tuple[str, int]:
    """The link from the e-mail: confirm the address (the button spends the link)."""
    db = get_db()
    found = next((f for f in (find_link(db, p, token) for p in CONFIRMING) if f is not None), None)
    if found is None:
        return expired()
    page = confirmation_page(title="Confirm your address", button="Confirm",
                             text=f"Confirm that {found.email} is your address.")
    if page is not None:
        return page
    if not use_link(db, found):
        return expired()
    user = _confirmed(found)
    if user is None:
        db.rollback()
        flash(f"{found.email} belongs to another account here already.", "error")
        return redirect(url_for("home.index"))
    db.commit()
    sign_in(user)
    flash(f"{found.email} is confirmed. Welcome!", "success")
    return redirect(url_for("home.index"))


def _confirmed(found: OneTimeLink) -> User | None:
    """The account that now owns the link's address, or None if another account owns it."""
    db, now = get_db(), utcnow()
    holder = find_account(found.email)
    if found.purpose == "signup":
        if holder is None:
            holder = User(email=found.email, name=found.payload["name"], email_confirmed_at=now)
            db.add(holder)
        elif not holder.confirmed_email:
            holder.name = found.payload["name"]
        holder.password_hash = found.payload["password_hash"]
        address_proven(holder)  # whoever held the address unproven is out
        return holder
    user = db.get(User, found.user_id)
    if user is None or (holder is not None and holder is not user and holder.confirmed_email):
        return None
    if holder is not None and holder is not user:
        holder.email = None  # an old unproven claim on the address gives way to its owner
        db.flush()
    user.email, user.email_confirmed_at = found.email, now
    forget_links(db, user, "address")
    return user


def expired() -> tuple[str, int]:
    return render_template("auth/expired.html"), 404
