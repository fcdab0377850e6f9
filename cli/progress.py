"""Progress bars for long runs on a terminal (tqdm), shown only after `DELAY` seconds so
quick runs print nothing extra, and never when standard error is not a terminal (a pipe, a
log file, CI): scripts read the same output as before.

Two kinds: `counter` for work counted in pieces (`rhythm org plan`'s teams), and `clock` for a
solve whose progress is its time against the limit (`rhythm plan` over several weeks).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from tqdm import tqdm

DELAY = 2.0  # seconds: runs shorter than this show no bar at all


def on_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def counter(desc: str, total: int = 0, stream: TextIO | None = None, unit: str = " teams") -> Iterator[Any]:
    """A bar counting finished pieces (`bar.update()`), or a silent stand-in off a terminal."""
    stream = stream or sys.stderr
    bar = tqdm(total=total, desc=desc, file=stream, delay=DELAY, disable=not on_terminal(stream),
               unit=unit, dynamic_ncols=True, leave=False)
    try:
        yield bar
    finally:
        # The last pieces may come faster than tqdm redraws: show the final count once (if the
        # bar is showing at all) before it is cleared.
        if not bar.disable and time.time() - bar.start_t >= (bar.delay or 0):
            bar.refresh()
        bar.close()


@contextmanager
def clock(desc: str, limit: float, stream: TextIO | None = None) -> Iterator[None]:
    """A bar of the seconds spent against the time limit, redrawn twice a second."""
    stream = stream or sys.stderr
    if not on_terminal(stream):
        yield
        return
    stop, began = threading.Event(), time.monotonic()
    bar = tqdm(total=max(1, round(limit)), desc=desc, file=stream, delay=DELAY, leave=False,
               bar_format="{desc}: {bar} {n:.0f}/{total} s (the time limit)", dynamic_ncols=True)

    total = max(1, round(limit))

    def tick() -> None:
        while not stop.wait(0.5):
            bar.update(min(total, time.monotonic() - began) - bar.n)

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()


def counting(runner: Callable[..., Any], bar: Any, desc: str) -> Callable[..., Any]:
    """`runner(jobs, on_done=...)` counted on `bar`: its total set when the jobs are known."""

    def run(jobs: list[Any]) -> Any:
        bar.reset(total=len(jobs))
        bar.set_description(desc)
        return runner(jobs)

    return run
