"""Who is asking, and the small decorators that say who may: every view names its rule.

A manager reaches only teams they manage and an employee only the members whose email is
their own; anything else answers 404, so one team cannot even learn another exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, abort, g, redirect, request, session, url_for

from store.models import Member, Team, User

from .db import get_db

View = TypeVar("View", bound=Callable[..., Any])

CSP = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def init_app(app: Flask) -> None:
    app.before_request(load_user)
    app.after_request(security_headers)


def load_user() -> None:
    user_id = session.get("user_id")
    g.user = get_db().get(User, user_id) if user_id is not None else None


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
    session["user_id"] = user.id


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
        if member is None or not member.email or member.email != g.user.email:
            abort(404)
        return view(member=member, **kwargs)

    return wrapped  # type: ignore[return-value]


def in_team(team: Team, model: type[Any], row_id: int) -> Any:
    """A team's own row (member, meeting, token...) by id; 404 for any other team's."""
    row = get_db().get(model, row_id)
    if row is None or row.team_id != team.id:
        abort(404)
    return row
