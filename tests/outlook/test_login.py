"""Signing in: device code (the command line), authorization code (the web app), tokens
encrypted at rest, refresh, and a clear way back when consent is gone."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from connectors.outlook.auth import finish_auth_code_flow, start_auth_code_flow
from connectors.outlook.settings import settings_from_env
from connectors.outlook.tokens import account_token_path, token_path
from scheduler.errors import RhythmError
from store.secrets import data_dir

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
    account = finish_auth_code_flow(flow_state, parse_qs(urlsplit(back).query),
                                    tenant=standin.tenant.tenant_id)
    assert (account.email, account.name) == ("bram@example.com", "Bram Jansen")
    bram = standin.tenant.users["bram@example.com"]
    assert (account.tenant_id, account.object_id) == (standin.tenant.tenant_id, bram.oid)
    # Filed under the id token's immutable ids, never under an address a directory admin can set.
    assert account_token_path(account.tenant_id, account.object_id).exists()
    assert not token_path("bram@example.com").exists()


def test_the_web_apps_sign_in_refuses_another_tenant_and_keeps_nothing(standin: StandIn) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    standin.sign_in_as("bram@example.com")
    url, flow_state = start_auth_code_flow(redirect)
    with pytest.raises(RhythmError, match="belongs to another organisation"):
        finish_auth_code_flow(flow_state, parse_qs(urlsplit(browser_follows(url)).query),
                              tenant=str(uuid.uuid4()))
    assert not (data_dir() / "tokens").exists() or not any((data_dir() / "tokens").rglob("*.bin"))


def test_a_tenant_id_makes_the_authority_single_tenant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RHYTHM_AUTHORITY", raising=False)
    monkeypatch.setenv("RHYTHM_CLIENT_ID", "00000000-0000-0000-0000-000000000001")
    monkeypatch.setenv("RHYTHM_TENANT_ID", "72F988BF-86F1-41AF-91AB-2D7CD011DB47")
    settings = settings_from_env()
    assert settings.authority == "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47"
    assert settings.tenant_id == "72f988bf-86f1-41af-91ab-2d7cd011db47"
    monkeypatch.setenv("RHYTHM_TENANT_ID", "contoso.example")
    with pytest.raises(RhythmError, match=r"^RHYTHM_TENANT_ID='contoso.example': give the Directory"):
        settings_from_env()


def test_a_web_app_registered_with_a_secret_proves_itself(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    standin.tenant.client_secret = "s3cret-from-the-environment"
    standin.sign_in_as("bram@example.com")
    url, flow_state = start_auth_code_flow(redirect)
    tenant = standin.tenant.tenant_id
    with pytest.raises(RhythmError, match=r"^Outlook sign-in failed \(invalid_client: AADSTS7000218"):
        finish_auth_code_flow(flow_state, parse_qs(urlsplit(browser_follows(url)).query), tenant=tenant)
    monkeypatch.setenv("RHYTHM_CLIENT_SECRET", "s3cret-from-the-environment")
    url, flow_state = start_auth_code_flow(redirect)
    account = finish_auth_code_flow(flow_state, parse_qs(urlsplit(browser_follows(url)).query), tenant=tenant)
    assert account.email == "bram@example.com"


def test_an_answer_for_another_sign_in_is_refused(standin: StandIn) -> None:
    redirect = "http://localhost:8000/auth/callback"
    standin.tenant.redirect_uris.add(redirect)
    standin.sign_in_as("bram@example.com")
    _, first = start_auth_code_flow(redirect)
    url, _ = start_auth_code_flow(redirect)
    with pytest.raises(RhythmError, match="does not belong to the sign-in that was started"):
        finish_auth_code_flow(first, parse_qs(urlsplit(browser_follows(url)).query),
                              tenant=standin.tenant.tenant_id)


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
