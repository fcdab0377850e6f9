"""Everything rhythm keeps of one person of a team, found and erased across every row that
holds it: the team's jobs (request and result), its stored plans (request, plan and the
plan's calendar warnings, which quote calendar lines) and the organisation's coffee pairs.

A person is a member id within a team: a member the web knows (`store.models.Member`), or
one only ever sent through the API, who lives in job rows alone. Flask-free: the views in
`web/views/member_data.py` call it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from i18n import N_
from store.models import CalendarSnapshot, CoffeePair, Job, Member, StoredPlan

# The parts of a v1 plan keyed by member id that come from the member's calendars.
CALENDAR_PARTS = ("busy", "days_off", "calendar_warnings")
# The parts of a member's request entry that come from their calendars.
CALENDAR_FIELDS = ("calendars", "busy")


def rows(db: Session, team_id: int) -> Iterator[Job | StoredPlan]:
    """The team's rows that may hold a person's data, oldest first."""
    yield from db.scalars(select(Job).where(Job.team_id == team_id).order_by(Job.created_at))
    yield from db.scalars(select(StoredPlan).where(StoredPlan.team_id == team_id)
                          .order_by(StoredPlan.created_at))


def entry_of(request_json: str | None, key: str) -> dict[str, Any] | None:
    """The person's entry in a stored v1 request, as it was sent."""
    members = _loads(request_json).get("members") or []
    return next((m for m in members if isinstance(m, dict) and m.get("id") == key), None)


def is_known(db: Session, team_id: int, key: str) -> bool:
    """Whether any of the team's jobs or stored plans names this person."""
    return any(entry_of(row.request_json, key) is not None for row in rows(db, team_id))


def emails_of(db: Session, team_id: int, key: str, known: str | None = None) -> set[str]:
    """The person's addresses: the member's own and every one their requests gave."""
    found = {known.lower()} if known else set()
    for row in rows(db, team_id):
        entry = entry_of(row.request_json, key) or {}
        if isinstance(entry.get("email"), str):
            found.add(entry["email"].lower())
    return found


def stored_rows(db: Session, team_id: int, key: str) -> list[dict[str, Any]]:
    """Each stored job and plan that mentions the person: their request entry as sent and
    what the result says of them (their busy time, days off, calendar warnings, office days,
    and the plan's entry for them)."""
    found = []
    for row in rows(db, team_id):
        entry = entry_of(row.request_json, key)
        result = _loads(row.result_json if isinstance(row, Job) else row.plan_json)
        theirs = {part: result[part][key] for part in (*CALENDAR_PARTS, "office_days")
                  if isinstance(result.get(part), dict) and key in result[part]}
        listed = [m for m in result.get("members") or [] if isinstance(m, dict) and m.get("id") == key]
        if entry is None and not theirs and not listed:
            continue
        where = ({"job": row.id, "status": row.status} if isinstance(row, Job)
                 else {"stored_plan": row.id, "week": row.week.isoformat()})
        found.append({**where, "created_at": row.created_at.isoformat(), "request": entry,
                      "plan": {**theirs, **({"member": listed[0]} if listed else {})}})
    return found


def coffee_pairs(db: Session, emails: set[str]) -> list[dict[str, Any]]:
    """The organisation's coffee pairs the person is in (matched by address)."""
    return [{"organisation": pair.organisation, "week": pair.week.isoformat(),
             "with": pair.name_b if pair.email_a in emails else pair.name_a,
             "building": pair.building, "start": _utc(pair.start), "end": _utc(pair.end)}
            for pair in _pairs(db, emails)]


def erase(db: Session, team_id: int, key: str, emails: set[str], *, identity: bool) -> int:
    """Erase the person's calendar data from every job and stored plan of the team and their
    names and addresses from coffee pairs; with `identity` (a person the team's member list
    does not keep) also their name and address in those rows. The number of rows changed."""
    changed = 0
    # Their calendars as last read (web/snapshots.py), kept for a week a source is away.
    db.execute(delete(CalendarSnapshot).where(CalendarSnapshot.member_id.in_(
        select(Member.id).where(Member.team_id == team_id, Member.key == key))))
    for row in rows(db, team_id):
        request = _scrub_request(row.request_json, key, identity)
        result_field = "result_json" if isinstance(row, Job) else "plan_json"
        result = _scrub_plan(getattr(row, result_field), key, identity)
        if request is not None:
            row.request_json = request
        if result is not None:
            setattr(row, result_field, result)
        if isinstance(row, Job) and identity and row.error:
            row.error = N_("erased at the request of a person in it")  # it may quote their calendar
        changed += request is not None or result is not None
    for pair in _pairs(db, emails):
        for side in ("a", "b"):
            if getattr(pair, f"email_{side}") in emails:
                setattr(pair, f"email_{side}", None)
                setattr(pair, f"name_{side}", getattr(pair, f"person_{side}"))
    return changed


def _utc(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat()  # stored naive, in UTC


def _pairs(db: Session, emails: set[str]) -> list[CoffeePair]:
    if not emails:
        return []
    return list(db.scalars(select(CoffeePair).where(or_(CoffeePair.email_a.in_(emails),
                                                        CoffeePair.email_b.in_(emails)))))


def _scrub_request(text: str | None, key: str, identity: bool) -> str | None:
    """The request without the person's calendars (and name and address), or None if unchanged."""
    data = _loads(text)
    found = False
    for entry in data.get("members") or []:
        if isinstance(entry, dict) and entry.get("id") == key:
            for field in (*CALENDAR_FIELDS, *(("name", "email") if identity else ())):
                found = entry.pop(field, None) is not None or found
    return json.dumps(data) if found else None


def _scrub_plan(text: str | None, key: str, identity: bool) -> str | None:
    """The plan without what it says of the person's calendars (and name and address)."""
    data = _loads(text)
    found = False
    for part in CALENDAR_PARTS:
        if isinstance(data.get(part), dict) and key in data[part]:
            del data[part][key]
            found = True
    if identity:
        for entry in data.get("members") or []:
            if isinstance(entry, dict) and entry.get("id") == key:
                found = entry.pop("email", None) is not None or found
                if entry.get("name") not in (None, key):
                    entry["name"], found = key, True
    return json.dumps(data) if found else None


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    data = json.loads(text)
    return data if isinstance(data, dict) else {}
