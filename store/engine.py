"""The database engine and its schema: one engine per URL, migrated by Alembic from code.

Flask-free, so the organisation layer's history and the command line use the same engine and
migrations as the web app (`web/db.py` adds the per-request session on top).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here; SQLAlchemy alone would pick psycopg2."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    options: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        # Solves finish on pool threads while waitress serves on others.
        options["connect_args"] = {"check_same_thread": False, "timeout": 15}
    engine = create_engine(url, **options)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
        if engine.url.database and engine.url.database != ":memory:":
            # Made private just before SQLite first opens it, not here: a command that stops
            # before it uses the database (rhythm serve on a busy port) leaves no file behind.
            path = Path(engine.url.database)
            private_database_file(path, create=False)  # one made by an older version
            event.listen(engine, "do_connect", lambda *_: private_database_file(path))
    return engine


def private_database_file(path: Path, *, create: bool = True) -> None:
    """The SQLite file readable by its owner only (0600), made so before SQLite opens it.

    It holds calendars, e-mail addresses and token digests; SQLite itself would create it
    with the umask's mode (0644 under the usual 022). Its -wal, -shm and -journal files take
    the database file's mode from SQLite; those already there are set too.
    """
    if not path.parent.is_dir():
        return  # SQLite answers "unable to open database file", as before
    if create:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if file.exists():
            file.chmod(0o600)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # SQLite ignores ON DELETE CASCADE without it
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a storing solve
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


# Alembic keeps the running migration's `op` and `context` as process globals: two migrations
# at once in one process (an organisation's plan job opening its history in its thread while
# the app upgrades its database) pull them from under each other ("'NoneType' object has no
# attribute 'create_table'"), and every migration after that in the process fails. So one at
# a time; a caller that runs Alembic's commands itself holds this too.
MIGRATING = threading.RLock()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema."""
    with MIGRATING:
        _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one; with foreign keys on,
            # that drop would cascade-delete every row pointing at it (a user's teams, members...).
            # The pragma only works outside a transaction, so before the migration's begins.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
