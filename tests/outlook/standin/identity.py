"""Microsoft Entra ID's v2.0 endpoints as msal uses them, shapes as Microsoft documents them.

- GET  /{tenant}/v2.0/.well-known/openid-configuration  (msal reads it when it starts)
- POST /{tenant}/oauth2/v2.0/devicecode                 (device code flow, RFC 8628)
- GET  /{tenant}/oauth2/v2.0/authorize                  (the browser: signs in `browser_user`)
- POST /{tenant}/oauth2/v2.0/token  device_code, authorization_code (PKCE S256), refresh_token
Errors are `{"error", "error_description": "AADSTS...", "error_codes", ...}` with 400.
The id token is a JWT msal decodes but, like every msal since 1.38, does not verify; it is
left unsigned here (`alg: none`).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import uuid
from urllib.parse import urlencode

from .aad import error, openid, tokens
from .http import Request, Response, Router
from .tenant import DeviceLogin, Grant, Tenant


def add_identity_routes(router: Router, tenant: Tenant) -> None:
    tenant_path = r"/(?P<tenant>[^/]+)"
    router.add(
        "GET", tenant_path + r"/v2\.0/\.well-known/openid-configuration", lambda r, m: openid(tenant, m)
    )
    router.add("POST", tenant_path + r"/oauth2/v2\.0/devicecode", lambda r, m: device_code(tenant, r, m))
    router.add("GET", tenant_path + r"/oauth2/v2\.0/authorize", lambda r, m: authorize(tenant, r))
    router.add("POST", tenant_path + r"/oauth2/v2\.0/token", lambda r, m: token(tenant, r))


def device_code(tenant: Tenant, request: Request, match: re.Match[str]) -> Response:
    form = request.form()
    if form.get("client_id") != tenant.client_id:
        return error("unauthorized_client", 400)
    if not tenant.public_client_flows:
        return error("invalid_client", 401)
    code, user_code = secrets.token_urlsafe(40), secrets.token_hex(4).upper()
    with tenant.lock:
        tenant.device_logins[code] = DeviceLogin(form.get("scope", "").split())
    uri = f"{tenant.base_url}/devicelogin"
    return Response(
        200,
        {
            "user_code": user_code,
            "device_code": code,
            "verification_uri": uri,
            "expires_in": 900,
            "interval": 1,
            "message": f"To sign in, use a web browser to open the page {uri} and enter the code "
            f"{user_code} to authenticate.",
        },
    )


def authorize(tenant: Tenant, request: Request) -> Response:
    query = request.query
    redirect = query.get("redirect_uri", "")
    if query.get("client_id") != tenant.client_id or redirect not in tenant.redirect_uris:
        return Response(
            400,
            b"AADSTS50011: The redirect URI specified in the request does not match.",
            {"Content-Type": "text/html"},
        )
    code = secrets.token_urlsafe(40)
    with tenant.lock:
        tenant.auth_codes[code] = (
            Grant(str(tenant.browser_user), query.get("scope", "").split()),
            dict(query),
        )
    answer = {"code": code, "state": query.get("state", ""), "session_state": str(uuid.uuid4())}
    return Response(302, None, {"Location": f"{redirect}?{urlencode(answer)}"})


def token(tenant: Tenant, request: Request) -> Response:
    form = request.form()
    if form.get("client_id") != tenant.client_id:
        return error("unauthorized_client", 400)
    if tenant.client_secret and form.get("client_secret") != tenant.client_secret:
        return error("invalid_client", 401)
    with tenant.lock:
        grant_type = form.get("grant_type", "")
        if grant_type == "urn:ietf:params:oauth:grant-type:device_code":
            return _device_grant(tenant, form)
        if grant_type == "refresh_token":
            return _refresh_grant(tenant, form)
        if grant_type == "authorization_code":
            return _code_grant(tenant, form)
    return error("invalid_request", 400)


def _device_grant(tenant: Tenant, form: dict[str, str]) -> Response:
    login = tenant.device_logins.get(form.get("device_code", ""))
    if login is None:
        return error("expired_token", 400)
    login.polls += 1
    if tenant.browser_user is None or login.polls <= tenant.pending_polls:
        return error("authorization_pending", 400)
    del tenant.device_logins[form["device_code"]]
    return tokens(tenant, Grant(tenant.browser_user, login.scopes))


def _refresh_grant(tenant: Tenant, form: dict[str, str]) -> Response:
    grant = tenant.refresh_tokens.get(form.get("refresh_token", ""))
    if grant is None:
        return error("invalid_grant", 400)
    if grant.user in tenant.revoked:
        return error(tenant.revoked[grant.user], 400)
    return tokens(tenant, Grant(grant.user, form.get("scope", "").split() or grant.scopes))


def _code_grant(tenant: Tenant, form: dict[str, str]) -> Response:
    grant, asked = tenant.auth_codes.pop(form.get("code", ""), (None, {}))
    if grant is None or form.get("redirect_uri") != asked.get("redirect_uri"):
        return error("invalid_grant", 400)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
    if challenge.rstrip(b"=").decode() != asked.get("code_challenge"):
        return error("invalid_grant", 400)  # AADSTS501481: the code verifier does not match
    return tokens(tenant, grant, nonce=asked.get("nonce"))
