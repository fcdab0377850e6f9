"""Fixtures: a fresh stand-in per test, rhythm's environment pointed at it, and sign-ins
made the way a person makes them (device code, through msal)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from connectors.outlook.auth import DeviceCode, OutlookAccount, device_login
from connectors.outlook.tokens import remember_default_user

from .standin import StandIn
from .standin.tls import TlsFiles, make_certificate

TEAM = (
    ("ana@example.com", "Ana de Vries"),
    ("bram@example.com", "Bram Jansen"),
    ("cas@example.com", "Cas Bakker"),
)


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def standin(tls: TlsFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    server = StandIn(tls)
    for email, name in TEAM:
        server.add_user(email, name)
    for name, value in environment(server, tls, tmp_path).items():
        monkeypatch.setenv(name, value)
    for name in ("RHYTHM_OUTLOOK_USER", "RHYTHM_TENTATIVE_BUSY", "RHYTHM_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    yield server
    server.close()


def environment(server: StandIn, tls: TlsFiles, tmp_path: Path) -> dict[str, str]:
    """What an operator sets to point rhythm at a Microsoft cloud: here, the stand-in."""
    return {
        "RHYTHM_GRAPH_URL": server.url,
        "RHYTHM_AUTHORITY": f"{server.url}/common",
        "RHYTHM_CLIENT_ID": server.tenant.client_id,
        "RHYTHM_DATA_DIR": str(tmp_path / "rhythm-data"),
        "RHYTHM_SECRET_KEY": Fernet.generate_key().decode(),
        # The stand-in's certificate is self-signed: trusted like a company CA would be.
        "REQUESTS_CA_BUNDLE": str(tls.certificate),
    }


def sign_in(server: StandIn, email: str, *, default: bool = False) -> OutlookAccount:
    """`email` signs in with a device code, as `rhythm login outlook` does."""
    shown: list[DeviceCode] = []
    server.sign_in_as(email)
    account = device_login(shown.append)
    assert shown and shown[0].user_code in shown[0].message
    if default:
        remember_default_user(account.email)
    return account
