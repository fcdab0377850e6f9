"""`rhythm org plan --celery` against the real Redis, with a `rhythm worker` the test starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import pytest

from bench.generate_org import generate_org, write_org
from cli.main import main

REDIS = os.environ.get("RHYTHM_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def worker(tmp_path):
    queue = f"rhythm-org-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "CELERY_BROKER_URL": REDIS, "RHYTHM_CELERY_QUEUE": queue,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.db'}", "RHYTHM_DATA_DIR": str(tmp_path),
           "RHYTHM_WEB_SECRET": "test only"}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while b" ready." not in log.read_bytes():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield queue
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_teams_are_solved_on_a_celery_worker(tmp_path, worker, monkeypatch, capsys):
    monkeypatch.setenv("CELERY_BROKER_URL", REDIS)
    monkeypatch.setenv("RHYTHM_CELERY_QUEUE", worker)
    org_file = write_org(tmp_path / "org", *generate_org(30, 1, 3))
    history = f"sqlite:///{tmp_path / 'history.db'}"
    out = tmp_path / "out"
    args = ["org", "plan", str(org_file), "--out", str(out), "--celery", "--history", history]
    assert main([*args, "--master-time-limit", "3"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["errors"] == [] and len(summary["teams"]) >= 2
    assert all(t["meetings_placed"] > 0 for t in summary["teams"])
    capsys.readouterr()
    assert main(["org", "check", str(org_file), str(out), "--history", history]) == 0
    assert "valid, every organisation rule holds" in capsys.readouterr().out
