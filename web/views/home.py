"""The start page: the teams you manage and the weeks that are yours."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from store.models import Member, Team

from ..db import get_db

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str | Response:
    """Your teams and your weeks; sign in first."""
    if g.user is None:
        return redirect(url_for("auth.signin"))
    db = get_db()
    teams = db.scalars(select(Team).where(Team.manager_id == g.user.id).order_by(Team.name)).all()
    mine = db.scalars(select(Member).where(Member.email == g.user.email).order_by(Member.id)).all()
    return render_template("home.html", teams=teams, members=mine)
