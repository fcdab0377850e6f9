"""`rhythm serve` that cannot start says why in one line, exit status 2, no traceback, and
announces, migrates and loads nothing first."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

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


def test_serve_with_a_data_folder_that_is_a_file_says_so(tmp_path: Path):
    (tmp_path / "data").write_text("not a folder")
    done = serve(tmp_path / "data", "--port", "8000")
    assert done.returncode == 2
    assert done.stderr == (f"rhythm serve: the data folder {tmp_path / 'data'} (RHYTHM_DATA_DIR) "
                           "is a file, not a folder\n")


def test_serve_with_a_data_folder_inside_a_file_says_so(tmp_path: Path):
    (tmp_path / "data").write_text("not a folder")
    done = serve(tmp_path / "data" / "rhythm", "--port", "8000")
    assert done.returncode == 2
    assert done.stderr.startswith(f"rhythm serve: the data folder {tmp_path / 'data' / 'rhythm'} "
                                  "(RHYTHM_DATA_DIR) cannot be made (Not a directory)")
    assert done.stderr.count("\n") == 1


def test_serve_on_an_address_that_is_not_this_machines_says_so(tmp_path: Path):
    done = serve(tmp_path, "--host", "192.0.2.1", "--port", "8000")  # TEST-NET-1: never local
    assert done.returncode == 2
    assert done.stderr == ("rhythm serve: --host 192.0.2.1: not an address of this machine "
                           "(try 127.0.0.1 or 0.0.0.0)\n")
