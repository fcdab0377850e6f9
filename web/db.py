"""The database for one app: a session factory on `app.extensions` over the store's engine,
and a session per request on `g` (`rhythm serve` upgrades the schema on start).
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from store import engine as store_engine
from store.pending import run_pending

from .maintenance import HANDLERS

EXTENSION = "rhythm.db"


def init_app(app: Flask) -> None:
    engine = store_engine.make_engine(app.config["DATABASE_URL"])
    app.extensions[EXTENSION] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(close_db)


def sessions(app: Flask) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = app.extensions[EXTENSION]
    return factory


def get_db() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    if "db" not in g:
        g.db = sessions(current_app)()
    session: Session = g.db
    return session


def close_db(_error: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def upgrade(app: Flask) -> None:
    """Bring the app's database to the newest schema, and do the data work its migrations left
    to today's code (`maintenance.py`)."""
    store_engine.upgrade(sessions(app).kw["bind"])
    with sessions(app)() as db:
        run_pending(db, HANDLERS)
