"""Signing in to Outlook with msal, delegated: the signed-in user's own permissions.

- `device_login(show)`: the command line (`rhythm login outlook`). msal's device-code
  flow: `show` gets the verification URL and the code to type there; the call waits until
  the person has signed in (or the code expires).
- `start_auth_code_flow(redirect_uri)` / `finish_auth_code_flow(flow_state, query_params)`:
  the web app. The first gives the URL to send the browser to and the state to keep in the
  session (PKCE and nonce included); the second takes the query parameters the browser
  brought back to the redirect URI.
Each finished sign-in asks Graph who signed in (`GET /me`) and keeps that user's token cache,
encrypted (`tokens`): the command line's under their mailbox address, the web app's under the
id token's tenant and object ids (`tid`, `oid`), which no directory admin can change. The web
app names the one tenant it accepts; an account of any other tenant is refused before
anything is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from scheduler.errors import RhythmError

from .apps import client_app, describe_failure
from .graph import GraphClient
from .settings import OutlookSettings, settings_from_env
from .tokens import TokenStore, account_token_path, mailbox_name, token_path


@dataclass(frozen=True)
class OutlookAccount:
    """Who signed in: their immutable ids, their mailbox address and their name."""

    email: str  # the mailbox address Graph reports (`mail`, else the user principal name)
    name: str
    username: str  # the sign-in name (user principal name), which may differ from the address
    tenant_id: str = ""  # the id token's `tid`: the directory the account belongs to
    object_id: str = ""  # the id token's `oid`: the account in that directory, for good


@dataclass(frozen=True)
class DeviceCode:
    verification_uri: str
    user_code: str
    message: str  # Microsoft's own sentence, in the user's language


def device_login(show: Callable[[DeviceCode], None],
                 settings: OutlookSettings | None = None) -> OutlookAccount:
    settings = settings or settings_from_env()
    store = TokenStore()
    app = client_app(settings, store, public=True)
    try:
        flow = app.initiate_device_flow(scopes=settings.scopes)
        if "user_code" not in flow:
            raise RhythmError(f"Outlook sign-in could not start ({describe_failure(flow)})")
        show(DeviceCode(flow["verification_uri"], flow["user_code"], str(flow.get("message", ""))))
        result = app.acquire_token_by_device_flow(flow)
    except ValueError as error:
        # msal: the authority's OpenID configuration names no device authorization endpoint.
        raise RhythmError(f"RHYTHM_AUTHORITY={settings.authority} offers no device-code sign-in "
                          f"({error})") from None
    except requests.RequestException as error:
        raise RhythmError(f"cannot reach the sign-in service at {settings.authority}: {error}") from None
    return _signed_in(result, store, settings)


def start_auth_code_flow(redirect_uri: str, settings: OutlookSettings | None = None) -> tuple[str, dict]:
    """The URL to send the browser to, and the flow state to keep until it comes back."""
    settings = settings or settings_from_env()
    app = client_app(settings, TokenStore())
    flow = app.initiate_auth_code_flow(settings.scopes, redirect_uri=redirect_uri)
    return str(flow["auth_uri"]), flow


def finish_auth_code_flow(flow_state: dict, query_params: Mapping[str, Any],
                          settings: OutlookSettings | None = None, *, tenant: str) -> OutlookAccount:
    """The account that signed in, if it belongs to `tenant` (a tenant id); its tokens are then
    kept under its tenant and object ids."""
    settings = settings or settings_from_env()
    store = TokenStore()
    app = client_app(settings, store)
    answer = {key: value[0] if isinstance(value, list) else value for key, value in query_params.items()}
    try:
        result = app.acquire_token_by_auth_code_flow(flow_state, answer)
    except ValueError as error:
        # msal refuses an answer whose state does not match the flow it started.
        raise RhythmError(f"this sign-in answer does not belong to the sign-in that was started ({error}); "
                          "start the sign-in again") from None
    except requests.RequestException as error:
        raise RhythmError(f"cannot reach the sign-in service at {settings.authority}: {error}") from None
    return _signed_in(result, store, settings, tenant=tenant.lower())


def _signed_in(result: dict, store: TokenStore, settings: OutlookSettings,
               tenant: str | None = None) -> OutlookAccount:
    if "access_token" not in result:
        raise RhythmError(f"Outlook sign-in failed ({describe_failure(result)})")
    # The id token came straight from the token endpoint over TLS, in answer to our code.
    claims = result.get("id_token_claims") or {}
    tenant_id, object_id = str(claims.get("tid") or "").lower(), str(claims.get("oid") or "").lower()
    if tenant is not None and tenant_id != tenant:
        raise RhythmError("this Microsoft account belongs to another organisation (tenant) than the one "
                          "this server accepts")
    username = str(claims.get("preferred_username") or "")
    me = GraphClient(settings, store, username or "the new sign-in").get(
        "me", {"$select": "displayName,mail,userPrincipalName"})
    email = mailbox_name(str(me.get("mail") or me.get("userPrincipalName") or username))
    store.save_as(account_token_path(tenant_id, object_id) if tenant is not None else token_path(email))
    return OutlookAccount(email=email, name=str(me.get("displayName") or email), username=username,
                          tenant_id=tenant_id, object_id=object_id)
