"""README.md tells a newcomer what a fresh machine needs and what the test command changes,
read from the script itself, so the two cannot drift apart."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = " ".join((ROOT / "README.md").read_text().split())  # as read, whatever the line breaks
SCRIPT = (ROOT / "scripts" / "test.sh").read_text()


def test_readme_says_python_3_11_or_later_and_python3_venv_are_needed():
    required = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert required == ">=3.11"
    assert "Python 3.11 or later" in README and "python3-venv" in README


def test_readme_says_what_the_test_command_installs_and_changes():
    packages = re.findall(r"missing\+=\((\S+)\)", SCRIPT)
    [pg_hba_line] = re.findall(r"sed -i '1i ([^']+)'", SCRIPT)
    [database] = re.findall(r"CREATE DATABASE (\w+)", SCRIPT)
    assert packages == ["chromium", "postgresql", "redis-server", "fonts-dejavu-core"]
    assert all(f"`{package}`" in README for package in packages)
    assert f"`{pg_hba_line}`" in README and "pg_hba.conf" in README
    assert f"a database `{database}`" in README
    assert "127.0.0.1:5432" in README and "127.0.0.1:6379" in README and "left running" in README
    assert "python3 -m venv .venv" in SCRIPT and "`.venv/`" in README


def test_readme_names_the_checks_the_test_command_runs_before_the_tests():
    checks = re.findall(r"^\.venv/bin/python -m (\w+)", SCRIPT, re.MULTILINE)  # pytest comes by exec
    assert [check for check in checks if check != "pip"] == ["ruff", "mypy"]
    assert "`ruff`" in README and "`mypy`" in README and "`[tool.mypy]`" in README
