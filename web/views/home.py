"""The start page: the teams you manage and the weeks that are yours (see linking.py)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from store.models import Team

from ..db import get_db
from ..linking import members_of

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str | Response:
    """Your teams and your weeks; sign in first."""
    if g.user is None:
        return redirect(url_for("auth.signin"))
    db = get_db()
    teams = db.scalars(select(Team).where(Team.manager_id == g.user.id).order_by(Team.name)).all()
    return render_template("home.html", teams=teams, members=members_of(db, g.user))
