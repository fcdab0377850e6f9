"""My account: my address (confirmed or to confirm), my Microsoft connection, my password."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from .. import microsoft
from ..db import get_db
from ..forms import required
from ..forms.auth import ChangePasswordForm, EmailForm
from ..forms.language import AccountLanguageForm
from ..forms.plan import EmptyForm
from ..language import choose_from_browser
from ..links import forget_links, new_link
from ..mail import link, send
from ..security import end_sessions, login_required, sign_in
from ..throttle import throttle
from .auth import hash_password

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("")
@login_required
def show() -> str:
    """My account."""
    return _page()


def _page(password: ChangePasswordForm | None = None, address: EmailForm | None = None) -> str:
    identity = microsoft.identity_of(g.user)
    return render_template("account/show.html", password=password or ChangePasswordForm(),
                           address=address or EmailForm(email=g.user.email), identity=identity,
                           microsoft=microsoft.available(), form=EmptyForm(),
                           language=AccountLanguageForm(language=g.user.language or ""))


@bp.post("/language")
@login_required
def change_language() -> Response:
    """The account's language, or none: the browser's `Accept-Language` then chooses."""
    form = AccountLanguageForm()
    if form.validate_on_submit():
        g.user.language = form.language.data or None
        get_db().commit()
        with force_locale(g.user.language or choose_from_browser()):
            flash(gettext("Language saved."), "success")
    return redirect(url_for("account.show"))


@bp.post("/password")
@login_required
def change_password() -> str | Response:
    """A new password; every other session of the account ends."""
    form, user = ChangePasswordForm(), g.user
    if form.validate_on_submit() and user.password_hash:
        key, address = user.email or f"user-{user.id}", request.remote_addr or "unknown"
        wait = throttle().wait(key, address)
        if wait is not None:
            form.current.errors = [
                gettext("Too many wrong passwords; try again in %(wait)s seconds.", wait=wait)]
        elif check_password_hash(user.password_hash, required(form.current)):
            user.password_hash = hash_password(required(form.password))
            end_sessions(user)
            forget_links(get_db(), user, "reset", "signin")
            get_db().commit()
            sign_in(user)  # this session goes on with the new version
            flash(gettext("Password changed. Every other session of your account is signed out."), "success")
            return redirect(url_for("account.show"))
        else:
            throttle().failed(key, address)
            form.current.errors = [gettext("That is not your current password.")]
    return _page(password=form)


@bp.post("/address")
@login_required
def confirm_address() -> str | Response:
    """Send a link that confirms an address for this account."""
    form = EmailForm()
    if form.validate_on_submit():
        email = required(form.email).strip().lower()
        if email == g.user.confirmed_email:
            flash(gettext("%(email)s is confirmed already.", email=email), "info")
            return redirect(url_for("account.show"))
        secret = new_link(get_db(), "address", email, user=g.user)
        problem = send(email, "address", name=g.user.name, url=link("signup.confirm", token=secret))
        if problem is None:
            get_db().commit()
            flash(gettext("We sent a link to %(email)s: open it within 24 hours to confirm the address.",
                          email=email), "success")
            return redirect(url_for("account.show"))
        get_db().rollback()
        form.form_errors.append(problem)
    return _page(address=form)


@bp.post("/microsoft/disconnect")
@login_required
def disconnect_microsoft() -> Response:
    """Forget my Microsoft sign-in here: its tokens are deleted, its calendar no longer read."""
    if EmptyForm().validate_on_submit():
        microsoft.disconnect(g.user)
        get_db().commit()
        flash(gettext("Microsoft is disconnected; its tokens are deleted from this server."), "success")
    return redirect(url_for("account.show"))
