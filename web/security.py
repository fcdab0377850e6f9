"""Who is asking, and the small decorators that say who may: every view names its rule.

A manager reaches only teams they manage and an employee only the members their account is
(`linking.py`: an accepted invitation or a confirmed address); anything else answers 404,
so one team cannot even learn another exists. A session holds the account's session
version: raising it (sign-out, a new password) ends every session of the account, copied
cookies included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, redirect, request, session, url_for

from store.models import Member, Team, User, utcnow

from .db import get_db
from .linking import reaches
from .microsoft import disconnect

View = TypeVar("View", bound=Callable[..., Any])

CSP = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def init_app(app: Flask) -> None:
    app.before_request(load_user)
    app.after_request(security_headers)


def load_user() -> None:
    user_id = session.get("user_id")
    user = get_db().get(User, user_id) if isinstance(user_id, int) else None
    if user_id is not None and (user is None or session.get("version") != user.session_version):
        session.clear()  # signed out (or the password changed) since this cookie was made
        user = None
    g.user = user


def security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # Never to other sites (subscription URLs carry a secret), but to ourselves: Flask-WTF's
    # CSRF check over https requires a same-origin Referer.
    headers["Referrer-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if not request.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")  # pages that show tokens once
    return response


def sign_in(user: User) -> None:
    session.clear()  # a fresh session on sign-in: no fixation
    session["user_id"], session["version"] = user.id, user.session_version


def end_sessions(user: User) -> None:
    """Every session of this account stops working at its next request (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1


def address_proven(user: User) -> None:
    """The owner of the account's address opened a link sent there and chose the password:
    the account is theirs alone from now. Whoever held it before the address was proven (an
    account from before confirmation existed) loses every session and Microsoft connection."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        disconnect(user)
    end_sessions(user)


# A path on this site: printable ASCII without spaces or backslashes (browsers drop tabs and
# line breaks, so `/\t/evil.test` would become `//evil.test`), not `//host`.
_SAFE_PATH = re.compile(r"^/(?![/\\])[\x21-\x7e]*\Z")  # \Z: "/\n" must not pass


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, else the start page."""
    if target and _SAFE_PATH.match(target) and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.index")


def login_required(view: View) -> View:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if g.user is None:
            return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def team_manager(view: View) -> View:
    """The view gets `team` for `team_id`, if the signed-in user manages it; else 404."""

    @login_required
    @wraps(view)
    def wrapped(team_id: int, **kwargs: Any) -> Any:
        team = get_db().get(Team, team_id)
        if team is None or team.manager_id != g.user.id:
            abort(404)
        return view(team=team, **kwargs)

    return wrapped  # type: ignore[return-value]


def own_member(view: View) -> View:
    """The view gets `member` for `member_id`, if it is the signed-in user; else 404."""

    @login_required
    @wraps(view)
    def wrapped(member_id: int, **kwargs: Any) -> Any:
        member = get_db().get(Member, member_id)
        if member is None or not reaches(g.user, member):
            abort(404)
        return view(member=member, **kwargs)

    return wrapped  # type: ignore[return-value]


def in_team(team: Team, model: type[Any], row_id: int) -> Any:
    """A team's own row (member, meeting, token...) by id; 404 for any other team's."""
    row = get_db().get(model, row_id)
    if row is None or row.team_id != team.id:
        abort(404)
    return row
