"""The example team, pre-loaded on the first start of the embedded server so that a newcomer
can plan a real week at once: examples/platform-week.json with its calendars inlined as
uploads are (planning facts only), managed by a local account whose password is made up now
and printed once (and reset with `rhythm user reset-password manager@example.com`). Its
address is confirmed: the operator made it.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from connectors.ics.minimise import read_and_minimise
from store.models import Meeting, Member, Team, User, utcnow

from .db import sessions
from .forms.team import DEFAULT_RULES
from .team_request import next_monday

MANAGER_EMAIL = "manager@example.com"


def first_start(app: Flask) -> str | None:
    """On an empty database: the example manager and team; returns what to print, else None."""
    with sessions(app)() as db:
        if db.scalar(select(func.count()).select_from(User)):
            return None
        password = secrets.token_urlsafe(12)
        manager = User(email=MANAGER_EMAIL, name="Example manager", email_confirmed_at=utcnow(),
                       password_hash=generate_password_hash(password))
        db.add(manager)
        db.flush()
        found = Path(app.config["EXAMPLES_DIR"]) / "platform-week.json"
        team = load_example(db, manager, found) if found.exists() else None
        db.commit()
    loaded = f"the example team '{team.name}' is loaded" if team else "no example team (examples/ missing)"
    return (f"First start: {loaded}.\n"
            f"  Sign in as {MANAGER_EMAIL} with password {password}\n"
            f"  (shown only now; lost it? `rhythm user reset-password {MANAGER_EMAIL}`.\n"
            "  Invite the members from the team page, or they sign up with the address entered for them,\n"
            "  e.g. ana@example.com, and confirm it by the link e-mailed to them.)")


def load_example(db: Session, manager: User, path: Path) -> Team:
    """A team from a v1 request file, its calendar files read and stored inline."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    team = Team(name=data["team"], timezone=data["timezone"], manager_id=manager.id,
                rules={**DEFAULT_RULES, **data.get("rules", {})})
    db.add(team)
    db.flush()
    for raw in data["members"]:
        files = [path.parent / ref for ref in raw.get("calendars", []) if isinstance(ref, str)]
        ics = files[0].read_text(encoding="utf-8") if files else _busy_calendar(raw.get("busy", []))
        name = f"example calendar {files[0].name if files else 'busy.ics'}"
        ics_name = name if ics else None
        if ics:  # stored as planning facts only, as every upload is
            ics = read_and_minimise(ics, source=name, week=next_monday(team.timezone),
                                    timezone=team.timezone, label=name)[1]
        hours = raw.get("working_hours", {"start": "09:00", "end": "17:00"})
        office = raw.get("office", {})
        db.add(Member(team_id=team.id, key=raw["id"], name=raw.get("name", raw["id"]),
                      email=(raw.get("email") or "").lower() or None, timezone=raw.get("timezone"),
                      work_start=hours["start"], work_end=hours["end"], ics_text=ics, ics_name=ics_name,
                      office_never=office.get("never", []), office_always=office.get("always", [])))
    for raw in data.get("meetings", []):
        db.add(Meeting(team_id=team.id, key=raw["id"], title=raw.get("title", raw["id"]),
                       minutes=raw["minutes"], attendees=raw["attendees"], optional=raw.get("optional", []),
                       per_week=raw.get("per_week", 1), where=raw.get("where", "any")))
    return team


def _busy_calendar(busy: list[dict[str, str]]) -> str | None:
    """Inline busy times as a calendar: the web form knows calendars, not busy lists."""
    if not busy:
        return None

    def utc(text: str) -> str:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    events = [f"BEGIN:VEVENT\r\nUID:busy-{i}@rhythm.example\r\nDTSTAMP:{utc(b['start'])}\r\n"
              f"DTSTART:{utc(b['start'])}\r\nDTEND:{utc(b['end'])}\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n"
              for i, b in enumerate(busy)]
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//example//EN\r\n"
            + "".join(events) + "END:VCALENDAR\r\n")
