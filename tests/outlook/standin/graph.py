"""Microsoft Graph v1.0, the calendar endpoints rhythm uses, with their permission checks.

Every request needs `Authorization: Bearer <token>` from the identity stand-in (401
InvalidAuthenticationToken when missing, expired or revoked); each mailbox serves at most
four requests at once (429 ApplicationThrottled, Outlook's MailboxConcurrency limit).
`/me/...` is the token's user; `/users/{address}/...` another mailbox, readable where its
owner shared the calendar (else 403 ErrorAccessDenied).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from . import events
from .calendar import instances, midnight, occurrence_id, occurrence_of, render, span, zone_of
from .http import Request, Response, Router
from .odata import BadRequest, expanded_property, graph_error, page, property_filter, selected, with_property
from .schedule import add_schedule_routes
from .tenant import PROFILE, READ, READ_SHARED, SETTINGS, WRITE, Grant, Tenant, User

MAILBOX = r"/v1\.0/(?:me|users/(?P<who>[^/]+))"
Inner = Callable[[Request, re.Match[str], User, User], Response]


class GraphApi:
    def __init__(self, tenant: Tenant, router: Router) -> None:
        self.tenant, self.router = tenant, router

    def add(
        self, method: str, rest: str, needs: set[str], inner: Inner, *, shared: set[str] | None = None
    ) -> None:
        """A route on a mailbox: `needs` for one's own, `shared` (if readable at all) for others'."""

        def handle(request: Request, match: re.Match[str]) -> Response:
            return self.call(request, match, needs, shared, inner)

        self.router.add(method, MAILBOX + rest, handle)

    def call(
        self, request: Request, match: re.Match[str], needs: set[str], shared: set[str] | None, inner: Inner
    ) -> Response:
        grant = self.grant(request)
        if isinstance(grant, Response):
            return grant
        caller = self.tenant.users[grant.user]
        owner = self.tenant.user(match["who"]) if match["who"] else caller
        if owner is None:
            return graph_error(404, "ErrorInvalidUser", f"The requested user '{match['who']}' is invalid.")
        allowed = needs if owner is caller else (shared if caller.email in owner.shared_with else None)
        if not allowed or not grant.permissions & allowed:
            return graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        with self.tenant.lock:
            if owner.in_flight >= 4:
                return graph_error(
                    429,
                    "ApplicationThrottled",
                    "Application is over its MailboxConcurrency limit.",
                    {"Retry-After": "1"},
                )
            owner.in_flight += 1
        try:
            with self.tenant.lock:
                return inner(request, match, caller, owner)
        except BadRequest as error:
            return graph_error(error.status, error.code, error.message)
        finally:
            with self.tenant.lock:
                owner.in_flight -= 1

    def grant(self, request: Request) -> Grant | Response:
        header = request.headers.get("authorization", "")
        token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        grant = self.tenant.access_tokens.get(token)
        challenge = {
            "WWW-Authenticate": f'Bearer realm="", authorization_uri="{self.tenant.base_url}'
            '/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'
        }
        if not token:
            return graph_error(401, "InvalidAuthenticationToken", "Access token is empty.", challenge)
        if grant is None or grant.user in self.tenant.revoked:
            return graph_error(
                401, "InvalidAuthenticationToken", "Access token validation failure.", challenge
            )
        if grant.expires_at < datetime.now().timestamp():
            return graph_error(
                401,
                "InvalidAuthenticationToken",
                "Lifetime validation failed, the token is expired.",
                challenge,
            )
        return grant


def add_graph_routes(router: Router, tenant: Tenant) -> None:
    api = GraphApi(tenant, router)
    api.add("GET", "", PROFILE, lambda r, m, c, o: Response(200, profile(tenant, o)))
    api.add(
        "GET",
        r"/(?:calendar/)?calendarView",
        READ,
        lambda r, m, c, o: calendar_view(tenant, r, o),
        shared=READ_SHARED,
    )
    api.add("GET", r"/(?:calendar/)?events", READ, lambda r, m, c, o: list_events(tenant, r, o))
    api.add(
        "GET",
        r"/(?:calendar/)?events/(?P<id>[^/]+)/instances",
        READ,
        lambda r, m, c, o: series_instances(tenant, r, m, o),
    )
    api.add("POST", r"/(?:calendar/)?events", WRITE, lambda r, m, c, o: created(tenant, r, o))
    api.add(
        "PATCH", r"/(?:calendar/)?events/(?P<id>[^/]+)", WRITE, lambda r, m, c, o: patched(tenant, r, m, o)
    )
    api.add("DELETE", r"/(?:calendar/)?events/(?P<id>[^/]+)", WRITE, lambda r, m, c, o: deleted(tenant, m, o))
    api.add(
        "GET",
        r"/mailboxSettings/timeZone",
        SETTINGS,
        lambda r, m, c, o: Response(
            200,
            {
                "@odata.context": f"{tenant.base_url}/v1.0/$metadata#users('"
                f"{o.oid}')/mailboxSettings/timeZone",
                "value": o.mailbox_zone,
            },
        ),
    )
    add_schedule_routes(api, tenant)


def profile(tenant: Tenant, user: User) -> dict[str, Any]:
    given, _, surname = user.name.partition(" ")
    return {
        "@odata.context": f"{tenant.base_url}/v1.0/$metadata#users/$entity",
        "businessPhones": [],
        "displayName": user.name,
        "givenName": given,
        "jobTitle": None,
        "mail": user.email,
        "mobilePhone": None,
        "officeLocation": None,
        "preferredLanguage": "en-US",
        "surname": surname,
        "userPrincipalName": user.upn or user.email,
        "id": user.oid,
    }


def calendar_view(tenant: Tenant, request: Request, owner: User) -> Response:
    try:
        start, end = (instant_param(request.query[name]) for name in ("startDateTime", "endDateTime"))
    except (KeyError, ValueError):
        return graph_error(
            400,
            "ErrorInvalidParameter",
            "This request requires a time window specified by the "
            "query string parameters StartDateTime and EndDateTime.",
        )
    found = [i for e in owner.events.values() for i in instances(e, start, end)]
    return collection(tenant, request, sorted(found, key=lambda e: span(e)[0]))


def list_events(tenant: Tenant, request: Request, owner: User) -> Response:
    wanted = property_filter(request)
    found = [
        e
        for e in owner.events.values()
        if wanted is None
        or any(
            pid.lower() == wanted[0].lower() and value.lower().startswith(wanted[1].lower())
            for pid, value in e["_props"].items()
        )
    ]
    return collection(tenant, request, found)


def created(tenant: Tenant, request: Request, owner: User) -> Response:
    event = events.create(tenant, owner, request.json())
    return Response(201, render(event, request.prefer("outlook.timezone"), None))


def series_instances(tenant: Tenant, request: Request, match: re.Match[str], owner: User) -> Response:
    """A series' occurrences and exceptions in a window (a single event: itself, if in it)."""
    try:
        start, end = (instant_param(request.query[name]) for name in ("startDateTime", "endDateTime"))
    except (KeyError, ValueError):
        return graph_error(
            400, "ErrorInvalidParameter", "This request requires a time window specified by the "
            "query string parameters StartDateTime and EndDateTime."
        )
    found = list(instances(_event(owner, match["id"]), start, end))
    return collection(tenant, request, sorted(found, key=lambda e: span(e)[0]))


