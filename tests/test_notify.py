"""E-mail over real SMTP (notify.mail): a server on loopback with STARTTLS and sign-in, the
settings read from the environment, and the console when no server is set."""

from __future__ import annotations

import io
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from notify.mail import ConsoleMailer, MailError, MailSettings, SmtpMailer, mailer_for, settings_from
from tests.outlook.standin.tls import TlsFiles, make_certificate
from tests.web.mailbox import Mailbox, text_of


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accept_rhythm(server: object, session: object, envelope: object, mechanism: str,
                  data: LoginPassword) -> AuthResult:
    good = data.login == b"rhythm" and data.password == b"s3cret"
    return AuthResult(success=good, handled=False)  # not handled: the server answers 535


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TlsFiles:
    files = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(files.certificate))  # trusted as a company CA would be
    return files


@pytest.fixture
def server(tls: TlsFiles) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server that insists on STARTTLS and a sign-in, like a real submission server."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls.certificate, tls.key)
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=accept_rhythm, auth_require_tls=True)
    controller.start()
    yield mailbox, port
    controller.stop()


def test_a_message_goes_out_over_starttls_with_a_sign_in(server: tuple[Mailbox, int]) -> None:
    mailbox, port = server
    settings = MailSettings(host="127.0.0.1", port=port, user="rhythm", password="s3cret",
                            sender="rhythm <rhythm@example.com>")
    SmtpMailer(settings).send("ana@example.com", "Your week\nBcc: eve@example.com",
                              "Hello Ana,\n\nhere it is.")
    (mail,) = mailbox.to("ana@example.com")
    assert mail["From"] == "rhythm <rhythm@example.com>" and mail["To"] == "ana@example.com"
    assert mail["Subject"] == "Your week Bcc: eve@example.com"  # a line break cannot add a header
    assert mail["Bcc"] is None and mailbox.to("eve@example.com") == []
    assert text_of(mail).startswith("Hello Ana,\n\nhere it is.")


def test_a_wrong_password_is_a_clear_error(server: tuple[Mailbox, int]) -> None:
    _, port = server
    settings = MailSettings(host="127.0.0.1", port=port, user="rhythm", password="wrong")
    with pytest.raises(MailError, match=rf"^the SMTP server 127.0.0.1:{port} did not take the message"):
        SmtpMailer(settings).send("ana@example.com", "x", "y")


def test_no_password_goes_over_a_plain_connection_to_another_machine() -> None:
    settings = MailSettings(host="mail.example.invalid", port=25, starttls=False, user="rhythm",
                            password="s3cret")
    with pytest.raises(MailError, match="would not be encrypted"):
        SmtpMailer(settings).send("ana@example.com", "x", "y")


def test_settings_come_from_the_environment_and_bad_ones_are_named() -> None:
    settings = settings_from({"RHYTHM_SMTP_HOST": "smtp.example.com", "RHYTHM_SMTP_PORT": "2525",
                              "RHYTHM_SMTP_STARTTLS": "false", "RHYTHM_SMTP_USER": "u",
                              "RHYTHM_SMTP_PASSWORD": "p", "RHYTHM_SMTP_FROM": "Plans <plans@example.com>"})
    assert settings == MailSettings("smtp.example.com", 2525, False, "u", "p", "Plans <plans@example.com>")
    assert isinstance(mailer_for(settings), SmtpMailer)
    assert isinstance(mailer_for(settings_from({})), ConsoleMailer)
    with pytest.raises(MailError, match=r"^RHYTHM_SMTP_PORT='smtp': give a port number"):
        settings_from({"RHYTHM_SMTP_PORT": "smtp"})
    with pytest.raises(MailError, match=r"^RHYTHM_SMTP_STARTTLS='maybe': give true or false"):
        settings_from({"RHYTHM_SMTP_STARTTLS": "maybe"})


def test_without_a_server_the_message_is_printed_for_the_operator() -> None:
    out = io.StringIO()
    ConsoleMailer("rhythm <rhythm@localhost>", out).send("ana@example.com", "Confirm", "Open http://x/y")
    printed = out.getvalue()
    assert "To: ana@example.com" in printed and "Subject: Confirm" in printed and "http://x/y" in printed
