"""msal's application object for rhythm's app registration, and fresh tokens from a cache.

Public client (device code, the command line) unless RHYTHM_CLIENT_SECRET is set, which a
web app whose redirect URI is registered on the "Web" platform needs. Access tokens live an
hour; msal's silent acquisition returns a cached one or redeems the refresh token, and
saying why that failed (invalid_grant, interaction_required) is what tells a person to
sign in again.
"""

from __future__ import annotations

import msal
import requests

from scheduler.errors import RhythmError

from .errors import ReconnectError
from .settings import OutlookSettings


def client_app(settings: OutlookSettings, cache: msal.TokenCache, *,
               public: bool = False) -> msal.ClientApplication:
    options = {
        "client_id": settings.client_id,
        "authority": settings.authority,
        "token_cache": cache,
        # None lets msal check unknown hosts with Microsoft; False trusts the configured one.
        "instance_discovery": None if settings.authority_known_to_microsoft else False,
        "timeout": 30,
    }
    try:
        if settings.client_secret and not public:
            return msal.ConfidentialClientApplication(client_credential=settings.client_secret, **options)
        return msal.PublicClientApplication(**options)
    except (ValueError, requests.RequestException) as error:
        # msal reads the authority's OpenID configuration right here.
        raise RhythmError(f"RHYTHM_AUTHORITY={settings.authority}: cannot use this sign-in "
                          f"service ({_first_line(str(error))})") from error


def silent_token(app: msal.ClientApplication, settings: OutlookSettings, who: str) -> str:
    """A valid access token for the cache's account, refreshed if need be."""
    accounts = app.get_accounts()
    if not accounts:
        raise ReconnectError(who, "its stored sign-in holds no account")
    try:
        result = app.acquire_token_silent_with_error(settings.scopes, account=accounts[0])
    except requests.RequestException as error:
        raise RhythmError(f"cannot reach the sign-in service at {settings.authority}: {error}") from error
    if not result:
        raise ReconnectError(who, "no usable token is stored")
    if "access_token" not in result:
        raise ReconnectError(who, describe_failure(result))
    return str(result["access_token"])


def describe_failure(result: dict) -> str:
    """msal's error answer in one line: `invalid_grant: AADSTS70000: ...`."""
    error = str(result.get("error", "unknown_error"))
    description = _first_line(str(result.get("error_description", "")))
    return f"{error}: {description}" if description else error


def _first_line(text: str) -> str:
    # Entra ID appends trace and correlation ids on later lines: noise to a person.
    return text.strip().splitlines()[0] if text.strip() else ""
