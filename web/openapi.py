"""The OpenAPI 3.1 description of the API. The request and plan bodies are the published
JSON Schemas themselves, served beside it and referenced, so the two never drift apart."""

from __future__ import annotations

from importlib import resources
from typing import Any

SCHEMAS = ("request.v1.json", "plan.v1.json")


def schema_text(name: str) -> str:
    return resources.files("scheduler").joinpath("schemas", name).read_text(encoding="utf-8")


def openapi_document(schemas_base: str) -> dict[str, Any]:
    def ref(name: str) -> dict[str, str]:
        return {"$ref": schemas_base + name}

    error = {"description": "Errors, each with the field's path and a message",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}
    job = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "rhythm", "version": "1",
                 "description": "Plan a hybrid team's week: meetings, lunch, focus, office days. "
                                "Solves run in the background: POST a request, then poll the job."},
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/plans": {"post": {
                "summary": "Plan a week", "operationId": "createPlan",
                "parameters": [{"name": "time_limit", "in": "query", "required": False,
                                "description": "Seconds the solver may search (bounded by the server).",
                                "schema": {"type": "number", "exclusiveMinimum": 0}}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": ref("request.v1.json")}}},
                "responses": {
                    "202": {**job, "description": "Accepted; poll the job",
                            "headers": {"Location": {"schema": {"type": "string"},
                                                     "description": "The job's URL"}}},
                    "400": error, "401": error, "413": error,
                    "429": {**error, "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
                }}},
            "/api/v1/jobs/{job_id}": {"get": {
                "summary": "A plan job's status, and its plan when done", "operationId": "getJob",
                "parameters": [{"name": "job_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": {**job, "description": "The job"}, "401": error, "404": error}},
                "delete": {
                "summary": "Cancel a waiting or running job: its solve is stopped, nothing is stored",
                "operationId": "cancelJob",
                "parameters": [{"name": "job_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": {**job, "description": "The job, cancelled (or as it ended)"},
                              "401": error, "404": error}}},
            "/api/v1/members/{member_id}/data": _member_data(error),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "A team's API token"}},
            "schemas": {
                "Job": {"type": "object", "required": ["id", "status", "url"], "properties": {
                    "id": {"type": "string"}, "url": {"type": "string"},
                    "status": {"enum": ["queued", "running", "done", "failed", "cancelled"]},
                    "plan": ref("plan.v1.json"),
                    "errors": {"$ref": "#/components/schemas/Errors/properties/errors"}}},
                "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {
                    "type": "array", "items": {"type": "object", "required": ["path", "message"],
                                               "properties": {"path": {"type": "string"},
                                                              "message": {"type": "string"}}}}}},
            },
        },
    }


def _member_data(error: dict[str, Any]) -> dict[str, Any]:
    """A member's data (GDPR), for a team's manager answering the member's request."""
    member = [{"name": "member_id", "in": "path", "required": True, "schema": {"type": "string"},
               "description": "The member's id in the team (the v1 member id)"}]
    found = {"content": {"application/json": {"schema": {"type": "object"}}}}
    return {
        "get": {"summary": "Everything kept about a member of this team", "operationId": "exportMember",
                "parameters": member,
                "responses": {"200": {**found, "description": "The member's data"}, "401": error,
                              "404": error}},
        "delete": {"summary": "Erase a member's calendar data (uploaded calendar, address, "
                              "subscription, calendars in stored plans and jobs)",
                   "operationId": "eraseMember", "parameters": member,
                   "responses": {"200": {**found, "description": "Erased"}, "401": error, "404": error}},
    }
