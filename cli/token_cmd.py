"""`rhythm token create --team TEAM`: an API token for a team, printed once (only its
SHA-256 is stored). Uses the same database as `rhythm serve` (RHYTHM_DATA_DIR or DATABASE_URL)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scheduler.errors import RhythmError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.models import Team


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("token", help="manage the web API's team tokens")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a team's API token and print it")
    create.add_argument("--team", required=True, help="the team's name or number")
    create.add_argument("--name", default="command line", help="what the token is for")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from web import create_app
    from web.db import sessions, upgrade
    from web.secret_tokens import new_api_token

    app = create_app()
    upgrade(app)
    with sessions(app)() as db:
        print(new_api_token(db, find_team(db, args.team), args.name))
    return 0


def find_team(db: Session, name: str) -> Team:
    """The one team called `name` (or numbered so), or a RhythmError saying which to give."""
    from sqlalchemy import select

    from store.models import Team

    query = select(Team).where(Team.name == name)
    if name.isdigit():
        query = select(Team).where((Team.id == int(name)) | (Team.name == name))
    teams = db.scalars(query).all()
    if not teams:
        raise RhythmError(f"no team called {name!r}")
    if len(teams) > 1:
        numbers = ", ".join(str(t.id) for t in teams)
        raise RhythmError(f"{len(teams)} teams are called {name!r}; give the number: {numbers}")
    return teams[0]
