"""Sign-in throttling, and how many e-mails one address may be sent.

Failed sign-ins are counted three ways, each in tiers (`5/minute;20/hour`) so that guessing
slows from a few tries a minute to a few an hour, a back-off that a person who mistyped
twice never meets:

- per account *from one address* (`pair`): past it that address gets 429 for that account,
  and nobody else does, so a guesser locks out only themselves;
- per address (`address`): one address guessing many accounts gets 429;
- per account from anywhere (`account`): guesses spread over many addresses. Past it the
  password is no longer looked at and the page offers a sign-in link by e-mail instead, so
  the guessing stops and the owner still gets in (`link_only`).

Only failures count, so signing in often is never throttled. The counters live in the
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
    per_pair: tuple[RateLimitItem, ...]
    per_address: tuple[RateLimitItem, ...]
    per_account: tuple[RateLimitItem, ...]
    per_recipient: tuple[RateLimitItem, ...]

    def _refusing(self, email: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return ([(item, "pair", f"{email} {address}") for item in self.per_pair]
                + [(item, "address", address) for item in self.per_address])

    def wait(self, email: str, address: str) -> int | None:
        """Seconds until this account may try again from this address; None: it may now."""
        waits = [self._seconds_left(item, kind, key) for item, kind, key in self._refusing(email, address)
                 if not self.limiter.test(item, kind, key)]
        return max(waits) if waits else None

    def link_only(self, email: str) -> bool:
        """Whether so many guesses hit this account that only an e-mailed link opens it now."""
        return any(not self.limiter.test(item, "account", email) for item in self.per_account)

    def failed(self, email: str, address: str) -> None:
        for item, kind, key in [*self._refusing(email, address),
                                *((item, "account", email) for item in self.per_account)]:
            self.limiter.hit(item, kind, key)

    def succeeded(self, email: str, address: str) -> None:
        # The owner is back from this address: its count starts afresh. The account-wide and
        # the address counts stay, or a guesser could reset them by signing in to their own.
        for item in self.per_pair:
            self.limiter.clear(item, "pair", f"{email} {address}")

    def may_mail(self, recipient: str) -> bool:
        """Count one e-mail to `recipient`; False (and nothing counted) past the limit."""
        if not all(self.limiter.test(item, "mail", recipient) for item in self.per_recipient):
            return False
        for item in self.per_recipient:
            self.limiter.hit(item, "mail", recipient)
        return True

    def _seconds_left(self, item: RateLimitItem, kind: str, key: str) -> int:
        reset = self.limiter.get_window_stats(item, kind, key).reset_time
        return max(1, math.ceil(reset - time.time()))


def init_app(app: Flask) -> None:
    config = app.config
    uri = config["RATE_LIMIT_STORAGE"] or "memory://"
    options = {"key_prefix": config["RATE_LIMIT_PREFIX"]} if uri.startswith("redis") else {}
    app.extensions[EXTENSION] = Throttle(
        MovingWindowRateLimiter(storage_from_string(uri, **options)),
        *(tuple(parse_many(config[name])) for name in
          ("SIGNIN_LIMITS_PAIR", "SIGNIN_LIMITS_ADDRESS", "SIGNIN_LIMITS_ACCOUNT", "MAIL_LIMITS")),
    )


def throttle() -> Throttle:
    found: Throttle = current_app.extensions[EXTENSION]
    return found
