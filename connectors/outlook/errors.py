"""What can go wrong talking to Microsoft, each said so a person knows what to do next."""

from __future__ import annotations

from scheduler.errors import RhythmError

RECONNECT = "reconnect: run `rhythm login outlook`"


class ReconnectError(RhythmError):
    """A sign-in that no longer works: expired, revoked consent, a password change."""

    def __init__(self, who: str, reason: str) -> None:
        self.who = who
        super().__init__(f"Outlook no longer accepts the sign-in of {who} ({reason}); {RECONNECT}")


class GraphError(RhythmError):
    """Microsoft Graph refused or failed a request; `code` is Graph's own error code."""

    def __init__(self, status: int, code: str, message: str, what: str) -> None:
        self.status = status
        self.code = code
        detail = f"{code}: {message}" if message else code
        super().__init__(f"Microsoft Graph answered {status} to {what} ({detail})")


class ThrottledError(RhythmError):
    """Graph kept asking rhythm to slow down for longer than rhythm waits."""
