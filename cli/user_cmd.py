"""`rhythm user reset-password EMAIL`: the operator's way back into an account, the first
manager's included (its password is printed only once, on the first `rhythm serve`).

It prints a one-time link (valid an hour) that opens the "choose a new password" page, or
with `--send` e-mails it to the account's address. The operator never learns or types the
person's password, and setting it signs the account out everywhere, as a reset from the
sign-in page does. Uses the same database as `rhythm serve` (RHYTHM_DATA_DIR or DATABASE_URL).
"""

from __future__ import annotations

import argparse

from scheduler.errors import RhythmError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("user", help="help a web account back in")
    actions = parser.add_subparsers(dest="action", required=True)
    reset = actions.add_parser("reset-password", help="print (or e-mail) a link to choose a new password")
    reset.add_argument("email", help="the account's e-mail address")
    reset.add_argument("--send", action="store_true", help="e-mail the link to the account's address instead")
    reset.add_argument("--url", metavar="BASE", help="the address people open rhythm at "
                       "(default RHYTHM_BASE_URL, else http://127.0.0.1:8000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from store.models import User
    from web import create_app
    from web.db import sessions, upgrade
    from web.links import LIFETIMES, new_link
    from web.mail import link, send

    app = create_app({"BASE_URL": args.url.rstrip("/")} if args.url else None)
    upgrade(app)
    email = args.email.strip().lower()
    with app.test_request_context(), sessions(app)() as db:
        user = db.scalar(select(User).where(User.email == email))
        if user is None:
            raise RhythmError(f"no account uses {email}")
        url = link("recovery.reset", token=new_link(db, "reset", email, user=user))
        minutes = int(LIFETIMES["reset"].total_seconds() // 60)
        if args.send:
            problem = send(email, "reset", limited=False, name=user.name, url=url)
            if problem is not None:
                raise RhythmError(problem)
            db.commit()
            print(f"A link to choose a new password went to {email} (valid {minutes} minutes).")
            return 0
        db.commit()
    print(f"Open this link within {minutes} minutes to choose a new password for {email}\n"
          f"(it works once; setting the password signs the account out everywhere):\n  {url}")
    return 0
