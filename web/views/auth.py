"""Signing in: local accounts (email and password) and, when configured, Microsoft."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from store.models import User

from .. import microsoft
from ..db import get_db
from ..forms.auth import SignInForm, SignUpForm
from ..security import sign_in
from ..throttle import throttle

bp = Blueprint("auth", __name__, url_prefix="/auth")
# Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    """Create a local account and sign in."""
    form = SignUpForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        db = get_db()
        if db.scalar(select(User).where(User.email == email)) is not None:
            form.email.errors = ["An account with this email exists; sign in instead."]
        else:
            user = User(email=email, name=form.name.data.strip(),
                        password_hash=generate_password_hash(form.password.data,
                                                             current_app.config["PASSWORD_METHOD"]))
            db.add(user)
            db.commit()
            sign_in(user)
            flash("Welcome! Your account is ready.", "success")
            return redirect(url_for("home.index"))
    return render_template("auth/signup.html", form=form)


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> str | Response:
    """Sign in with email and password."""
    form = SignInForm()
    if form.validate_on_submit():
        email, address = form.email.data.strip().lower(), request.remote_addr or "unknown"
        wait = throttle().wait(email, address)
        if wait is not None:
            # Refused before the password is looked at: while locked, even the right one fails.
            form.form_errors.append(f"Too many failed sign-ins for this account or from this address; "
                                    f"try again in {wait} seconds.")
            page = render_template("auth/signin.html", form=form, microsoft=microsoft.available())
            return Response(page, 429, {"Retry-After": str(wait)})
        user = get_db().scalar(select(User).where(User.email == email))
        stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
        if check_password_hash(stored, form.password.data) and user and user.password_hash:
            throttle().succeeded(email)
            sign_in(user)
            return redirect(_safe_next(request.args.get("next")))
        throttle().failed(email, address)
        form.password.errors = ["That email and password do not match an account."]
    return render_template("auth/signin.html", form=form, microsoft=microsoft.available())


@bp.post("/signout")
def signout() -> Response:
    """Sign out (a POST with the CSRF token: a link elsewhere cannot sign anyone out)."""
    session.clear()
    return redirect(url_for("auth.signin"))


@bp.get("/microsoft")
def microsoft_start() -> Response:
    """Send the browser to Microsoft's sign-in page."""
    if not microsoft.available():
        flash("Sign-in with Microsoft is not set up on this server.", "error")
        return redirect(url_for("auth.signin"))
    return redirect(microsoft.start(url_for("auth.microsoft_done", _external=True)))


@bp.get("/microsoft/done")
def microsoft_done() -> Response:
    """Where Microsoft sends the browser back: sign in (or connect Outlook)."""
    outcome = microsoft.finish(request.args.to_dict())
    if isinstance(outcome, str):
        flash(outcome, "error")
        return redirect(url_for("auth.signin"))
    sign_in(outcome)
    flash("Signed in with Microsoft; Outlook is connected.", "success")
    return redirect(url_for("home.index"))


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an open redirect to somewhere else.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")
