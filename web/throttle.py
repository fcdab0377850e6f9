"""Sign-in throttling: failed sign-ins are counted per account and per address, and past a
limit even the right password is refused (429) until the window lets an attempt go.

Limits are tiers (`5/minute;20/hour`): each tier passed locks for longer, so guessing slows
from a few tries a minute to a few an hour, a back-off that a person who mistyped twice never
meets. Only failures count, so signing in often is never throttled. The counters live in the
`limits` library's storage (the one Flask-Limiter is built on): Redis when the app has one
(`CELERY_BROKER_URL`, shared by every web process), memory on one machine.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

EXTENSION = "rhythm.throttle"


@dataclass(frozen=True)
class Throttle:
    limiter: MovingWindowRateLimiter
    per_account: tuple[RateLimitItem, ...]
    per_address: tuple[RateLimitItem, ...]

    def _keys(self, email: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return ([(item, "account", email) for item in self.per_account]
                + [(item, "address", address) for item in self.per_address])

    def wait(self, email: str, address: str) -> int | None:
        """Seconds until this account may try again from this address; None: it may now."""
        waits = [self._seconds_left(item, kind, key) for item, kind, key in self._keys(email, address)
                 if not self.limiter.test(item, kind, key)]
        return max(waits) if waits else None

    def failed(self, email: str, address: str) -> None:
        for item, kind, key in self._keys(email, address):
            self.limiter.hit(item, kind, key)

    def succeeded(self, email: str) -> None:
        # The account's owner is back: their count starts afresh. The address keeps its
        # count, or one guesser with an account of their own could reset it at will.
        for item in self.per_account:
            self.limiter.clear(item, "account", email)

    def _seconds_left(self, item: RateLimitItem, kind: str, key: str) -> int:
        reset = self.limiter.get_window_stats(item, kind, key).reset_time
        return max(1, math.ceil(reset - time.time()))


def init_app(app: Flask) -> None:
    config = app.config
    uri = config["RATE_LIMIT_STORAGE"] or "memory://"
    options = {"key_prefix": config["RATE_LIMIT_PREFIX"]} if uri.startswith("redis") else {}
    app.extensions[EXTENSION] = Throttle(
        MovingWindowRateLimiter(storage_from_string(uri, **options)),
        tuple(parse_many(config["SIGNIN_LIMITS_ACCOUNT"])),
        tuple(parse_many(config["SIGNIN_LIMITS_ADDRESS"])),
    )


def throttle() -> Throttle:
    found: Throttle = current_app.extensions[EXTENSION]
    return found
