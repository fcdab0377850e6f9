"""Outlook / Microsoft 365 calendars through Microsoft Graph, with O365 over msal.

Read a member's week (`pull.read_outlook`, the `outlook:` reader of `connectors.sources`),
write their planned blocks (`push.open_sink`, the `outlook:` sink of `connectors.sync.sinks`),
and sign in (`auth`). One module per job: `settings` (environment), `tokens` (encrypted
token caches per user), `apps` (msal application, fresh tokens), `graph` (requests through
O365: throttling, paging, errors), `access` (whose sign-in reaches which mailbox), `times`
(dateTimeTimeZone), `busy` / `freebusy` / `workplan` (what Outlook's availability means),
`marks` and `payload` (how rhythm's own events look and are recognised).
"""

from __future__ import annotations

from .pull import read_outlook

__all__ = ["read_outlook"]
