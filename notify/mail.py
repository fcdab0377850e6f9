"""E-mail over SMTP with the standard library (smtplib, email.message), or on the console.

Settings come from the environment (`settings_from`):

- `RHYTHM_SMTP_HOST`: the SMTP server; unset, messages are printed on the console instead
  (the embedded `rhythm serve`, where the person reading the console is the operator);
- `RHYTHM_SMTP_PORT` (default 587; 465 means TLS from the first byte);
- `RHYTHM_SMTP_STARTTLS` (default true): upgrade the connection before anything is sent;
- `RHYTHM_SMTP_USER`, `RHYTHM_SMTP_PASSWORD`: sign in to the server (never over a plain
  connection, except to this machine);
- `RHYTHM_SMTP_FROM` (default `rhythm <rhythm@localhost>`): the sender.
"""

from __future__ import annotations

import smtplib
import ssl
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol, TextIO

from scheduler.errors import RhythmError

LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


class MailError(RhythmError):
    """The message could not be handed to the SMTP server."""


@dataclass(frozen=True)
class MailSettings:
    host: str | None = None
    port: int = 587
    starttls: bool = True
    user: str | None = None
    password: str | None = None
    sender: str = "rhythm <rhythm@localhost>"
    timeout: float = 20.0


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str) -> None: ...


def settings_from(environ: Mapping[str, str]) -> MailSettings:
    """The SMTP settings in `environ` (RHYTHM_SMTP_*); a bad value is refused by name."""
    port_text = environ.get("RHYTHM_SMTP_PORT", "").strip() or "587"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise MailError(f"RHYTHM_SMTP_PORT={port_text!r}: give a port number, e.g. 587")
    flag = environ.get("RHYTHM_SMTP_STARTTLS", "").strip().lower() or "true"
    if flag not in _TRUE | _FALSE:
        raise MailError(f"RHYTHM_SMTP_STARTTLS={flag!r}: give true or false")
    return MailSettings(host=environ.get("RHYTHM_SMTP_HOST", "").strip() or None, port=int(port_text),
                        starttls=flag in _TRUE, user=environ.get("RHYTHM_SMTP_USER") or None,
                        password=environ.get("RHYTHM_SMTP_PASSWORD") or None,
                        sender=environ.get("RHYTHM_SMTP_FROM", "").strip() or MailSettings.sender)


def message(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"] = sender, to
    mail["Subject"] = " ".join(subject.split())  # a name with a line break cannot add a header
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("<> ") or None)
    mail.set_content(text)
    return mail


@dataclass(frozen=True)
class SmtpMailer:
    settings: MailSettings

    def send(self, to: str, subject: str, text: str) -> None:
        s = self.settings
        assert s.host is not None
        if s.user and not (s.starttls or s.port == 465) and s.host not in LOOPBACK:
            raise MailError(f"RHYTHM_SMTP_USER is set but the connection to {s.host} would not be "
                            "encrypted: set RHYTHM_SMTP_STARTTLS=true (or port 465)")
        mail = message(s.sender, to, subject, text)
        try:
            with self._connect(s.host) as smtp:
                if s.starttls and s.port != 465:
                    smtp.starttls(context=ssl.create_default_context())
                if s.user:
                    smtp.login(s.user, s.password or "")
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"the SMTP server {s.host}:{s.port} did not take the message ({error})") from None

    def _connect(self, host: str) -> smtplib.SMTP:
        s = self.settings
        if s.port == 465:
            return smtplib.SMTP_SSL(host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        return smtplib.SMTP(host, s.port, timeout=s.timeout)


@dataclass(frozen=True)
class ConsoleMailer:
    """No SMTP server set: the message is printed for the operator to pass on."""

    sender: str
    out: TextIO | None = None  # None: the process's standard output at the time of sending

    def send(self, to: str, subject: str, text: str) -> None:
        rule = "-" * 72
        print(f"{rule}\nE-mail (no SMTP server is set, so it is shown here)\nTo: {to}\n"
              f"Subject: {' '.join(subject.split())}\n\n{text.rstrip()}\n{rule}",
              file=self.out or sys.stdout, flush=True)


def mailer_for(settings: MailSettings) -> Mailer:
    return SmtpMailer(settings) if settings.host else ConsoleMailer(settings.sender)
