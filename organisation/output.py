"""Writing an organisation's week to a folder: per team the request as the organisation
planned it and its v1 plan, per member a calendar, the summary and the coffee dates.

    DIR/summary.json  DIR/coffee.json  DIR/teams/<team>.request.json  DIR/teams/<team>.plan.json
    DIR/ics/<team>/<member>.ics
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from connectors.ics.export import member_calendar
from connectors.sources import scheme_of
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from store.files import write_atomically

from .coffee_ics import coffee_event
from .planner import OrgOutcome


def write_outcome(
    outcome: OrgOutcome, summary: Mapping[str, Any], coffee: Mapping[str, Any], out: Path, *, ics: bool = True
) -> None:
    dates = _dates_by_member(coffee)
    for team in outcome.org.teams:
        result = outcome.plans[team.name]
        document = with_absolute_calendars(outcome.documents[team.name], team.request.base_dir)
        _write(out / "teams" / f"{team.name}.request.json", document, indent=None)
        if result.plan is None:
            continue
        members = {m["id"] for m in document["members"]}
        plan = {**result.plan, "coffee": [d for m in sorted(members) for d in dates.get(m, [])]}
        _write(out / "teams" / f"{team.name}.plan.json", plan, indent=None)
        if ics:
            write_calendars(document, plan, dates, out / "ics" / team.name)
    _write(out / "summary.json", dict(summary))
    _write(out / "coffee.json", dict(coffee), indent=None)


def write_calendars(
    document: dict[str, Any], plan: dict[str, Any], dates: Mapping[str, list[dict[str, Any]]], folder: Path
) -> None:
    request = parse_request(document, base_dir=Path("/"))  # calendar paths are absolute here
    typed = plan_from_json(plan)
    folder.mkdir(parents=True, exist_ok=True)
    for member in request.members:
        text = member_calendar(typed, request, member.id)
        # The coffee date goes in before the calendar's end: parsing the whole calendar again
        # to add one event costs more than writing it (bench/RESULTS.md).
        events = b"".join(coffee_event(date).to_ical() for date in dates.get(member.id, []))
        end = text.rindex(b"END:VCALENDAR")
        (folder / f"{member.id}.ics").write_bytes(text[:end] + events + text[end:])


def with_absolute_calendars(document: Mapping[str, Any], base_dir: Path | None) -> dict[str, Any]:
    """The request as written beside the plan: calendar files by absolute path, so it reads
    from wherever `rhythm check` is run."""
    members = []
    for raw in document["members"]:
        refs = [
            str((base_dir / ref).resolve())
            if isinstance(ref, str) and base_dir is not None and scheme_of(ref) is None
            else ref
            for ref in raw.get("calendars", [])
        ]
        members.append({**raw, "calendars": refs} if "calendars" in raw else raw)
    return {**document, "members": members}


def _dates_by_member(coffee: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for pair in coffee.get("pairs", []):
        for me, other in ((0, 1), (1, 0)):
            found.setdefault(pair["people"][me], []).append(
                {
                    "member": pair["people"][me],
                    "with": pair["people"][other],
                    "with_name": pair["names"][other],
                    "with_team": pair["teams"][other],
                    "building": pair["building"],
                    "start": pair["start"],
                    "end": pair["end"],
                }
            )
    return found


def _write(path: Path, data: Mapping[str, Any], *, indent: int | None = 1) -> None:
    """`indent=None` for the files programs read: with an indent `json` encodes in Python, and
    the 830 teams' 54 MB took most of the run's writing at 10,000 people (bench/RESULTS.md);
    the summary, the file people open, stays indented."""
    write_atomically(path, json.dumps(data, indent=indent, ensure_ascii=False) + "\n")
