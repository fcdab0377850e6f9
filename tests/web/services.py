"""The real services the scale-out tests run against: a PostgreSQL database per xdist worker
and a Celery worker process (`rhythm worker`) on a queue of its own in the machine's Redis.

`bash scripts/test.sh` installs and starts PostgreSQL and Redis when they are missing; a test
that finds one not answering fails and says so, it never skips.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from store.models import Base
from web import create_app
from web.db import sessions, upgrade

POSTGRES = os.environ.get("RHYTHM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("RHYTHM_TEST_REDIS", "redis://127.0.0.1:6379/0")


def require(host: str, port: int, what: str) -> None:
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError:
        pytest.fail(f"{what} is not answering at {host}:{port}; `bash scripts/test.sh` installs and "
                    "starts it", pytrace=False)


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A fresh database for this test worker, migrated to the newest schema."""
    import psycopg

    require("127.0.0.1", 5432, "PostgreSQL")
    name = f"rhythm_web_{worker_id}_{os.getpid()}"
    with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES.rsplit("/", 1)[0] + "/" + name
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "test only"})
    upgrade(app)
    sessions(app).kw["bind"].dispose()
    yield url
    with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def celery_queue(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `rhythm worker` (Celery, solo pool) consuming a queue no other test worker uses."""
    require("127.0.0.1", 6379, "Redis")
    queue = f"rhythm-test-{uuid.uuid4().hex[:12]}"
    folder = tmp_path_factory.mktemp("celery")
    log = folder / "worker.log"
    env = {**os.environ, "DATABASE_URL": postgres_url, "CELERY_BROKER_URL": REDIS,
           "RHYTHM_CELERY_QUEUE": queue, "RHYTHM_DATA_DIR": str(folder), "RHYTHM_WEB_SECRET": "test only"}
    with log.open("wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2])
    try:
        _wait_until_ready(worker, log)
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_until_ready(worker: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"the Celery worker stopped:\n{log.read_text()}", pytrace=False)
        if b" ready." in log.read_bytes():
            return
        time.sleep(0.2)
    pytest.fail(f"the Celery worker was not ready within {timeout} s:\n{log.read_text()}", pytrace=False)


def postgres_app_config(url: str, queue: str) -> dict[str, Any]:
    return {"DATABASE_URL": url, "SOLVE_QUEUE": "celery", "CELERY_BROKER_URL": REDIS,
            "CELERY_QUEUE": queue}


def empty_tables(url: str) -> None:
    """Start each test on an empty database (the schema stays: migrating once per worker)."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "test only"})
    engine = sessions(app).kw["bind"]
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
