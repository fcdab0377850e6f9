"""A local stand-in of Microsoft Graph (calendar) and Entra ID (sign-in), for tests.

It follows the request and response shapes Microsoft documents (see `identity`, `graph`,
`schedule`, `events`, `odata`), keeps every mailbox in memory so a test can look at a
calendar after a sync, and lets a test break things on purpose: revoked consent, expired
tokens, a 500 on the third POST, 429 with Retry-After. `StandIn` is what tests use.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from . import events
from .graph import add_graph_routes
from .http import Fault, Response, Router, serve
from .identity import add_identity_routes
from .odata import graph_error
from .tenant import Tenant, User
from .tls import TlsFiles


class StandIn:
    def __init__(self, tls: TlsFiles) -> None:
        self.router = Router()
        self.server, self.url = serve(self.router, tls)
        self.tenant = Tenant(self.url)
        add_identity_routes(self.router, self.tenant)
        add_graph_routes(self.router, self.tenant)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # People and their calendars

    def add_user(
        self, email: str, name: str, *, zone: str = "W. Europe Standard Time", upn: str = ""
    ) -> User:
        user = User(email.lower(), name, zone, upn=upn)
        self.tenant.users[user.email] = user
        return user

    def add_event(self, owner: str, **fields: Any) -> dict[str, Any]:
        """An event as a person (or another app) would create it from a Graph event body;
        returns a copy of it as stored."""
        with self.tenant.lock:
            return copy.deepcopy(events.create(self.tenant, self.tenant.users[owner], fields))

    def delete_event(self, owner: str, event_id: str) -> None:
        """The owner deletes an event (an organiser's delete cancels it for the attendees)."""
        with self.tenant.lock:
            user = self.tenant.users[owner]
            events.delete(self.tenant, user, user.events[event_id])

    def delete_occurrence(self, owner: str, series_id: str, day: str) -> None:
        """The owner deletes one occurrence of a recurring series."""
        with self.tenant.lock:
            self.tenant.users[owner].events[series_id].setdefault("_cancelled", []).append(day)

    def share(self, owner: str, *, with_user: str) -> None:
        self.tenant.users[owner].shared_with.add(with_user)

    def plan_work(self, owner: str, *occurrences: dict[str, Any]) -> None:
        self.tenant.users[owner].work_plan.extend(occurrences)

    def events_of(self, owner: str) -> list[dict[str, Any]]:
        """The mailbox's stored events, as the test checks them (series unexpanded)."""
        with self.tenant.lock:
            return copy.deepcopy(list(self.tenant.users[owner].events.values()))

    # Sign-in

    def sign_in_as(self, email: str | None) -> None:
        """Who signs in when a browser reaches the sign-in page (device code or redirect)."""
        self.tenant.browser_user = email

    def revoke(self, email: str, error: str = "invalid_grant") -> None:
        """The user withdrew consent (or an admin did): tokens stop working."""
        self.tenant.revoked[email] = error

    # Trouble on purpose

    def fail(
        self,
        method: str,
        path: str,
        *,
        status: int = 500,
        nth: int = 1,
        times: int = 1,
        after: bool = False,
        retry_after: int | None = None,
    ) -> None:
        """Answer the nth request matching `path` (a regex) with `status`; `after`: once the
        request has taken effect (the answer is lost on the way back)."""
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        code = {429: "TooManyRequests", 503: "ServiceUnavailable"}.get(status, "InternalServerError")
        message = (
            "Please retry again later." if status in (429, 503) else "An internal server error occurred."
        )
        response: Response = graph_error(status, code, message, headers)
        self.router.faults.append(Fault(method, re.compile(path), response, nth, times, after))

    def requests(self, method: str | None = None, path: str = "") -> list[tuple[str, str, int]]:
        """What the clients asked for so far: (method, path, status)."""
        with self.router.lock:
            return [
                r for r in self.router.seen if (method is None or r[0] == method) and re.search(path, r[1])
            ]
