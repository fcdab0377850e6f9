"""A plan job's work in a process of its own: killable, within a memory limit and a deadline.

CP-SAT stops at its time limit, but building a big model does not, and neither does a
feed or a calendar that takes long: a 10 s solve once ran 66 s and left the server at 3.6 GB.
So the whole job (fetch, read, build, solve, check) runs in a child process with an address
space limit (`RLIMIT_AS`), and whoever waits for it kills it at the job's deadline, when
the job is cancelled or when its lease is lost (`still_wanted`). The thread queue and the
Celery worker run jobs the same way.

Children are forked from a forkserver that preloaded the planner: a fresh interpreter spends
seconds importing OR-Tools, while the example team plans in a tenth of a second. The
forkserver is one small single-threaded process, so forking from it is safe while other
threads of the web process solve.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import select
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from scheduler.errors import RhythmError

log = logging.getLogger("rhythm.web.solve_process")
MIB = 1024 * 1024
PRELOAD = ["__main__", "web.solving"]  # the main module too: each child would import it again
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)


class JobStopped(RhythmError):
    """The job's process ended without a plan: out of time, out of memory or gone."""


class Cancelled(Exception):
    """Nobody wants the job's outcome any more (cancelled, or its lease taken away)."""


def warm_up() -> None:
    """Start the forkserver in the background, so the first plan does not wait for it."""
    from multiprocessing import forkserver

    threading.Thread(target=forkserver.ensure_running, name="rhythm-forkserver", daemon=True).start()


def run_bounded(work: Callable[..., Any], args: tuple[Any, ...], *, seconds: float, memory_mb: int,
                still_wanted: Callable[[], bool] = lambda: True, every: float = 1.0,
                what: str = "the plan") -> Any:
    """`work(*args)` in a child process; its result, or JobStopped / Cancelled / the
    RhythmError's message as JobStopped. The child is killed whatever happens here."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(send, work, args, memory_mb), daemon=True,
                               name="rhythm-solve")
    process.start()  # waits for the forkserver, if it is still starting
    send.close()
    deadline = time.monotonic() + seconds
    try:
        if not still_wanted():  # renewed at once: the lease may be short
            raise Cancelled
        while True:
            if receive.poll(max(0.0, min(every, deadline - time.monotonic()))):
                return _outcome(receive, memory_mb)
            if not process.is_alive() and not receive.poll(0.1):
                raise JobStopped(_died(process.exitcode, memory_mb))
            if time.monotonic() >= deadline:
                raise JobStopped(f"{what} took longer than its limit of {seconds:g} s and was stopped"
                                 + ("; try fewer meetings or calendars, or a longer time limit"
                                    if what == "the plan" else ""))
            if not still_wanted():
                raise Cancelled
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receive.close()


def _outcome(receive: Connection, memory_mb: int) -> Any:
    try:
        kind, value = receive.recv()
    except EOFError:
        raise JobStopped(_died(None, memory_mb)) from None
    if kind == "ok":
        return value
    raise JobStopped(value)


def _died(code: int | None, memory_mb: int) -> str:
    log.warning("a solve process ended with exit code %s", code)
    return (f"the planner stopped without a plan; it may have needed more than the {memory_mb} MiB "
            "of memory this server allows a plan")


def _child(send: Connection, work: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    _die_with_waiter(send)
    if memory_mb:
        limit = memory_mb * MIB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome: tuple[str, Any] = ("ok", work(*args))
    except MemoryError:
        outcome = ("error", f"the plan needed more than the {memory_mb} MiB of memory this server "
                            "allows a plan; try fewer meetings, members or weeks")
    except RhythmError as error:
        outcome = ("error", str(error))
    except Exception:
        log.exception("a plan job failed")
        outcome = ("error", "the planner failed unexpectedly; the details are in the server's log")
    send.send(outcome)
    send.close()


def _die_with_waiter(send: Connection) -> None:
    """End when whoever waits for the result is gone (a SIGKILLed Celery worker, a stopped web
    process): the write end of a pipe reports an error once its read end is closed. The
    forkserver's children outlive the worker otherwise, until their deadline."""
    poller = select.poll()
    poller.register(send.fileno(), select.POLLERR)

    def watch() -> None:
        while not poller.poll():
            pass
        os._exit(3)

    threading.Thread(target=watch, name="rhythm-waiter-watch", daemon=True).start()
