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
from sqlalchemy import Connection, inspect

from store.engine import alembic_config, make_engine
from store.models import Base
from web import create_app
from web.db import sessions, upgrade

from .conftest import TEST_CONFIG


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    # A database of this worker's own, emptied of tables: migrations start from nothing.
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    with engine.begin() as connection:
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
    with engine.begin() as connection:
        command.downgrade(_config(connection), "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    upgrade(app)  # and up again: the postgres database is shared by this worker's other tests
    engine.dispose()


def test_the_flask_command_upgrades_the_database(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["upgrade-db"])
    assert result.exit_code == 0 and "database is up to date" in result.output
