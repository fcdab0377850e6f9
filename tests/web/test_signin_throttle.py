"""Guessing passwords: failed sign-ins lock out the guesser's address for that account (even
the right password, until the back-off has passed) and an address guessing many accounts, but
never the owner elsewhere: guesses from many addresses put the account in link-only mode, where
an e-mailed link opens it. In memory on one machine, in Redis when shared."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .conftest import make_app
from .helpers import PASSWORD, mailed_link, post, signup, use_link
from .services import REDIS, require

# The back-off window: the test waits for it to lift, so it is short, but the guesses and the
# locked attempt must all land inside it, which on a busy machine took over 2 s.
BACK_OFF = 10
FAST = f"3 per {BACK_OFF} seconds"
STEADY = "3 per minute"  # for tests that do not wait: the window outlasts a slow machine
LOTS = "1000 per hour"


def attempt(client: FlaskClient, email: str, password: str, address: str) -> TestResponse:
    return post(client, "/auth/signin", {"email": email, "password": password},
                environ_base={"REMOTE_ADDR": address})


def throttled_app(tmp_path: Path, template: Path, **config: Any) -> Iterator[Flask]:
    yield from make_app(tmp_path, template, **config)


@pytest.fixture
def pair_limited(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Flask]:
    yield from throttled_app(tmp_path, migrated_sqlite, SIGNIN_LIMITS_PAIR=FAST, SIGNIN_LIMITS_ADDRESS=LOTS,
                             SIGNIN_LIMITS_ACCOUNT=LOTS)


def lock_out_and_recover(app: Flask, other: Flask | None = None) -> None:
    signup(app.test_client(), "ana@example.com", "Ana")
    guesser = app.test_client()
    for _ in range(3):
        wrong = attempt(guesser, "ana@example.com", "wrong password", "192.0.2.7")
        assert wrong.status_code == 200 and "do not match an account" in wrong.get_data(as_text=True)
    # The owner elsewhere is not locked out by someone else's guesses.
    assert attempt(app.test_client(), "ana@example.com", PASSWORD, "198.51.100.1").status_code == 302
    # From the guesser's address (and on another web process, when given), even the right one waits.
    owner = (other or app).test_client()
    locked = attempt(owner, "ana@example.com", PASSWORD, "192.0.2.7")
    assert locked.status_code == 429
    wait = int(locked.headers["Retry-After"])
    assert 1 <= wait <= BACK_OFF
    assert (f"Too many failed sign-ins for this account or from this address; try again in {wait} "
            "seconds.") in locked.get_data(as_text=True)
    time.sleep(wait + 0.2)
    opened = attempt(owner, "ana@example.com", PASSWORD, "192.0.2.7")
    assert opened.status_code == 302 and opened.headers["Location"] == "/"


def test_failed_sign_ins_lock_the_guessers_address_until_the_back_off_passes(pair_limited: Flask) -> None:
    lock_out_and_recover(pair_limited)


def test_guesses_from_many_addresses_leave_the_owner_a_link_by_email(tmp_path: Path,
                                                                     migrated_sqlite: Path) -> None:
    for app in throttled_app(tmp_path, migrated_sqlite, SIGNIN_LIMITS_PAIR=LOTS, SIGNIN_LIMITS_ADDRESS=LOTS,
                             SIGNIN_LIMITS_ACCOUNT=STEADY):
        signup(app.test_client(), "ana@example.com", "Ana")
        for n in range(3):
            assert attempt(app.test_client(), "ana@example.com", "guess", f"192.0.2.{n}").status_code == 200
        owner = app.test_client()
        asked = attempt(owner, "ana@example.com", PASSWORD, "198.51.100.1")
        page = asked.get_data(as_text=True)
        # Not refused and not signed in: the password is no longer looked at, a link is offered.
        assert asked.status_code == 200 and "it opens only with a link we e-mail" in page
        wrong = attempt(owner, "ana@example.com", "guess", "192.0.2.9").get_data(as_text=True)
        assert "it opens only with a link we e-mail" in wrong and "do not match" not in wrong
        assert owner.get("/").status_code == 302
        ask = partial(post, owner, "/auth/link", {"email": "ana@example.com"})
        link = mailed_link("ana@example.com", ask, "/auth/link/")
        assert use_link(owner, link).headers["Location"] == "/"
        assert "Hello, Ana" in owner.get("/").get_data(as_text=True)


def test_a_person_who_signs_in_is_never_throttled(pair_limited: Flask) -> None:
    signup(pair_limited.test_client(), "ana@example.com", "Ana")
    client = pair_limited.test_client()
    for _ in range(2):
        assert attempt(client, "ana@example.com", "typo", "192.0.2.7").status_code == 200
        # A success clears the account's count: two typos, a sign-in, two typos never lock.
        assert attempt(client, "ana@example.com", PASSWORD, "192.0.2.7").status_code == 302
    assert all(attempt(client, "ana@example.com", PASSWORD, "192.0.2.7").status_code == 302
               for _ in range(5))


def test_one_address_guessing_many_accounts_is_locked(tmp_path: Path, migrated_sqlite: Path) -> None:
    for app in throttled_app(tmp_path, migrated_sqlite, SIGNIN_LIMITS_PAIR=LOTS, SIGNIN_LIMITS_ACCOUNT=LOTS,
                             SIGNIN_LIMITS_ADDRESS=STEADY):
        signup(app.test_client(), "bram@example.com", "Bram")
        client = app.test_client()
        for name in ("ana", "cas", "dewi"):
            assert attempt(client, f"{name}@example.com", "guess", "192.0.2.7").status_code == 200
        assert attempt(client, "bram@example.com", PASSWORD, "192.0.2.7").status_code == 429
        assert attempt(client, "bram@example.com", PASSWORD, "198.51.100.1").status_code == 302


def test_the_counts_live_in_redis_shared_by_every_web_process(tmp_path: Path,
                                                             migrated_sqlite: Path) -> None:
    require("127.0.0.1", 6379, "Redis")
    prefix = f"rhythm-test-signin-{uuid.uuid4().hex[:12]}"
    config = {"SIGNIN_LIMITS_PAIR": FAST, "SIGNIN_LIMITS_ADDRESS": LOTS, "SIGNIN_LIMITS_ACCOUNT": LOTS,
              "RATE_LIMIT_STORAGE": REDIS, "RATE_LIMIT_PREFIX": prefix}
    store = redis.Redis.from_url(REDIS)
    try:
        for first in throttled_app(tmp_path, migrated_sqlite, **config):
            # A second web process on the same database and Redis: it sees the same lock.
            for second in make_app(tmp_path / "second", None, DATABASE_URL=first.config["DATABASE_URL"],
                                   **config):
                lock_out_and_recover(first, second)
                assert list(store.scan_iter(f"{prefix}*")), "no counter was kept in Redis"
    finally:
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
