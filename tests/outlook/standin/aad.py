"""Entra ID's documents and answers, shaped as Microsoft documents them: the OpenID
configuration msal reads at start-up, the token response, and the AADSTS error body."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from datetime import UTC, datetime

from .http import Response
from .tenant import Grant, Tenant

AADSTS_ERRORS = {
    "authorization_pending": (
        70016,
        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
    ),
    "expired_token": (
        70020,
        "The provided value for the input parameter 'device_code' is not valid. "
        "This device code has expired.",
    ),
    "invalid_grant": (
        70000,
        "The provided value for the 'refresh_token' is not valid. "
        "The user could not be authenticated or the grant is expired or revoked.",
    ),
    "interaction_required": (
        50076,
        "Due to a configuration change made by your administrator, or because "
        "you moved to a new location, you must use multi-factor authentication "
        "to access the resource.",
    ),
    "unauthorized_client": (700016, "Application with identifier was not found in the directory."),
    "invalid_client": (
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
    "invalid_request": (900144, "The request body must contain the following parameter."),
}


def openid(tenant: Tenant, match: re.Match[str]) -> Response:
    base = f"{tenant.base_url}/{match['tenant']}"
    return Response(
        200,
        {
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "private_key_jwt",
                "client_secret_basic",
            ],
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{tenant.base_url}/{{tenantid}}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{base}/oauth2/v2.0/logout",
            "claims_supported": [
                "sub",
                "iss",
                "aud",
                "exp",
                "iat",
                "nonce",
                "preferred_username",
                "name",
                "tid",
                "ver",
                "oid",
            ],
            "tenant_region_scope": None,
            "cloud_instance_name": "microsoftonline.com",
            "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": "graph.microsoft.com",
        },
    )


def tokens(tenant: Tenant, grant: Grant, nonce: str | None = None) -> Response:
    user = tenant.users[grant.user]
    access, refresh = tenant.issue(grant)
    claims = {
        "aud": tenant.client_id,
        "iss": f"{tenant.base_url}/{tenant.tenant_id}/v2.0",
        "iat": int(time.time()),
        "nbf": int(time.time()),
        "exp": int(time.time()) + tenant.token_lifetime,
        "name": user.name,
        "oid": user.oid,
        "preferred_username": user.upn or user.email,
        "sub": user.oid,
        "tid": tenant.tenant_id,
        "ver": "2.0",
        **({"nonce": nonce} if nonce else {}),
    }
    body = {
        "token_type": "Bearer",
        "scope": " ".join(grant.scopes),
        "expires_in": tenant.token_lifetime,
        "ext_expires_in": tenant.token_lifetime,
        "access_token": access,
        "id_token": f"{_b64(json.dumps({'typ': 'JWT', 'alg': 'none'}))}.{_b64(json.dumps(claims))}.",
        "client_info": _b64(json.dumps({"uid": user.oid, "utid": tenant.tenant_id})),
    }
    if "offline_access" in grant.scopes:
        body["refresh_token"] = refresh
    return Response(200, body, {"Cache-Control": "no-store", "Pragma": "no-cache"})


def error(code: str, status: int) -> Response:
    number, text = AADSTS_ERRORS[code]
    trace, correlation = str(uuid.uuid4()), str(uuid.uuid4())
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    body = {
        "error": code,
        "error_description": f"AADSTS{number}: {text}\r\nTrace ID: {trace}\r\n"
        f"Correlation ID: {correlation}\r\nTimestamp: {stamp}",
        "error_codes": [number],
        "timestamp": stamp,
        "trace_id": trace,
        "correlation_id": correlation,
        "error_uri": f"https://login.microsoftonline.com/error?code={number}",
    }
    if code == "interaction_required":
        body["suberror"] = "basic_action"
    return Response(status, body)


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()
