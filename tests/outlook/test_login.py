"""Signing in: device code (the command line), authorization code (the web app), tokens
encrypted at rest, refresh, and a clear way back when consent is gone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from connectors.outlook.auth import finish_auth_code_flow, start_auth_code_flow
from connectors.outlook.settings import settings_from_env
from connectors.outlook.tokens import token_path
from scheduler.errors import RhythmError

from .conftest import sign_in
from .standin import StandIn

# msal advises response_mode=form_post for web sign-ins; the web app's agreed interface
# receives the code in the query string (finish_auth_code_flow(state, query_params)).
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended:UserWarning")


def test_device_code_sign_in_keeps_the_users_tokens_encrypted(standin: StandIn) -> None:
    account = sign_in(standin, "ana@example.com")
    assert (account.email, account.name) == ("ana@example.com", "Ana de Vries")
    stored = token_path("ana@example.com").read_bytes()
    tokens = list(standin.tenant.access_tokens) + list(standin.tenant.refresh_tokens)
    assert tokens and not any(token.encode() in stored for token in tokens)
    assert b"refresh_token" not in stored.lower()


def test_the_web_apps_sign_in_brings_the_browser_back_with_a_code_it_redeems(standin: StandIn) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    url, flow_state = start_auth_code_flow(redirect)
    assert url.startswith(f"{standin.url}/common/oauth2/v2.0/authorize?")
    assert "code_challenge_method=S256" in url  # PKCE
    standin.sign_in_as("bram@example.com")
    back = browser_follows(url)
    assert back.startswith(redirect + "?code=")
    account = finish_auth_code_flow(flow_state, parse_qs(urlsplit(back).query))
    assert (account.email, account.name) == ("bram@example.com", "Bram Jansen")
    assert token_path("bram@example.com").exists()


def test_a_web_app_registered_with_a_secret_proves_itself(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    standin.tenant.client_secret = "s3cret-from-the-environment"
    standin.sign_in_as("bram@example.com")
    url, flow_state = start_auth_code_flow(redirect)
    with pytest.raises(RhythmError, match=r"^Outlook sign-in failed \(invalid_client: AADSTS7000218"):
        finish_auth_code_flow(flow_state, parse_qs(urlsplit(browser_follows(url)).query))
    monkeypatch.setenv("RHYTHM_CLIENT_SECRET", "s3cret-from-the-environment")
    url, flow_state = start_auth_code_flow(redirect)
    account = finish_auth_code_flow(flow_state, parse_qs(urlsplit(browser_follows(url)).query))
    assert account.email == "bram@example.com"


def test_an_answer_for_another_sign_in_is_refused(standin: StandIn) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    standin.sign_in_as("bram@example.com")
    _, first = start_auth_code_flow(redirect)
    url, _ = start_auth_code_flow(redirect)
    with pytest.raises(RhythmError, match="does not belong to the sign-in that was started"):
        finish_auth_code_flow(first, parse_qs(urlsplit(browser_follows(url)).query))


def test_an_app_the_tenant_does_not_know_is_named_in_the_error(standin: StandIn) -> None:
    standin.sign_in_as("ana@example.com")
    standin.tenant.client_id = "another-app"  # rhythm's id is not registered in this tenant
    with pytest.raises(
        RhythmError, match=r"^Outlook sign-in could not start \(unauthorized_client: AADSTS700016"
    ):
        sign_in(standin, "ana@example.com")


def test_an_authority_that_is_not_https_is_refused(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RHYTHM_AUTHORITY", standin.url.replace("https:", "http:") + "/common")
    with pytest.raises(
        RhythmError, match=r"^RHYTHM_AUTHORITY='http://127.0.0.1:\d+/common': give an https://"
    ):
        sign_in(standin, "ana@example.com")


def test_a_yes_no_setting_that_is_neither_is_refused(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RHYTHM_TENTATIVE_BUSY", "sometimes")
    with pytest.raises(RhythmError, match=r"^RHYTHM_TENTATIVE_BUSY='sometimes': give true or false$"):
        settings_from_env()


def browser_follows(url: str) -> str:
    """What a browser does with the sign-in URL: the person signs in, and the identity
    service redirects to the app with a code; the redirect's address is returned."""
    answer = requests.get(url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    return answer.headers["Location"]
