"""Writing output files so that a failure never leaves a half-written plan behind."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from scheduler.errors import PlanError


def write_atomically(path: str | Path, text: str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_json(path: str) -> object:
    """A plan file's JSON; unreadable or broken JSON says where, never a traceback."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise PlanError(f"{path}: cannot read the plan ({error.strerror})") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanError(f"{path}, line {error.lineno}, column {error.colno}: {error.msg}") from error
