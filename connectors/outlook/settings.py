"""Where rhythm signs in and which Microsoft Graph it talks to, read from the environment.

- `RHYTHM_CLIENT_ID`: the application (client) id of rhythm's app registration in
  Microsoft Entra ID. Required; there is no default, since every organisation registers
  its own app.
- `RHYTHM_CLIENT_SECRET`: only for the web app's sign-in, when its redirect URI is
  registered under the "Web" platform (Entra ID then wants the app to prove itself).
- `RHYTHM_TENANT_ID`: the Directory (tenant) id of the organisation. The web app accepts
  sign-ins of this tenant only, and it makes the authority single-tenant by default.
- `RHYTHM_AUTHORITY` (default https://login.microsoftonline.com/<RHYTHM_TENANT_ID>, or
  .../common for the command line when no tenant is set) and
  `RHYTHM_GRAPH_URL` (default https://graph.microsoft.com): a national cloud is one
  change of these two, e.g. https://login.microsoftonline.us/<tenant> with
  https://graph.microsoft.us.
- `RHYTHM_TENTATIVE_BUSY` (default true): whether tentative events block a member.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

# msal's own list: the hosts it trusts without asking Microsoft's instance discovery.
from msal.authority import WELL_KNOWN_AUTHORITY_HOSTS

from scheduler.errors import RhythmError

DEFAULT_GRAPH_URL = "https://graph.microsoft.com"
DEFAULT_AUTHORITY = "https://login.microsoftonline.com/common"
SINGLE_TENANT_AUTHORITY = "https://login.microsoftonline.com/{tenant}"
# Delegated permissions, least privilege for what rhythm does: write its blocks into the
# signed-in user's calendar and read their work plan (Calendars.ReadWrite covers the
# Calendars.Read that workHoursAndLocations and getSchedule ask for), read colleagues'
# calendars they shared (Calendars.Read.Shared), the mailbox's time zone for all-day
# events (MailboxSettings.Read) and who signed in (User.Read). msal adds offline_access
# (refresh tokens), openid and profile itself and refuses them in this list.
SCOPE_NAMES = ("Calendars.ReadWrite", "Calendars.Read.Shared", "MailboxSettings.Read", "User.Read")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class OutlookSettings:
    client_id: str
    graph_url: str = DEFAULT_GRAPH_URL
    authority: str = DEFAULT_AUTHORITY
    client_secret: str | None = None
    tentative_busy: bool = True
    tenant_id: str | None = None

    @property
    def scopes(self) -> list[str]:
        """The permissions to ask for, named for this cloud's Graph."""
        if self.graph_url == DEFAULT_GRAPH_URL:
            return list(SCOPE_NAMES)
        # Another cloud's Graph is another resource: its scopes carry its address.
        return [f"{self.graph_url}/{name}" for name in SCOPE_NAMES]

    @property
    def authority_known_to_microsoft(self) -> bool:
        """Whether msal may check the authority with Microsoft's instance discovery.

        msal asks login.microsoftonline.com to vouch for any other host; an operator who
        configured a private authority (ADFS, Azure Stack, a test stand-in) vouches for it.
        """
        return urlparse(self.authority).hostname in WELL_KNOWN_AUTHORITY_HOSTS


def settings_from_env(environ: Mapping[str, str] = os.environ) -> OutlookSettings:
    client_id = environ.get("RHYTHM_CLIENT_ID", "").strip()
    if not client_id:
        raise RhythmError("RHYTHM_CLIENT_ID is not set: Outlook needs the application (client) id "
                          "of rhythm's app registration in Microsoft Entra ID "
                          "(see connectors/outlook/README.md)")
    tenant = tenant_from(environ)
    return OutlookSettings(
        client_id=client_id,
        graph_url=_https_url(environ, "RHYTHM_GRAPH_URL", DEFAULT_GRAPH_URL),
        authority=_https_url(environ, "RHYTHM_AUTHORITY",
                             SINGLE_TENANT_AUTHORITY.format(tenant=tenant) if tenant else DEFAULT_AUTHORITY),
        client_secret=environ.get("RHYTHM_CLIENT_SECRET") or None,
        tentative_busy=_flag(environ, "RHYTHM_TENTATIVE_BUSY", default=True),
        tenant_id=tenant,
    )


def tenant_from(environ: Mapping[str, str]) -> str | None:
    """RHYTHM_TENANT_ID as the id tokens' `tid` says it (a GUID in lower case), or None."""
    value = environ.get("RHYTHM_TENANT_ID", "").strip()
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise RhythmError(f"RHYTHM_TENANT_ID={value!r}: give the Directory (tenant) ID, a GUID like "
                          "72f988bf-86f1-41af-91ab-2d7cd011db47 (Entra admin center > Overview)") from None


def _https_url(environ: Mapping[str, str], name: str, default: str) -> str:
    value = (environ.get(name) or default).strip().rstrip("/")
    parsed = urlparse(value)
    # Tokens travel to these addresses: never in clear text.
    if parsed.scheme != "https" or not parsed.hostname:
        raise RhythmError(f"{name}={value!r}: give an https:// address, e.g. {default}")
    return value


def _flag(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise RhythmError(f"{name}={environ[name]!r}: give true or false")
