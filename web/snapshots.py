"""Each member's calendars as last read, per week (the planning facts only: busy spans, days
off, office or home days), so a week whose source cannot be read is planned from the last
reading while it is under 7 days old (`connectors.sources.read_team_tolerant`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.domain import CalendarFacts, Interval
from store.models import CalendarSnapshot, Member

FRESH = timedelta(days=7)


def facts_to_json(facts: CalendarFacts) -> dict[str, Any]:
    return {"busy": [[i.start.isoformat(), i.end.isoformat()] for i in facts.busy],
            "off_days": sorted(d.isoformat() for d in facts.off_days),
            "locations": {d.isoformat(): where for d, where in facts.locations.items()}}


def facts_from_json(data: Mapping[str, Any]) -> CalendarFacts:
    return CalendarFacts(
        busy=tuple(Interval(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e in data["busy"]),
        off_days=frozenset(date.fromisoformat(d) for d in data["off_days"]),
        locations={date.fromisoformat(d): where for d, where in data["locations"].items()})


def last_known(db: Session, team_id: int, week: date, now: datetime) -> dict[str, tuple[CalendarFacts, str]]:
    """Member key -> the week's facts as last read and when ("on Thu 10 Dec"), if fresh."""
    found: dict[str, tuple[CalendarFacts, str]] = {}
    rows = db.execute(select(Member.key, CalendarSnapshot).join(CalendarSnapshot,
                                                                CalendarSnapshot.member_id == Member.id)
                      .where(Member.team_id == team_id))
    for key, row in rows:
        entry = json.loads(row.facts_json).get(week.isoformat())
        if entry and now - datetime.fromisoformat(entry["read_at"]) < FRESH:
            read_at = datetime.fromisoformat(entry["read_at"])
            found[key] = facts_from_json(entry["facts"]), f"on {read_at:%a %d %b %H:%M} UTC"
    return found


def keep(db: Session, team_id: int, week: date, read: Mapping[str, CalendarFacts], now: datetime) -> None:
    """Remember what was read for `week` (the caller commits); readings a week old go."""
    members = {m.key: m.id for m in db.scalars(select(Member).where(Member.team_id == team_id))}
    for key, facts in read.items():
        if key not in members:
            continue
        row = db.get(CalendarSnapshot, members[key])
        if row is None:
            row = CalendarSnapshot(member_id=members[key], facts_json="{}")
            db.add(row)
        weeks = {w: e for w, e in json.loads(row.facts_json).items()
                 if now - datetime.fromisoformat(e["read_at"]) < FRESH}
        weeks[week.isoformat()] = {"read_at": now.isoformat(), "facts": facts_to_json(facts)}
        row.facts_json, row.read_at = json.dumps(weeks), now.astimezone(UTC).replace(tzinfo=None)
