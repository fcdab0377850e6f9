"""`rhythm serve` that cannot start says why in one line, exit status 2, no traceback, and
announces, migrates and loads nothing first."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from cli.main import main
from tests.test_cli import RHYTHM


def serve(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RHYTHM_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # the single-machine service: SQLite in the data folder
    env.pop("CELERY_BROKER_URL", None)
    return subprocess.run([RHYTHM, "serve", *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_serve_on_a_busy_port_says_so(tmp_path: Path):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        done = serve(tmp_path, "--port", str(port))
    assert done.returncode == 2
    assert done.stderr == (f"rhythm serve: port {port} on 127.0.0.1 is already in use (another rhythm "
                           "serve, or another program): stop it, or choose another port with --port\n")
    assert "rhythm is running" not in done.stdout and "Sign in as" not in done.stdout
    assert not (tmp_path / "rhythm.db").exists()  # refused before the database was made


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`rhythm serve` in this process (quicker than starting one), on the given data folder."""

    def serve_here(data_dir: Path, *args: str) -> tuple[int, str]:
        monkeypatch.setenv("RHYTHM_DATA_DIR", str(data_dir))
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
        code = main(["serve", *args])
        return code, capsys.readouterr().err

    return serve_here


def test_serve_with_a_data_folder_that_is_a_file_says_so(tmp_path: Path, in_process):
    (tmp_path / "data").write_text("not a folder")
    assert in_process(tmp_path / "data", "--port", "8000") == (
        2, f"rhythm serve: the data folder {tmp_path / 'data'} (RHYTHM_DATA_DIR) is a file, not a folder\n")


def test_serve_with_a_data_folder_inside_a_file_says_so(tmp_path: Path, in_process):
    (tmp_path / "data").write_text("not a folder")
    code, err = in_process(tmp_path / "data" / "rhythm", "--port", "8000")
    assert code == 2
    assert err == (f"rhythm serve: the data folder {tmp_path / 'data' / 'rhythm'} (RHYTHM_DATA_DIR) "
                   "cannot be made (Not a directory)\n")


def test_serve_on_an_address_that_is_not_this_machines_says_so(tmp_path: Path, in_process):
    # 192.0.2.1 is TEST-NET-1, never an address of this machine.
    assert in_process(tmp_path, "--host", "192.0.2.1", "--port", "8000") == (
        2, "rhythm serve: --host 192.0.2.1: not an address of this machine (try 127.0.0.1 or 0.0.0.0)\n")
