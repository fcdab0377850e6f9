"""`rhythm serve`: the web service on this machine, with nothing else to install or start.

SQLite in the data folder (RHYTHM_DATA_DIR), solves in a small thread pool, the example
team pre-loaded on first start. With DATABASE_URL and CELERY_BROKER_URL set, the same
command runs one web process of a scale-out installation (web/README.md).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="run the web service (SQLite and in-process solves by default)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--threads", type=int, default=8, help="request threads (default 8)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import waitress

    from web import create_app
    from web.db import sessions, upgrade
    from web.example import first_start
    from web.jobs import recover

    app = create_app()
    upgrade(app)  # the schema follows the code: migrations run on every start
    if app.config["SOLVE_QUEUE"] == "thread":
        with sessions(app)() as db:
            stale = recover(db)
        if stale:
            print(f"{stale} unfinished plan(s) from the last run marked as failed", flush=True)
    welcome = first_start(app)
    if welcome:
        print(welcome, flush=True)
    print(f"rhythm is running at http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    # waitress: a production-grade pure-Python WSGI server, no compiler or other service needed.
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="rhythm")
    return 0
