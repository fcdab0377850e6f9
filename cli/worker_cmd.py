"""`rhythm worker`: a Celery worker that solves plan jobs (scale-out; needs CELERY_BROKER_URL
and the DATABASE_URL the web processes use). Same as `celery -A web.celery_app worker`."""

from __future__ import annotations

import argparse
import os

from scheduler.errors import RhythmError

from .options import at_least_one


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("worker", help="solve web plan jobs from the Celery queue (Redis)")
    parser.add_argument("--concurrency", type=at_least_one, default=1,
                        help="solves at once (default 1: CP-SAT already uses every core)")
    parser.add_argument("--beat", action="store_true",
                        help="also run the weekly cycle's clock (Celery beat), on one worker only")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not os.environ.get("CELERY_BROKER_URL") or not os.environ.get("DATABASE_URL"):
        raise RhythmError("set CELERY_BROKER_URL (Redis) and DATABASE_URL (PostgreSQL) first; "
                          "without them `rhythm serve` solves in-process and needs no worker")
    from web.celery_app import app

    # Threads, not prefork: each solve runs in a process of its own already (web/solve_process.py),
    # which a prefork pool's daemonic children could not start.
    pool = "solo" if args.concurrency == 1 else "threads"
    beat = ["--beat"] if args.beat else []
    app.worker_main(["worker", "--loglevel=INFO", f"--pool={pool}", f"--concurrency={args.concurrency}",
                     *beat])
    return 0
