"""Settings: defaults, then the environment, then what `create_app(test_config)` is given.

The embedded default needs nothing set: SQLite and the session key live in the data folder
(`RHYTHM_DATA_DIR`). Scale-out sets `DATABASE_URL` (PostgreSQL) and `CELERY_BROKER_URL`
(Redis), and solves then go to Celery workers.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from connectors.outlook.settings import tenant_from
from notify.mail import settings_from
from store.secrets import data_dir

MIB = 1024 * 1024


def defaults() -> dict[str, Any]:
    env = os.environ
    broker = env.get("CELERY_BROKER_URL")
    return {
        "SECRET_KEY": env.get("RHYTHM_WEB_SECRET"),
        "DATABASE_URL": env.get("DATABASE_URL"),
        "CELERY_BROKER_URL": broker,
        "CELERY_QUEUE": env.get("RHYTHM_CELERY_QUEUE", "rhythm"),
        "SOLVE_QUEUE": "celery" if broker else "thread",
        "SOLVE_THREADS": 2,  # in-process solves at once; CP-SAT itself uses several cores
        "SOLVE_TIME_LIMIT": 10.0,
        "MAX_TIME_LIMIT": 60.0,
        "SOLVE_WORKERS": None,  # CP-SAT search workers; None: the solver's default
        "SOLVES_PER_MINUTE": int(env.get("RHYTHM_SOLVES_PER_MINUTE", "10")),
        "JOB_RETENTION_DAYS": env.get("RHYTHM_JOB_RETENTION_DAYS", "30"),  # web/retention.py
        # A plan request waits this long for its job before it shows the job's progress page.
        "PLAN_WAIT_SECONDS": float(env.get("RHYTHM_PLAN_WAIT_SECONDS", "3")),
        # A job's one deadline is its solve's time limit plus this, for fetching and reading
        # its calendars; the job's process is killed at the deadline (web/solve_process.py).
        "JOB_READ_SECONDS": float(env.get("RHYTHM_JOB_READ_SECONDS", "30")),
        "SOLVE_MEMORY_MB": int(env.get("RHYTHM_SOLVE_MEMORY_MB", "2048")),  # address space of one job
        "JOB_LEASE_SECONDS": float(env.get("RHYTHM_JOB_LEASE_SECONDS", "30")),  # see web/leases.py
        # Self-service quota per account (its teams together): jobs waiting or running at once,
        # and seconds of solving in 24 hours. RHYTHM_QUOTA_EXEMPT: addresses without a quota.
        "JOBS_AT_ONCE": int(env.get("RHYTHM_JOBS_AT_ONCE", "3")),
        "SOLVE_SECONDS_PER_DAY": float(env.get("RHYTHM_SOLVE_SECONDS_PER_DAY", "3600")),
        "QUOTA_EXEMPT": [a.strip().lower() for a in env.get("RHYTHM_QUOTA_EXEMPT", "").split(",")
                         if a.strip()],
        # Failed sign-ins allowed, in tiers (web/throttle.py): per account from one address
        # (then 429 there), per address (then 429), per account from anywhere (then only an
        # e-mailed sign-in link opens it: nobody can lock anyone out).
        "SIGNIN_LIMITS_PAIR": env.get("RHYTHM_SIGNIN_LIMITS_PAIR", "5/minute;20/hour;50/day"),
        "SIGNIN_LIMITS_ADDRESS": env.get("RHYTHM_SIGNIN_LIMITS_ADDRESS", "30/minute;200/hour"),
        "SIGNIN_LIMITS_ACCOUNT": env.get("RHYTHM_SIGNIN_LIMITS_ACCOUNT", "20/minute;100/hour;200/day"),
        # E-mails with links one address receives (sign-up, reset, sign-in link): no mail bombs.
        "MAIL_LIMITS": env.get("RHYTHM_MAIL_LIMITS", "3/15 minutes;10/day"),
        "MAIL": settings_from(env),  # notify.mail.MailSettings (RHYTHM_SMTP_*)
        # Links in e-mails start here, never with the Host a client sent (web/mail.py).
        "BASE_URL": env.get("RHYTHM_BASE_URL", "").strip().rstrip("/") or None,
        "RATE_LIMIT_STORAGE": env.get("RHYTHM_RATE_LIMIT_STORAGE") or broker,  # None: memory
        "RATE_LIMIT_PREFIX": env.get("RHYTHM_RATE_LIMIT_PREFIX", "rhythm-signin"),
        "MAX_MEMBERS": 200,
        # (attendee, candidate start) pairs a plan may weigh (scheduler/request/size.py): a
        # 200-member team with 50 meetings weighs some 50,000; the attack of issue 22.13 22.4 million.
        "MAX_MODEL_CHOICES": int(env.get("RHYTHM_MAX_MODEL_CHOICES", "500000")),
        "MAX_MEETINGS": 500,
        "MAX_CONTENT_LENGTH": 4 * MIB,  # a request with inline calendars, or one upload
        "MAX_ICS_BYTES": 1 * MIB,
        "UPLOAD_SECONDS": 10.0,  # reading one uploaded calendar, in a process of its own
        # Feeds the server fetches for clients: public hosts, or these names (web/feed_policy.py).
        "ALLOWED_FEED_HOSTS": [h.strip().lower() for h in env.get("RHYTHM_ALLOWED_FEED_HOSTS", "").split(",")
                               if h.strip()],
        "FEED_MAX_BYTES": 5 * MIB,
        "FEED_MAX_REDIRECTS": 3,
        "FEED_TIMEOUT": 20.0,
        # A week further from this one is a typo'd year (2019 for 2026), refused.
        "PLAN_WEEKS_AWAY": int(env.get("RHYTHM_PLAN_WEEKS_AWAY", "53")),
        "NOW": None,  # the moment "planned against what happened" judges by; None: the clock (tests set it)
        "PASSWORD_METHOD": "scrypt",  # werkzeug's default; tests lower the cost, nothing else should
        "MICROSOFT_CLIENT_ID": env.get("RHYTHM_CLIENT_ID"),
        # The one Entra ID tenant whose people may sign in with Microsoft (web/microsoft.py).
        "MICROSOFT_TENANT_ID": tenant_from(env),
        "BEHIND_PROXY": env.get("RHYTHM_BEHIND_PROXY") == "1",
        # The proxy's address as waitress sees it: only its X-Forwarded-* are believed.
        "TRUSTED_PROXY": env.get("RHYTHM_TRUSTED_PROXY", "127.0.0.1").strip(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "EXAMPLES_DIR": str(Path(__file__).resolve().parent.parent / "examples"),
    }


def complete(config: dict[str, Any], given: Mapping[str, Any] | None) -> None:
    """Fill what is still missing from the data folder, touching it only when needed."""
    if given:
        config.update(given)
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{data_dir() / 'rhythm.db'}"
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _session_key(data_dir() / "web-session.key")
    if config.get("BEHIND_PROXY"):
        config["SESSION_COOKIE_SECURE"] = True
    if not config.get("BASE_URL"):
        config["BASE_URL"] = "http://127.0.0.1:8000"  # `rhythm serve` sets its own address


def _session_key(path: Path) -> str:
    """Made on first start and kept owner-only: restarting keeps everyone signed in."""
    if not path.exists():
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()
