"""Error answers: a page for people, JSON with a path and a message for API clients."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from i18n import N_

# API clients read these in English (the contract's language); people read them in theirs.
MESSAGES = {
    400: N_("The request could not be understood."),
    401: N_("Sign in first: send 'Authorization: Bearer TOKEN' with a team's API token."),
    403: N_("You may not do this."),
    404: N_("There is nothing here, or it is not yours to see."),
    405: N_("This address does not take that method."),
    413: N_("That is too large: uploads may be at most 1 MiB per calendar, requests 4 MiB."),
    429: N_("Too many requests; wait a little and try again."),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, message: str, path: str = "") -> tuple[Response, int]:
    return jsonify({"errors": [{"path": path, "message": message}]}), status


def csrf_failed(error: CSRFError) -> tuple[str, int]:
    reason = _("The form expired or did not come from this site; go back, reload the page and try again.")
    return render_template("errors/400.html", reason=reason), 400


def http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
    status = error.code or 500
    if status < 400:
        return error
    message = MESSAGES.get(status, error.description or "")
    if wants_json():
        answer, status = api_error(status, message)
        if status == 401:
            answer.headers["WWW-Authenticate"] = 'Bearer realm="rhythm"'
        return answer, status
    return render_template("errors/page.html", status=status, message=_(message) if message else ""), status


def unexpected(error: Exception) -> tuple[Response | str, int]:
    if isinstance(error, HTTPException):
        return http_error(error)  # type: ignore[return-value]
    # Logged with its traceback for the operator; the person sees a sentence.
    # The route, never the path: a feed's path is its secret token.
    route = request.url_rule.rule if request.url_rule else "an unknown route"
    current_app.logger.exception("unexpected error on %s %s", request.method, route)
    message = N_("Something went wrong on our side; it has been logged.")
    if wants_json():
        return api_error(500, message)
    return render_template("errors/page.html", status=500, message=_(message)), 500
