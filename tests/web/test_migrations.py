"""The Alembic migrations build exactly the schema the models describe, on SQLite and on
PostgreSQL, and can be undone; `flask --app web upgrade-db` runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import Connection, Engine, inspect, text

from store.engine import MIGRATING, alembic_config, make_engine
from store.models import Base, Member, Team, User
from web import create_app
from web.db import sessions, upgrade
from web.linking import reaches

from .conftest import TEST_CONFIG


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    # A database of this worker's own, emptied of tables: migrations start from nothing.
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    with MIGRATING, engine.begin() as connection:  # Alembic's globals: one at a time (store/engine.py)
        command.downgrade(_config(connection), "base")
    engine.dispose()
    return url


def _config(connection: Connection) -> Config:
    config = alembic_config()
    config.attributes["connection"] = connection
    return config


def test_migrations_build_the_models_schema_and_undo_it(database_url: str) -> None:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    upgrade(app)
    engine = sessions(app).kw["bind"]
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert drift == [], f"models and migrations differ: {drift}"
        tables = set(inspect(connection).get_table_names())
        assert {"users", "teams", "members", "meetings", "jobs", "plans"} <= tables
    with MIGRATING, engine.begin() as connection:  # Alembic's globals: one at a time (store/engine.py)
        command.downgrade(_config(connection), "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    upgrade(app)  # and up again: the postgres database is shared by this worker's other tests
    engine.dispose()


def test_the_flask_command_upgrades_the_database(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["upgrade-db"])
    assert result.exit_code == 0 and "database is up to date" in result.output


def test_the_identity_migration_keeps_every_account_and_team_but_confirms_no_address(tmp_path: Path) -> None:
    path = tmp_path / "before-identity.db"
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{path}"})
    engine = sessions(app).kw["bind"]
    with engine.begin() as connection:
        with MIGRATING:  # Alembic's globals: one migration at a time (store/engine.py)
            command.upgrade(_config(connection), "0003")
        connection.execute(text("INSERT INTO users (id, email, name, password_hash, created_at) "
                                "VALUES (1, 'ana@example.com', 'Ana', 'x', '2026-01-01')"))
        connection.execute(text("INSERT INTO teams (id, name, timezone, manager_id, rules, created_at) "
                                "VALUES (1, 't', 'Europe/Amsterdam', 1, '{}', '2026-01-01')"))
        connection.execute(text("INSERT INTO members (team_id, key, name, email, work_start, work_end, "
                                "office_never, office_always) "
                                "VALUES (1, 'ana', 'Ana', 'ana@example.com', '09:00', '17:00', '[]', '[]')"))
    upgrade(app)  # as `rhythm serve` does on start
    with sessions(app)() as db:
        user = db.query(User).one()
        # Signed up before addresses were confirmed: kept, but linked to no member until proven.
        assert (user.email, user.email_confirmed_at, user.session_version) == ("ana@example.com", None, 0)
        assert db.query(Team).one().manager_id == user.id
        member = db.query(Member).one()
        assert member.user_id is None and not reaches(user, member)
    engine.dispose()


def test_migrations_in_several_threads_of_one_process_all_reach_the_newest_schema(tmp_path: Path) -> None:
    """An organisation's plan job opens its history (a migration) in its own thread while the
    app or the next test upgrades another database. Alembic keeps the running migration's `op`
    and `context` as process globals: two at once pulled them from under each other ("'NoneType'
    object has no attribute 'create_table'"), and every later migration in the process failed."""
    import threading

    from store.engine import upgrade as upgrade_engine

    engines = [make_engine(f"sqlite:///{tmp_path / f'{n}.db'}") for n in range(6)]
    failed: list[BaseException] = []

    def migrate(engine: Engine) -> None:
        try:
            upgrade_engine(engine)
        except BaseException as error:  # any failure is the finding
            failed.append(error)

    threads = [threading.Thread(target=migrate, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    for engine in engines:
        with engine.connect() as connection:
            assert {"users", "teams", "organisations"} <= set(inspect(connection).get_table_names())
        engine.dispose()
