"""The plan JSON's `days_off` and `busy`: what the calendars said, for the plan's figures
(`scheduler/domain/availability.py`). Written whenever the plan states them (every plan
rhythm makes), read as None from plans made before, so a reader can tell "no day off" from
"not stated"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from scheduler.domain import Interval, Plan

Path = tuple[str | int, ...]
Span = Callable[[Path, dict[str, str]], tuple[datetime, datetime]]
Day = Callable[[Path, str], date]


def calendars_to_json(plan: Plan, moment: Callable[[datetime], str]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if plan.days_off is not None:
        document["days_off"] = {m: [d.isoformat() for d in days] for m, days in plan.days_off.items()}
    if plan.busy is not None:
        document["busy"] = {m: [{"start": moment(i.start), "end": moment(i.end)} for i in found]
                            for m, found in plan.busy.items()}
    return document


def calendars_from_json(data: dict[str, Any], span: Span, day: Day) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if "days_off" in data:
        fields["days_off"] = {m: tuple(day(("days_off", m, i), d) for i, d in enumerate(days))
                              for m, days in data["days_off"].items()}
    if "busy" in data:
        fields["busy"] = {m: tuple(Interval(*span(("busy", m, i), b)) for i, b in enumerate(found))
                          for m, found in data["busy"].items()}
    return fields
