"""Signing in and out: local accounts (email and password) and, when configured, Microsoft.
Signing up, confirming and recovering an account are in `signup.py` and `recovery.py`."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from store.models import User

from .. import microsoft
from ..db import get_db
from ..forms import required
from ..forms.auth import EmailForm, SignInForm
from ..mail import link
from ..security import end_sessions, safe_next, sign_in
from ..throttle import throttle

bp = Blueprint("auth", __name__, url_prefix="/auth")
# Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password")


def hash_password(password: str) -> str:
    return generate_password_hash(password, current_app.config["PASSWORD_METHOD"])


def find_account(email: str) -> User | None:
    return get_db().scalar(select(User).where(User.email == email.strip().lower()))


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> str | Response:
    """Sign in with email and password."""
    form = SignInForm()
    if form.validate_on_submit():
        email, address = required(form.email).strip().lower(), request.remote_addr or "unknown"
        wait = throttle().wait(email, address)
        if wait is not None:
            # Refused before the password is looked at: from here, even the right one fails.
            form.form_errors.append(_("Too many failed sign-ins for this account or from this address; "
                                      "try again in %(wait)s seconds.", wait=wait))
            return Response(_page(form), 429, {"Retry-After": str(wait)})
        if throttle().link_only(email):
            # Guesses from everywhere: the password is not looked at, the owner gets a link.
            return _page(form, link=EmailForm(email=email))
        user = find_account(email)
        stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
        if check_password_hash(stored, required(form.password)) and user and user.password_hash:
            throttle().succeeded(email, address)
            sign_in(user)
            return redirect(safe_next(request.args.get("next")))
        throttle().failed(email, address)
        form.password.errors = [_("That email and password do not match an account.")]
    return _page(form)


def _page(form: SignInForm, link: EmailForm | None = None) -> str:
    return render_template("auth/signin.html", form=form, link=link, microsoft=microsoft.available(),
                           next=request.args.get("next"))


@bp.post("/signout")
def signout() -> Response:
    """Sign out everywhere: every session of the account ends, copies of the cookie too (a
    POST with the CSRF token: a link elsewhere cannot sign anyone out)."""
    if g.user is not None:
        end_sessions(g.user)
        get_db().commit()
    session.clear()
    return redirect(url_for("auth.signin"))


@bp.get("/microsoft")
def microsoft_start() -> Response:
    """Send the browser to Microsoft's sign-in page."""
    if not microsoft.available():
        flash(_("Sign-in with Microsoft is not set up on this server."), "error")
        return redirect(url_for("auth.signin"))
    after = safe_next(request.args.get("next"))
    # The address registered with Entra ID, never built from the Host header a client sent.
    return redirect(microsoft.start(link("auth.microsoft_done"), after))


@bp.get("/microsoft/done")
def microsoft_done() -> Response:
    """Where Microsoft sends the browser back: sign in, or connect Outlook to the account."""
    after = safe_next(session.pop(microsoft.NEXT_KEY, None))
    connecting = g.user is not None
    outcome = microsoft.finish(request.args.to_dict())
    if isinstance(outcome, str):
        flash(outcome, "error")
        return redirect(url_for("account.show") if connecting else url_for("auth.signin"))
    if not connecting:
        sign_in(outcome)
    flash(_("Outlook is connected to your account.") if connecting
          else _("Signed in with Microsoft; Outlook is connected."), "success")
    return redirect(after)
