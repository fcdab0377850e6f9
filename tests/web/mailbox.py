"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, so tests
read the e-mails rhythm sent and follow the links in them, as a person would.

One server per test process (`serve`); `conftest.py` points RHYTHM_SMTP_HOST/PORT at it for the
whole session, so every app and every `rhythm serve` a test starts sends its mail here.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class Mailbox:
    """What the SMTP server received: one message per recipient, in order."""

    def __init__(self) -> None:
        self.received: list[tuple[str, EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient.lower(), mail))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [mail for rcpt, mail in self.received if rcpt == address.lower()]

    def wait_for(self, address: str, after: int, timeout: float = 10) -> EmailMessage:
        """The first message to `address` beyond the `after` it had already."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) > after:
                return found[after]
            time.sleep(0.02)
        raise AssertionError(f"no new e-mail reached {address} within {timeout} s")


def text_of(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert body is not None, "the message has no text part"
    return str(body.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]


def links_in(mail: EmailMessage) -> list[str]:
    return LINK.findall(text_of(mail))


MAILBOX = Mailbox()


def serve() -> Controller:
    """Start the SMTP server on a free loopback port (the caller stops it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(MAILBOX, hostname="127.0.0.1", port=port)
    controller.start()
    return controller
