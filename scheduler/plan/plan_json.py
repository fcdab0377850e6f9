"""The v1 plan as JSON: what `rhythm plan --out` writes and `rhythm check` reads back.

Every date-time is written with the offset of the plan's time zone
("2026-11-30T10:00:00+01:00") and read back into that zone, so a plan survives the round
trip unchanged. A hand-edited plan that breaks the format is refused with the field's
path, as `plan.v1.json` names it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scheduler.domain import Block, CalendarWarning, MissingBlock, Person, PlacedMeeting, Plan, Unplaced
from scheduler.errors import PlanError
from scheduler.plan.calendars_json import calendars_from_json, calendars_to_json
from scheduler.plan.rhythm_json import rhythm_from_json, rhythm_to_json
from scheduler.request.draft import Finding, JsonPath, is_known_zone, parse_instant, show
from scheduler.request.schema_messages import schema_problems, to_problems


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan in the contract's shape, plus `unplaced_blocks` and all `metrics`."""
    zone = ZoneInfo(plan.timezone)

    def moment(value: datetime) -> str:
        if value.tzinfo is None:  # a naive time would silently take the machine's zone
            raise ValueError(f"plan time {value} has no time zone")
        return value.astimezone(zone).isoformat()

    def block(b: Block) -> dict[str, str]:
        return {"member": b.member, "start": moment(b.start), "end": moment(b.end)}

    return {
        "version": plan.version,
        "team": plan.team,
        "week": plan.week.isoformat(),
        "timezone": plan.timezone,
        "status": plan.status,
        "meetings": [
            {"id": m.id, "request": m.request, "title": m.title, "start": moment(m.start),
             "end": moment(m.end), "attendees": list(m.attendees), "optional": list(m.optional),
             "where": m.where, **({"room": m.room} if m.room else {}),
             **({"chair": m.chair} if m.chair else {}), **({"pinned": True} if m.pinned else {})}
            for m in plan.meetings
        ],
        "lunches": [block(b) for b in plan.lunches],
        "focus": [block(b) for b in plan.focus],
        "office_days": {member: [d.isoformat() for d in days]
                        for member, days in plan.office_days.items()},
        "unplaced": [{"request": u.request, "occurrence": u.occurrence, "reason": u.reason}
                     for u in plan.unplaced],
        "unplaced_blocks": [
            {"kind": b.kind, "member": b.member, "date": b.date and b.date.isoformat(),
             "reason": b.reason}
            for b in plan.unplaced_blocks
        ],
        "metrics": dict(plan.metrics),
        "members": [{"id": p.id, "name": p.name, "email": p.email} for p in plan.members],
        **({"full_office_days": [d.isoformat() for d in plan.full_office_days]}
           if plan.full_office_days else {}),
        **rhythm_to_json(plan, moment),
        **warnings_to_json(plan),
        **calendars_to_json(plan, moment),
    }


def warnings_to_json(plan: Plan) -> dict[str, Any]:
    """`calendar_warnings`, only when a calendar had any: plans without stay as they were."""
    if not plan.calendar_warnings:
        return {}
    return {"calendar_warnings": {
        member: [warning_to_json(w) for w in found] for member, found in plan.calendar_warnings.items()
    }}


def warning_to_json(w: CalendarWarning) -> dict[str, Any]:
    return {"source": w.source, "line": w.line, "uid": w.uid, "message": w.message, "skipped": w.skipped}


def plan_from_json(data: object) -> Plan:
    """Read a decoded v1 plan; raises `PlanError` listing every field that is wrong."""
    found = schema_problems("plan", data)
    if not found and isinstance(data, dict):  # every field now has its documented shape
        reader = _Reader(data["timezone"])
        plan = reader.plan(data)
        found = reader.found
    if found:
        raise PlanError("\n".join(str(p) for p in to_problems(found, "plan")))
    return plan


class _Reader:
    """Builds plan values, noting each date or time that does not read instead of stopping."""

    def __init__(self, timezone: str) -> None:
        self.found: list[Finding] = []
        if not is_known_zone(timezone):
            self.found.append((("timezone",), f"{show(timezone)} is not a known IANA time zone"))
        self.zone = ZoneInfo(timezone) if not self.found else UTC

    def plan(self, data: dict[str, Any]) -> Plan:
        return Plan(
            team=data["team"],
            week=self.day(("week",), data["week"]),
            timezone=data["timezone"],
            status=data["status"],
            meetings=tuple(self.meeting(i, m) for i, m in enumerate(data["meetings"])),
            lunches=tuple(self.block(("lunches", i), b) for i, b in enumerate(data["lunches"])),
            focus=tuple(self.block(("focus", i), b) for i, b in enumerate(data["focus"])),
            office_days={member: tuple(self.day(("office_days", member, j), d)
                                       for j, d in enumerate(days))
                         for member, days in data["office_days"].items()},
            unplaced=tuple(Unplaced(u["request"], u["occurrence"], u["reason"])
                           for u in data["unplaced"]),
            unplaced_blocks=tuple(self.missing(i, b)
                                  for i, b in enumerate(data.get("unplaced_blocks", []))),
            metrics=dict(data["metrics"]),
            members=tuple(Person(p["id"], p["name"], p.get("email"))
                          for p in data.get("members", [])),
            version=data["version"],
            full_office_days=tuple(self.day(("full_office_days", i), d)
                                   for i, d in enumerate(data.get("full_office_days", []))),
            calendar_warnings={member: tuple(CalendarWarning(w["source"], w["message"], w.get("line"),
                                                             w.get("uid"), w.get("skipped", True))
                                         for w in found)
                               for member, found in data.get("calendar_warnings", {}).items()},
            **rhythm_from_json(data, self.moment, self.day),
            **calendars_from_json(data, self.span, self.day),
        )

    def meeting(self, i: int, raw: dict[str, Any]) -> PlacedMeeting:
        # The id numbers an occurrence of its request; a mismatch means a bad hand edit.
        if raw["id"].rpartition("#")[0] != raw["request"]:
            self.found.append((("meetings", i, "id"),
                               f"{show(raw['id'])} is not an occurrence of {show(raw['request'])}"))
        start, end = self.span(("meetings", i), raw)
        return PlacedMeeting(raw["id"], raw["request"], raw["title"], start, end,
                             tuple(raw["attendees"]), tuple(raw["optional"]), raw["where"],
                             raw.get("room"), raw.get("chair"), bool(raw.get("pinned")))

    def block(self, path: JsonPath, raw: dict[str, str]) -> Block:
        return Block(raw["member"], *self.span(path, raw))

    def missing(self, i: int, raw: dict[str, Any]) -> MissingBlock:
        day = raw["date"] and self.day(("unplaced_blocks", i, "date"), raw["date"])
        return MissingBlock(raw["kind"], raw["member"], raw["reason"], day)

    def span(self, path: JsonPath, raw: dict[str, str]) -> tuple[datetime, datetime]:
        known = len(self.found)
        start, end = (self.moment((*path, key), raw[key]) for key in ("start", "end"))
        if start >= end and len(self.found) == known:  # unreadable times are reported already
            self.found.append((path, f"end {raw['end']} is not after start {raw['start']}"))
        return start, end

    def moment(self, path: JsonPath, text: str) -> datetime:
        try:
            return parse_instant(text).astimezone(self.zone)
        except ValueError as problem:
            self.found.append((path, str(problem)))
            return datetime.min.replace(tzinfo=UTC)

    def day(self, path: JsonPath, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.found.append((path, f"{text} is not a date"))
            return date.min
