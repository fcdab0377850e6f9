"""Each signed-in user's tokens, encrypted at rest: `data_dir()/tokens/<email>.bin` for the
command line (`rhythm login outlook`, the person at this machine), and
`data_dir()/tokens/accounts/<tenant id>.<object id>.bin` for the web app's sign-ins, filed by
the immutable ids Microsoft's id token carries, never by an address a directory admin can
set to anyone's (`account_token_path`).

The cache is msal's token cache (O365's `BaseTokenBackend` is one, with the load/save
hooks O365 calls after a refresh), serialised to JSON and written only through
`store.secrets`, so no token ever reaches the disk in clear text. One file per user
keeps colleagues' sign-ins apart: reading `outlook:ana@example.com` with Ana's own token
needs Ana's file, and removing her file signs her out. `rhythm login outlook` also records
who "me" is (`outlook:me`); `RHYTHM_OUTLOOK_USER` overrides that.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from O365.utils import BaseTokenBackend

from scheduler.errors import RhythmError
from store.secrets import data_dir, read_secret, write_secret

_EMAIL = re.compile(r"^[a-z0-9._%+'-]+@[a-z0-9.-]+\Z")
_DEFAULT = "default-user"


class TokenStore(BaseTokenBackend):
    """msal's token cache for one user, kept encrypted in one file (or in memory until
    a sign-in has said whose it is: `path` None)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path

    def __repr__(self) -> str:
        return f"TokenStore({self.path})"

    def load_token(self) -> bool:
        if self.path is None:
            return False
        plain = read_secret(self.path)
        if plain is None:
            return False
        self._cache = self.deserialize(plain.decode())
        return True

    def save_token(self, force: bool = False) -> bool:
        if self.path is None or not self._cache:
            return False
        if force or self._has_state_changed:
            write_secret(self.path, self.serialize().encode())
        return True

    def save_as(self, path: Path) -> None:
        """Persist a sign-in made in memory, now that we know whose it is."""
        self.path = path
        self.save_token(force=True)


def token_path(email: str) -> Path:
    return data_dir() / "tokens" / f"{mailbox_name(email)}.bin"


def account_token_path(tenant_id: str, object_id: str) -> Path:
    """Where a web sign-in's tokens are kept; both ids must be GUIDs (they become a file name)."""
    try:
        tenant, account = uuid.UUID(tenant_id), uuid.UUID(object_id)
    except (ValueError, TypeError, AttributeError):
        raise RhythmError("the Microsoft sign-in named no tenant and account id (tid, oid)") from None
    return data_dir() / "tokens" / "accounts" / f"{tenant}.{account}.bin"


def load_store(path: Path) -> TokenStore | None:
    """The token cache at `path`, loaded; None if nothing is kept there."""
    store = TokenStore(path)
    return store if store.load_token() else None


def mailbox_name(email: str) -> str:
    """An address as rhythm files it: lower case, and only if it is an address, since it
    becomes a file name."""
    name = email.strip().lower()
    if not _EMAIL.match(name):
        raise RhythmError(f"{email!r} is not an email address")
    return name


def store_for(email: str) -> TokenStore | None:
    """The user's stored sign-in, loaded; None if that user never signed in here."""
    return load_store(token_path(email))


def signed_in_users() -> list[str]:
    folder = data_dir() / "tokens"
    return sorted(p.stem for p in folder.glob("*.bin")) if folder.is_dir() else []


def default_user() -> str | None:
    """Who `outlook:me` is: RHYTHM_OUTLOOK_USER, else the last `rhythm login outlook`,
    else the only user signed in here."""
    configured = os.environ.get("RHYTHM_OUTLOOK_USER", "").strip()
    if configured:
        return mailbox_name(configured)
    marker = data_dir() / "tokens" / _DEFAULT
    if marker.exists():
        return marker.read_text(encoding="utf-8").strip() or None
    users = signed_in_users()
    return users[0] if len(users) == 1 else None


def remember_default_user(email: str) -> None:
    # Not a secret (an address), and the tokens themselves stay in the encrypted files.
    marker = data_dir() / "tokens" / _DEFAULT
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(mailbox_name(email) + "\n", encoding="utf-8")

