"""The kinds of number a command line option takes, each refusing nonsense in words.

argparse turns an `ArgumentTypeError` into `rhythm plan: error: argument --time-limit: ...`
and exit status 2, so every numeric option names itself when refused. Plain `type=float`
took `--time-limit -1` (the search then stopped at once and the plan said "feasible"),
`nan` and `inf`; plain `type=int` took `--workers 0` and `--port 70000`.
"""

from __future__ import annotations

import argparse
import math
from datetime import datetime

from i18n import _

MAX_PORT = 65535


def seconds(text: str) -> float:
    """A time limit: a finite number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(_("%(text)s is not a number of seconds above 0 (e.g. 10 or 0.5)",
                                           text=repr(text)))
    return value


def at_least_one(text: str) -> int:
    """A count of workers, threads or processes: a whole number from 1."""
    value = _whole(text)
    if value is None or value < 1:
        raise argparse.ArgumentTypeError(_("%(text)s is not a whole number of 1 or more", text=repr(text)))
    return value


def port(text: str) -> int:
    """A TCP port to listen on: 1 to 65535."""
    value = _whole(text)
    if value is None or not 1 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(_("%(text)s is not a port number (1 to %(most)d)", text=repr(text),
                                           most=MAX_PORT))
    return value


def _whole(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def moment(text: str) -> datetime:
    """A moment with its zone (`--now 2026-11-29T12:00:00+01:00`)."""
    from scheduler.request.draft import parse_instant  # the request reader loads the JSON Schema

    try:
        return parse_instant(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
