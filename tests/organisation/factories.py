"""Small organisations built in code: two or three teams, members without calendars."""

from __future__ import annotations

from typing import Any

from organisation.domain import OrgRequest
from organisation.request import parse_org

WEEK = "2026-11-30"


def team(name: str, members: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "team": name,
        "timezone": "Europe/Amsterdam",
        "week": WEEK,
        "rules": {"office_days": {"min": 2, "max": 3}},
        "members": [{"id": m, "name": m.title(), "email": f"{m}@example.com"} for m in members],
        "meetings": [
            {"id": "sync", "title": f"{name} sync", "minutes": 25, "attendees": "all", "where": "office"}
        ],
        **extra,
    }


def org(teams: list[dict[str, Any]], desks: int = 100, **extra: Any) -> OrgRequest:
    return parse_org(
        {
            "version": 1,
            "organisation": "acme",
            "timezone": "Europe/Amsterdam",
            "week": WEEK,
            "buildings": [{"id": "utrecht", "desks": desks}],
            "teams": [{"building": "utrecht", "request": t} for t in teams],
            **extra,
        }
    )


def plan(
    name: str,
    office_days: dict[str, list[str]],
    meetings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "version": 1,
        "team": name,
        "week": WEEK,
        "timezone": "Europe/Amsterdam",
        "status": "optimal",
        "meetings": meetings or [],
        "lunches": [],
        "focus": [],
        "office_days": office_days,
        "unplaced": [],
        "metrics": {"meetings_requested": 0, "meetings_placed": 0, "office_pair_days": 0},
    }


def summary(affinities: list[dict[str, Any]]) -> dict[str, Any]:
    return {"affinities": affinities}
