"""`rhythm caldav grant|revoke|list --team TEAM`: the CalDAV collections a team of the web
app may plan with on a server rhythm signs in to with its own account (web/caldav_access.py).
Uses the same database as `rhythm serve` (RHYTHM_DATA_DIR or DATABASE_URL)."""

from __future__ import annotations

import argparse

from scheduler.errors import RhythmError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("caldav", help="grant teams of the web app their CalDAV collections")
    actions = parser.add_subparsers(dest="action", required=True)
    for action, text in (("grant", "let the team name this collection (and those under it)"),
                         ("revoke", "take a grant back")):
        command = actions.add_parser(action, help=text)
        command.add_argument("--team", required=True, help="the team's name or number")
        command.add_argument("collection", help="the collection's URL, e.g. https://dav.example.com/platform/")
    listed = actions.add_parser("list", help="the collections granted to a team")
    listed.add_argument("--team", required=True, help="the team's name or number")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import delete, select

    from connectors.caldav.address import parse_address
    from store.models import CalDavGrant
    from web import create_app
    from web.db import sessions, upgrade

    from .token_cmd import find_team

    app = create_app()
    upgrade(app)
    with sessions(app)() as db:
        team = find_team(db, args.team)
        granted = select(CalDavGrant).where(CalDavGrant.team_id == team.id)
        if args.action == "list":
            for grant in db.scalars(granted.order_by(CalDavGrant.collection)):
                print(grant.collection)
            return 0
        given = args.collection
        # A CalendarError (exit 2) for anything but a collection URL.
        url = parse_address(given if given.lower().startswith("caldav:") else f"caldav:{given}").url
        if args.action == "revoke":
            gone = db.execute(delete(CalDavGrant).where(CalDavGrant.team_id == team.id,
                                                        CalDavGrant.collection == url))
            if not gone.rowcount:  # type: ignore[attr-defined]
                raise RhythmError(f"{url} is not granted to team {team.name!r}")
        elif db.scalar(granted.where(CalDavGrant.collection == url)) is None:
            db.add(CalDavGrant(team_id=team.id, collection=url))
        db.commit()
        print(f"{'granted to' if args.action == 'grant' else 'revoked from'} {team.name} ({team.id}): {url}")
    return 0
