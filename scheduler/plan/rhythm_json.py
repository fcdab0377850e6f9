"""The multi-week parts of the plan JSON: the rhythm, its exceptions, and re-plan changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from scheduler.domain import Change, PatternException, PatternMeeting, Plan, Rhythm

Moment = Callable[[tuple[str | int, ...], str], datetime]
Day = Callable[[tuple[str | int, ...], str], date]


def rhythm_to_json(plan: Plan, moment: Callable[[datetime], str]) -> dict[str, Any]:
    document: dict[str, Any] = {"weeks": plan.weeks}
    if plan.rhythm is not None:
        document["rhythm"] = {
            "meetings": [{"request": p.request, "weekday": p.weekday,
                          "start": f"{p.start:%H:%M}", "end": f"{p.end:%H:%M}"}
                         for p in plan.rhythm.meetings],
            "office_days": {m: list(days) for m, days in plan.rhythm.office_days.items()},
        }
        document["exceptions"] = [_exception(e, moment) for e in plan.exceptions]
    if plan.changes:
        document["changes"] = [
            {"kind": c.kind,
             **({"request": c.request} if c.request else {"block": c.block, "member": c.member}),
             "reason": c.reason,
             **({"before": moment(c.before)} if c.before else {}),
             **({"after": moment(c.after)} if c.after else {})}
            for c in plan.changes
        ]
    return document


def _exception(e: PatternException, moment: Callable[[datetime], str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"week": e.week.isoformat(), "kind": e.kind, "reason": e.reason,
                              "forced_by_calendar": e.forced_by_calendar}
    if e.request:
        fields["request"] = e.request
    if e.member:
        fields["member"] = e.member
        fields["office_days"] = [d.isoformat() for d in e.office_days]
    if e.original:
        fields["original"] = moment(e.original)
    if e.moved_to:
        fields["moved_to"] = moment(e.moved_to)
    return fields


def rhythm_from_json(data: dict[str, Any], moment: Moment, day: Day) -> dict[str, Any]:
    """The Plan fields these parts hold, read with the plan reader's own date and time readers."""
    raw = data.get("rhythm")
    rhythm = None if raw is None else Rhythm(
        meetings=tuple(PatternMeeting(p["request"], p["weekday"], time.fromisoformat(p["start"]),
                                      time.fromisoformat(p["end"])) for p in raw["meetings"]),
        office_days={m: tuple(days) for m, days in raw["office_days"].items()},
    )
    exceptions = tuple(
        PatternException(
            week=day(("exceptions", i, "week"), e["week"]), kind=e["kind"], reason=e["reason"],
            request=e.get("request"), member=e.get("member"),
            original=e.get("original") and moment(("exceptions", i, "original"), e["original"]),
            moved_to=e.get("moved_to") and moment(("exceptions", i, "moved_to"), e["moved_to"]),
            office_days=tuple(day(("exceptions", i, "office_days", j), d)
                              for j, d in enumerate(e.get("office_days", []))),
            forced_by_calendar=e.get("forced_by_calendar") is True,
        )
        for i, e in enumerate(data.get("exceptions", []))
    )
    changes = tuple(
        Change(c["kind"], c.get("request"), c["reason"],
               c.get("before") and moment(("changes", i, "before"), c["before"]),
               c.get("after") and moment(("changes", i, "after"), c["after"]),
               block=c.get("block"), member=c.get("member"))
        for i, c in enumerate(data.get("changes", []))
    )
    return {"weeks": data.get("weeks", 1), "rhythm": rhythm, "exceptions": exceptions,
            "changes": changes}
