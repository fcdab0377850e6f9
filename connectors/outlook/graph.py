"""Requests to Microsoft Graph as one signed-in user, through O365's Account and Connection.

O365 keeps the requests session with the bearer token, refreshes it when Graph says it
expired and encodes bodies; rhythm points its protocol at `RHYTHM_GRAPH_URL`, hands it the
msal application built for `RHYTHM_AUTHORITY`, and adds what a sync needs on top:
- throttling: a 429 (or 503) is retried after its `Retry-After` seconds, within a budget
  (5 retries, 60 s); past that the sync stops with a clear error, never a half-silent loop.
  O365's own urllib3 retries are off: they would not retry a POST and would hide the budget.
- paging: `@odata.nextLink` is followed as Graph gives it (it carries every parameter).
- errors: Graph's `{"error": {"code", "message"}}` becomes a sentence; 401 means sign in again.
Requests go one at a time, so a mailbox never sees more than one of Outlook's four
concurrent requests (MailboxConcurrency) from rhythm.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import msal
import requests
from O365 import Account
from O365.connection import Connection, MSGraphProtocol

from scheduler.errors import RhythmError

from .apps import client_app, silent_token
from .errors import GraphError, ReconnectError, ThrottledError
from .settings import OutlookSettings
from .tokens import TokenStore

# O365 logs every 4xx as an error before raising it; rhythm reports each failure itself
# (and a 403 on a colleague's calendar is expected: it falls back to free/busy).
logging.getLogger("O365.connection").setLevel(logging.CRITICAL)
_RETRIED = (429, 503)


@dataclass(frozen=True)
class Budget:
    """How long rhythm keeps retrying a throttled request before giving up."""

    retries: int = 5
    seconds: float = 60.0


class GraphProtocol(MSGraphProtocol):
    """O365's Graph protocol at a configurable address (national clouds, the stand-in)."""

    def __init__(self, graph_url: str, timezone: str) -> None:
        self._protocol_url = f"{graph_url}/"
        self._oauth_scope_prefix = f"{graph_url}/"
        super().__init__(api_version="v1.0", timezone=timezone)


class _Connection(Connection):
    """O365's connection, using the msal application rhythm configured (authority, cache)."""

    def __init__(self, credentials: Any, *, msal_app: msal.ClientApplication, **kwargs: Any) -> None:
        super().__init__(credentials, **kwargs)
        self._msal_client = msal_app


class _Account(Account):
    connection_constructor = _Connection


class GraphClient:
    def __init__(self, settings: OutlookSettings, store: TokenStore, who: str, *,
                 timezone: str = "UTC", budget: Budget = Budget()) -> None:
        self.who = who
        self.settings = settings
        self.budget = budget
        app = client_app(settings, store)
        token = silent_token(app, settings, who)
        store.save_token()  # a refresh rotates the refresh token: keep the new one
        confidential = settings.client_secret is not None
        self.account = _Account(
            (settings.client_id, settings.client_secret) if confidential else settings.client_id,
            protocol=GraphProtocol(settings.graph_url, timezone),
            auth_flow_type="authorization" if confidential else "public",
            token_backend=store, username=app.get_accounts()[0]["username"], msal_app=app,
            request_retries=0, requests_delay=0, timeout=60,
        )
        connection = self.account.con
        connection.session = connection.get_session()
        connection.update_session_auth_header(access_token=token)

    def url(self, path: str) -> str:
        return path if path.startswith("https://") else self.account.protocol.service_url + path.lstrip("/")

    def get(self, path: str, params: dict[str, str] | None = None, *, prefer: tuple[str, ...] = ()) -> Any:
        return self._send("get", path, params=params, headers=_headers(prefer)).json()

    def pages(self, path: str, params: dict[str, str], *, prefer: tuple[str, ...] = ()) -> Iterator[dict]:
        """Every item of a collection, page after page."""
        url: str | None = path
        query: dict[str, str] | None = params
        while url:
            page = self._send("get", url, params=query, headers=_headers(prefer)).json()
            yield from page.get("value", [])
            url, query = page.get("@odata.nextLink"), None

    def post(self, path: str, body: dict[str, Any], *, prefer: tuple[str, ...] = ()) -> Any:
        return self._send("post", path, data=body, headers=_headers(prefer)).json()

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self._send("patch", path, data=body, headers={}).json()

    def delete(self, path: str) -> None:
        self._send("delete", path, headers={})

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        what = f"{method.upper()} {urlsplit(self.url(path)).path}"
        started = time.monotonic()
        for attempt in itertools.count():
            try:
                return getattr(self.account.con, method)(self.url(path), **kwargs)
            except requests.HTTPError as error:
                if error.response is None:
                    raise RhythmError(f"Microsoft Graph did not answer {what}: {error}") from None
                time.sleep(self._pause(error.response, attempt, started, what))
            except RuntimeError as error:
                # O365's refresh after a 401 found no token or msal refused the refresh.
                raise ReconnectError(self.who, str(error)) from None
            except requests.RequestException as error:
                raise RhythmError(f"cannot reach Microsoft Graph at {self.settings.graph_url}: "
                                  f"{error}") from None
        raise AssertionError("unreachable")

    def _pause(self, response: requests.Response, attempt: int, started: float, what: str) -> float:
        """Seconds to wait before trying again; raises when this answer is final."""
        if response.status_code not in _RETRIED:
            raise failure(response, what, self.who)
        wait = retry_after(response, attempt)
        if attempt >= self.budget.retries or time.monotonic() - started + wait > self.budget.seconds:
            raise ThrottledError(
                f"Microsoft Graph kept throttling {what} (status {response.status_code}) after "
                f"{attempt} retries in {time.monotonic() - started:.0f} s; try again in a few minutes")
        return wait


def retry_after(response: requests.Response, attempt: int) -> float:
    """Graph's `Retry-After` seconds; without one, exponential back-off as Graph advises."""
    try:
        return max(0.0, float(response.headers["Retry-After"]))
    except (KeyError, ValueError):
        return float(min(2 ** attempt, 30))


def failure(response: requests.Response, what: str, who: str) -> RhythmError:
    try:
        error = response.json().get("error", {})
        code, message = str(error.get("code", "")), str(error.get("message", ""))
    except (ValueError, AttributeError):
        code, message = "", ""
    if response.status_code == 401:
        return ReconnectError(who, f"{code or 'Unauthorized'}: {message}".rstrip(": "))
    return GraphError(response.status_code, code or response.reason or "error", message, what)


def _headers(prefer: tuple[str, ...]) -> dict[str, str]:
    return {"Prefer": ", ".join(prefer)} if prefer else {}
