"""The HTTP API: `POST /api/v1/plans` takes a v1 request and answers 202 with the job's URL;
`GET` on that URL gives the status and, when done, the v1 plan. A team's bearer token opens it.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from connectors.ics.minimise import minimise_request
from scheduler.errors import CalendarError, Problem, RequestError
from scheduler.request import parse_request
from scheduler.request.read import decode_json
from scheduler.request.size import size_problem
from store.models import ApiToken, Job, Team, utcnow

from ..caldav_access import caldav_problems, team_collections
from ..clock import this_monday
from ..db import get_db
from ..errors import api_error
from ..feed_policy import address_problems
from ..forms.plan import week_problem
from ..jobs import retry_after, start_job
from ..leases import cancel, expire
from ..openapi import SCHEMAS, openapi_document, schema_text
from ..outlook_access import outlook_problems, team_mailboxes
from ..quota import quota_refusal
from ..secret_tokens import digest

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PUBLIC = {"api.openapi", "api.schema"}
Answer = Response | tuple[Response, int] | tuple[Response, int, dict[str, str]]


@bp.before_request
def authenticate() -> Answer | None:
    """Every call but the description carries `Authorization: Bearer TOKEN`."""
    if request.endpoint in PUBLIC:
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    found = None
    if scheme.lower() == "bearer" and token.strip():
        found = get_db().scalar(select(ApiToken).where(ApiToken.digest == digest(token.strip())))
    if found is None:
        answer, status = api_error(401, "send 'Authorization: Bearer TOKEN' with a valid team API token "
                                        "(a manager creates one on the team page)", "Authorization")
        answer.headers["WWW-Authenticate"] = 'Bearer realm="rhythm"'
        return answer, status
    found.last_used_at = utcnow()
    get_db().commit()
    g.api_team = get_db().get(Team, found.team_id)
    return None


@bp.post("/plans")
def create_plan() -> Answer:
    """Check the request now, solve it in the background."""
    if not request.is_json:
        return api_error(400, "send the v1 request as a JSON object (Content-Type: application/json)")
    try:
        # Decoded here, not by get_json: a hostile body (100 000 "[") must be a 400, not a 500.
        data = decode_json(request.get_data(), "request body")
    except RequestError as error:
        problem = error.problems[0]
        if len(error.problems) > 1 or not problem.path.startswith("request body"):
            return _problems(error)  # readable JSON holding a value no request can (a field's)
        return api_error(400, "send the v1 request as a JSON object (Content-Type: application/json); "
                              f"{problem.path}: {problem.message}", problem.path)
    if not isinstance(data, dict):
        return api_error(400, "send the v1 request as a JSON object (Content-Type: application/json)")
    config = current_app.config
    for key, limit in (("members", config["MAX_MEMBERS"]), ("meetings", config["MAX_MEETINGS"])):
        if isinstance(data.get(key), list) and len(data[key]) > limit:
            return api_error(400, f"at most {limit} {key} per request", key)
    time_limit = _time_limit(request.args.get("time_limit"))
    if isinstance(time_limit, str):
        return api_error(400, time_limit, "time_limit")
    try:
        parsed = parse_request(data)  # base_dir None: file paths are refused, with the field's path
        too_big = size_problem(parsed, config["MAX_MODEL_CHOICES"])
        # A typo'd year (2019 for 2026) is refused; a past week is the client's own (an API plan
        # replaces no team's week), so it needs no confirmation here.
        far = week_problem(parsed.week, this_monday(parsed.timezone), True,
                           timedelta(weeks=config["PLAN_WEEKS_AWAY"]))
        refused = [*([Problem("week", far)] if far else []), *([too_big] if too_big else []),
                   *address_problems(data, config),
                   *outlook_problems(data, team_mailboxes(get_db(), g.api_team.id)),
                   *caldav_problems(data, team_collections(get_db(), g.api_team.id))]
        if refused:
            raise RequestError(refused)
        data = minimise_request(data)  # only what planning reads is stored
    except RequestError as error:
        return _problems(error)
    except CalendarError as error:
        return api_error(400, str(error), _error_json(str(error))["path"])
    db, team = get_db(), g.api_team
    wait = retry_after(db, team)
    if wait is not None:
        db.rollback()
        answer, status = api_error(429, f"this team may start {config['SOLVES_PER_MINUTE']} solves a "
                                        f"minute; try again in {wait} s")
        return answer, status, {"Retry-After": str(wait)}
    refused_now = quota_refusal(db, team, config)
    if refused_now is not None:
        db.rollback()
        answer, status = api_error(429, refused_now)
        return answer, status, {"Retry-After": "60"}
    job = start_job(db, team, "api", data, {"time_limit": time_limit})
    location = url_for("api.job", job_id=job.id)
    return jsonify(_job_json(job)), 202, {"Location": location}


@bp.get("/jobs/<job_id>")
def job(job_id: str) -> Answer:
    """The job's status; the plan once done, the errors if it failed."""
    expire(get_db())  # a job whose worker was lost is failed, not running for ever
    found = get_db().get(Job, job_id)
    if found is None or found.team_id != g.api_team.id:
        return api_error(404, "no such job for this team")
    return jsonify(_job_json(found))


@bp.delete("/jobs/<job_id>")
def cancel_job(job_id: str) -> Answer:
    """Cancel a waiting or running job: its solve process is killed, nothing is stored."""
    db = get_db()
    found = db.get(Job, job_id)
    if found is None or found.team_id != g.api_team.id:
        return api_error(404, "no such job for this team")
    cancel(db, found)  # a job that has ended stays as it ended
    db.refresh(found)
    return jsonify(_job_json(found))


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI description of this API."""
    base = url_for("api.schema", name=SCHEMAS[0]).rsplit("/", 1)[0] + "/"
    return jsonify(openapi_document(base))


@bp.get("/schemas/<name>")
def schema(name: str) -> Answer:
    """The published JSON Schemas of the v1 request and plan."""
    if name not in SCHEMAS:
        return api_error(404, f"no schema {name}; there are {', '.join(SCHEMAS)}")
    return Response(schema_text(name), mimetype="application/schema+json")


def _problems(error: RequestError) -> tuple[Response, int]:
    return jsonify({"errors": [{"path": p.path, "message": p.message} for p in error.problems]}), 400


def _time_limit(raw: str | None) -> float | str | None:
    if raw is None:
        return None
    maximum = current_app.config["MAX_TIME_LIMIT"]
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= maximum:
        return f"{raw!r} is not a number of seconds between 0 and {maximum:g}"
    return value


def _job_json(job: Job) -> dict[str, Any]:
    data: dict[str, Any] = {"id": job.id, "status": job.status, "url": url_for("api.job", job_id=job.id)}
    if job.status == "done" and job.result_json:
        data["plan"] = json.loads(job.result_json)
    if job.status in ("failed", "cancelled"):
        data["errors"] = [_error_json(job.error or "the plan failed")]
    return data


def _error_json(message: str) -> dict[str, str]:
    # Calendar errors name their source as "members[0].calendars[1] (inline): ...": a path.
    match = re.match(r"^(members\[\d+\]\.calendars\[\d+\])(?: \(.*?\))?(?:, line \d+)?: ", message)
    return {"path": match.group(1) if match else "", "message": message}
