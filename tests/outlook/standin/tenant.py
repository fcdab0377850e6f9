"""The stand-in's state: one Entra ID tenant with its users, their mailboxes and its tokens."""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

# Graph's permission names as a token carries them, without the resource in front.
READ = {"Calendars.Read", "Calendars.ReadWrite"}
READ_SHARED = {"Calendars.Read.Shared", "Calendars.ReadWrite.Shared"}
WRITE = {"Calendars.ReadWrite"}
SETTINGS = {"MailboxSettings.Read", "MailboxSettings.ReadWrite"}
PROFILE = {"User.Read"}
RESERVED = {"openid", "profile", "offline_access", "email"}


@dataclass
class User:
    email: str
    name: str
    mailbox_zone: str = "W. Europe Standard Time"
    oid: str = field(default_factory=lambda: str(uuid.uuid4()))
    upn: str = ""
    shared_with: set[str] = field(default_factory=set)  # who may read this calendar in full
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    work_plan: list[dict[str, Any]] = field(default_factory=list)  # workPlanOccurrences
    in_flight: int = 0  # requests being served for this mailbox now


@dataclass
class Grant:
    user: str
    scopes: list[str]  # as the client asked for them
    expires_at: float = 0.0

    @property
    def permissions(self) -> set[str]:
        return {scope.rsplit("/", 1)[-1] for scope in self.scopes} - RESERVED


@dataclass
class DeviceLogin:
    scopes: list[str]
    polls: int = 0  # signed in once `browser_user` is set and `pending_polls` have passed


@dataclass
class Tenant:
    base_url: str
    tenant_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    client_secret: str | None = None
    public_client_flows: bool = True
    redirect_uris: set[str] = field(default_factory=set)
    users: dict[str, User] = field(default_factory=dict)
    access_tokens: dict[str, Grant] = field(default_factory=dict)
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)
    device_logins: dict[str, DeviceLogin] = field(default_factory=dict)
    auth_codes: dict[str, tuple[Grant, dict[str, str]]] = field(default_factory=dict)
    revoked: dict[str, str] = field(default_factory=dict)  # user -> invalid_grant | interaction_required
    browser_user: str | None = None  # who signs in when a browser reaches the sign-in pages
    pending_polls: int = 0  # device-code polls answered "authorization_pending" first
    token_lifetime: int = 3600
    page_size: int = 10  # Graph's default page of events
    lock: threading.RLock = field(default_factory=threading.RLock)

    def user(self, address: str) -> User | None:
        return self.users.get(address.lower())

    def issue(self, grant: Grant) -> tuple[str, str]:
        """A new access token (opaque to clients, as Graph's are) and refresh token."""
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(48)
        issued = Grant(grant.user, grant.scopes, time.time() + self.token_lifetime)
        self.access_tokens[access] = issued
        self.refresh_tokens[refresh] = issued
        return access, refresh

    def expire_access_tokens(self) -> None:
        for grant in self.access_tokens.values():
            grant.expires_at = 0.0
