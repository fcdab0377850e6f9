"""Sign-in with Microsoft through connectors.outlook.auth (msal's authorization-code flow).

Shown only when RHYTHM_CLIENT_ID is set and the Outlook connector is installed. The
connector keeps each user's token cache encrypted (store.secrets) under their mailbox
address; the account here is the same address, so "Sync to Outlook" writes with the
signed-in person's own token and nobody else's.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from flask import current_app, session
from sqlalchemy import select

from scheduler.errors import RhythmError
from store.models import User

from .db import get_db

FLOW_KEY = "microsoft_flow"


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"connectors.outlook.{name}")
    except ImportError:
        return None


def available() -> bool:
    return bool(current_app.config.get("MICROSOFT_CLIENT_ID")) and _module("auth") is not None


def start(redirect_uri: str) -> str:
    """The Microsoft URL to send the browser to; the flow's state waits in the session."""
    auth = _module("auth")
    assert auth is not None
    auth_uri, flow = auth.start_auth_code_flow(redirect_uri)
    session[FLOW_KEY] = flow
    return str(auth_uri)


def finish(query: dict[str, str]) -> User | str:
    """The signed-in user (made on first sign-in), or a message saying why not."""
    auth, flow = _module("auth"), session.pop(FLOW_KEY, None)
    if auth is None or flow is None:
        return "The Microsoft sign-in expired or was not started here; try again."
    try:
        account = auth.finish_auth_code_flow(flow, query)
    except RhythmError as error:
        return f"Microsoft sign-in failed: {error}"
    db = get_db()
    email = account.email.lower()
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=account.name or email)
        db.add(user)
        db.commit()
    return user


def outlook_connected(user: User) -> bool:
    """Whether this user's own Outlook sign-in (token cache) is kept here."""
    tokens = _module("tokens")
    try:
        return tokens is not None and tokens.store_for(user.email) is not None
    except RhythmError:  # an address the connector cannot file, or a key that changed
        return False
