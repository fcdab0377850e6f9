"""Microsoft sign-in for the web tests: the local stand-in of Entra ID and Graph that the
Outlook connector's tests use (tests/outlook/standin), the app pointed at its one tenant,
and the browser's round trip through it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.outlook.conftest import environment
from tests.outlook.standin import StandIn
from tests.outlook.standin.tls import TlsFiles, make_certificate

REDIRECT = "http://localhost/auth/microsoft/done"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def standin(app: Flask, tls: TlsFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    """The organisation's tenant, with Ana in it; the app accepts this tenant only."""
    server = StandIn(tls)
    server.add_user("ana@example.com", "Ana de Vries")
    server.tenant.redirect_uris.add(REDIRECT)
    for name, value in environment(server, tls, tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RHYTHM_AUTHORITY", f"{server.url}/{server.tenant.tenant_id}")
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("RHYTHM_OUTLOOK_USER", raising=False)
    app.config["MICROSOFT_CLIENT_ID"] = server.tenant.client_id
    app.config["MICROSOFT_TENANT_ID"] = server.tenant.tenant_id
    yield server
    server.close()


def microsoft_sign_in(client: FlaskClient, standin: StandIn, tls: TlsFiles, email: str,
                      start: str = "/auth/microsoft") -> TestResponse:
    """The browser's round trip: our button, Microsoft's page (the stand-in), back to us;
    returns our answer to the way back."""
    away = client.get(start)
    assert away.headers["Location"].startswith(standin.url), away.headers.get("Location")
    standin.sign_in_as(email)
    back = requests.get(away.headers["Location"], allow_redirects=False, verify=str(tls.certificate),
                        timeout=10)
    assert back.headers["Location"].startswith(REDIRECT + "?code=")
    return client.get(back.headers["Location"].removeprefix("http://localhost"))
