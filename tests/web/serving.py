"""`rhythm serve` started the way a user starts it: a subprocess on a free port with its own
data folder, its console read line by line (the first manager's password, e-mails printed
when no SMTP server is set)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    url: str
    port: int
    env: dict[str, str]
    lines: list[str] = field(default_factory=list)

    def printed(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 30, after: int = 0) -> re.Match[str]:
        """The first match of `pattern` in what the server printed, from line `after` on."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, "".join(self.lines[after:]))
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"rhythm serve did not print {pattern!r}:\n{self.printed()}")


@contextmanager
def serving(data: Path, env: Mapping[str, str | None] = {}) -> Iterator[Served]:
    """`rhythm serve` on a fresh data folder; `env` adds settings (None removes one)."""
    # The example's fixed week (2026-11-30) stays plannable whatever day the suite runs.
    full = {**os.environ, "RHYTHM_DATA_DIR": str(data), "RHYTHM_PLAN_WEEKS_AWAY": "520"}
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "RHYTHM_BASE_URL"):
        full.pop(name, None)
    for name, value in env.items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], cwd=ROOT,
                               env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(f"http://127.0.0.1:{port}", port, full)
    reader = threading.Thread(target=_read, args=(process, served.lines), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not ("rhythm is running" in served.printed() and _answers(port)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("rhythm serve did not start:\n" + served.printed(), pytrace=False)
            time.sleep(0.05)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=15)


def _answers(port: int) -> bool:
    """Whether the server listens yet (it prints that it runs just before it binds)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _read(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
