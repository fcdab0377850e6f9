"""`rhythm serve`: the web service on this machine, with nothing else to install or start.

SQLite in the data folder (RHYTHM_DATA_DIR), solves in a small thread pool, the example
team pre-loaded on first start, and e-mails (sign-up and reset links) printed here while no
SMTP server is set. With DATABASE_URL and CELERY_BROKER_URL set, the same command runs one
web process of a scale-out installation (web/README.md).

Behind a reverse proxy (RHYTHM_BEHIND_PROXY=1) waitress believes X-Forwarded-For, -Proto,
-Host and -Port from the proxy's address (RHYTHM_TRUSTED_PROXY, default 127.0.0.1) only and
drops them from anyone else, then the app's ProxyFix reads what is left: each client keeps
its own address (sign-in throttling) and https is seen (HSTS, secure cookies).
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
from typing import Any

from scheduler.errors import RhythmError

from . import options

PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="run the web service (SQLite and in-process solves by default)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=options.port, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--threads", type=options.at_least_one, default=8, help="request threads (default 8)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from web import create_app
    from web.db import sessions, upgrade
    from web.example import first_start
    from web.jobs import recover

    # Links in e-mails point here unless the operator said where people reach rhythm.
    base = os.environ.get("RHYTHM_BASE_URL") or f"http://{_shown_host(args.host)}:{args.port}"
    app = create_app({"BASE_URL": base.rstrip("/")})
    # Listen first: a busy port is refused before anything is migrated, loaded or announced.
    server = listen(app, args.host, args.port, args.threads)
    upgrade(app)  # the schema follows the code: migrations run on every start
    if app.config["SOLVE_QUEUE"] == "thread":
        with sessions(app)() as db:
            stale = recover(db)
        if stale:
            print(f"{stale} unfinished plan(s) from the last run marked as failed", flush=True)
        from web.cycle import CycleThread

        CycleThread(app).start()  # the weekly cycle; scale-out runs it from Celery beat instead
    welcome = first_start(app)
    if welcome:
        print(welcome, flush=True)
    if not app.config["MAIL"].host:
        print("No SMTP server is set (RHYTHM_SMTP_HOST): e-mails with sign-up, invitation and password "
              "links are printed here.", flush=True)
    print(f"rhythm is running at http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    server.run()
    return 0


def listen(app: Any, host: str, port: int, threads: int) -> Any:
    """waitress (a production-grade pure-Python WSGI server, no compiler or other service
    needed) bound to host:port, or a RhythmError saying in one line why it cannot be."""
    import waitress.server

    try:
        return waitress.server.create_server(app, host=host, port=port, threads=threads, ident="rhythm",
                                             **proxy_options(app.config))
    except OSError as error:
        raise RhythmError(_why_not(error, host, port)) from None
    except ValueError:  # waitress: a host name that does not resolve
        raise RhythmError(_not_here(host)) from None


def proxy_options(config: Any) -> dict[str, Any]:
    """waitress's trusted-proxy settings: without them it strips every X-Forwarded-* header."""
    if not config["BEHIND_PROXY"]:
        return {}
    return {"trusted_proxy": config["TRUSTED_PROXY"], "trusted_proxy_count": 1,
            "trusted_proxy_headers": PROXY_HEADERS, "clear_untrusted_proxy_headers": True}


def _why_not(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use (another rhythm serve, or another "
                "program): stop it, or choose another port with --port")
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need root): choose another --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return _not_here(host)
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def _not_here(host: str) -> str:
    return f"--host {host}: not an address of this machine (try 127.0.0.1 or 0.0.0.0)"


def _shown_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return socket.getfqdn()  # listening everywhere: this machine's name (RHYTHM_BASE_URL says better)
    return f"[{host}]" if ":" in host else host
