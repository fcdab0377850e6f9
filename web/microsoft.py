"""Sign-in with Microsoft through connectors.outlook.auth (msal's authorization-code flow).

Shown only when RHYTHM_CLIENT_ID and RHYTHM_TENANT_ID are set: the people of that one Entra ID
tenant may sign in, nobody else's (the id token's `tid` is checked, whatever the authority).
A Microsoft account is known here by the id token's immutable `tid` and `oid`
(`MicrosoftIdentity`), never by its `mail` attribute, which any directory admin can set to
anyone's address; so a Microsoft sign-in never becomes a password account with the same
address. It is either the account that connected it earlier, the account signed in now
("connect Outlook"), or a new account without an address, which reaches team members
through an invitation (or an address it confirms later). Its token cache is kept under
the same ids, so "Sync to Outlook" writes with the person's own sign-in and nobody else's.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from flask import current_app, g, session
from flask_babel import gettext as _
from sqlalchemy import select

from scheduler.errors import RhythmError
from store.models import MicrosoftIdentity, User

from .db import get_db

FLOW_KEY, NEXT_KEY = "microsoft_flow", "microsoft_next"


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"connectors.outlook.{name}")
    except ImportError:
        return None


def available() -> bool:
    config = current_app.config
    return (bool(config.get("MICROSOFT_CLIENT_ID")) and bool(config.get("MICROSOFT_TENANT_ID"))
            and _module("auth") is not None)


def start(redirect_uri: str, after: str) -> str:
    """The Microsoft URL to send the browser to; the flow's state waits in the session."""
    auth = _module("auth")
    assert auth is not None
    auth_uri, flow = auth.start_auth_code_flow(redirect_uri)
    session[FLOW_KEY], session[NEXT_KEY] = flow, after
    return str(auth_uri)


def finish(query: dict[str, str]) -> User | str:
    """The account this Microsoft sign-in is (made on first sign-in), or a message saying why not."""
    auth, flow = _module("auth"), session.pop(FLOW_KEY, None)
    if auth is None or flow is None or not available():
        return _("The Microsoft sign-in expired or was not started here; try again.")
    try:
        account = auth.finish_auth_code_flow(flow, query, tenant=current_app.config["MICROSOFT_TENANT_ID"])
    except RhythmError as error:
        return _("Microsoft sign-in failed: %(error)s", error=error)
    db = get_db()
    identity = db.scalar(select(MicrosoftIdentity).where(
        MicrosoftIdentity.tenant_id == account.tenant_id, MicrosoftIdentity.object_id == account.object_id))
    current: User | None = g.user
    if identity is not None and current is not None and identity.user_id != current.id:
        return _("This Microsoft account is connected to another rhythm account; sign out first.")
    if identity is None:
        user = current or User(email=None, name=account.name or account.email)
        identity = MicrosoftIdentity(user=user, tenant_id=account.tenant_id, object_id=account.object_id,
                                     mailbox=account.email)
        db.add(identity)
    identity.mailbox = account.email  # the address may change; the ids never do
    db.commit()
    return identity.user


def identity_of(user: User) -> MicrosoftIdentity | None:
    """The user's Microsoft sign-in whose tokens are kept here, if any."""
    for identity in user.microsoft:
        if token_cache(identity) is not None:
            return identity
    return None


def token_cache(identity: MicrosoftIdentity) -> Path | None:
    tokens = _module("tokens")
    if tokens is None:
        return None
    try:
        path: Path = tokens.account_token_path(identity.tenant_id, identity.object_id)
        return path if tokens.load_store(path) is not None else None
    except RhythmError:  # a key that changed since the tokens were kept
        return None


def disconnect(user: User) -> None:
    """Forget the user's Microsoft sign-ins here, their kept tokens first (the caller commits)."""
    tokens = _module("tokens")
    for identity in list(user.microsoft):
        if tokens is not None:
            tokens.account_token_path(identity.tenant_id, identity.object_id).unlink(missing_ok=True)
        user.microsoft.remove(identity)


def outlook_connected(user: User) -> bool:
    """Whether this user's own Outlook sign-in (token cache) is kept here."""
    return identity_of(user) is not None