def patched(tenant: Tenant, request: Request, match: re.Match[str], owner: User) -> Response:
    occurrence = _occurrence(owner, match["id"])
    if occurrence is not None:
        events.change_occurrence(tenant, occurrence[0], occurrence[1], request.json())
        return Response(200, render(_instance(occurrence[0], occurrence[1]), None, None))
    event = _event(owner, match["id"])
    return Response(200, render(events.update(tenant, owner, event, request.json()), None, None))


def deleted(tenant: Tenant, match: re.Match[str], owner: User) -> Response:
    occurrence = _occurrence(owner, match["id"])
    if occurrence is not None:
        events.cancel_occurrence(tenant, *occurrence)
        return Response(204)
    events.delete(tenant, owner, _event(owner, match["id"]))
    return Response(204)


def _occurrence(owner: User, event_id: str) -> tuple[dict[str, Any], date] | None:
    """(the series master, the original date) when `event_id` names one of its occurrences
    that is still there (a deleted occurrence is not found, as in Graph)."""
    parts = occurrence_of(event_id)
    if parts is None or parts[0] not in owner.events:
        return None
    master = owner.events[parts[0]]
    if master.get("type") != "seriesMaster" or _instance(master, parts[1]) is None:
        raise BadRequest("ErrorItemNotFound", "The specified object was not found in the store.", 404)
    return master, parts[1]


def _instance(master: dict[str, Any], day: date) -> dict[str, Any] | None:
    wanted = occurrence_id(master["id"], day)
    utc = ZoneInfo("UTC")  # a window wide enough for any zone and a move within the week
    whole = (midnight(day - timedelta(days=8), utc), midnight(day + timedelta(days=9), utc))
    return next((i for i in instances(master, *whole) if i["id"] == wanted), None)


def _event(owner: User, event_id: str) -> dict[str, Any]:
    if event_id not in owner.events:
        raise BadRequest("ErrorItemNotFound", "The specified object was not found in the store.", 404)
    return owner.events[event_id]


def collection(tenant: Tenant, request: Request, found: list[dict[str, Any]]) -> Response:
    zone, body = request.prefer("outlook.timezone"), request.prefer("outlook.body-content-type")
    wanted = expanded_property(request)
    items = [selected(with_property(render(e, zone, body), e, wanted), request) for e in found]
    answer = page(items, request, f"{tenant.base_url}{request.path}", tenant.page_size)
    headers = {"Preference-Applied": f'outlook.timezone="{zone}"'} if zone and zone_of(zone) else {}
    return Response(200, answer, headers)


def instant_param(text: str) -> datetime:
    """A query-string instant: with its offset, or UTC without one (as Graph reads it)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
