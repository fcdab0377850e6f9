"""Reading the v1 request: JSON in, a checked `TeamRequest` out, or every problem at once.

Two passes: the JSON Schema (`schemas/request.v1.json`) checks the shape, then
`scheduler.request_checks` checks the meaning. Both speak the same language: a field's
path as the contract writes it (`meetings[3].minutes`) and a short message a person can
act on, never a traceback.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from scheduler.domain import (
    CalendarRef,
    InlineCalendar,
    Interval,
    MeetingRequest,
    Member,
    Rules,
    TeamRequest,
)
from scheduler.errors import Problem, RequestError
from scheduler.request_checks import (
    CHECKS,
    RULE_NAMES,
    Draft,
    Finding,
    clock_range,
    format_path,
    parse_instant,
    show,
)

_TYPE_NAMES = {"integer": "a whole number", "number": "a number", "string": "text",
               "boolean": "true or false", "object": "an object", "array": "a list",
               "null": "null"}
_PATTERN_HINTS = {
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": "expected a time as HH:MM, got {}",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "expected a date as YYYY-MM-DD, got {}",
    "^[^#]*$": '{} must not contain "#" (the plan numbers occurrences as <id>#1)',
    "^[^#]+#[1-9][0-9]*$": 'expected <request>#<occurrence>, e.g. "sync#1", got {}',
}


def load_schema(name: str) -> dict[str, Any]:
    """The packaged JSON Schema "request" or "plan" (version 1), as published to users."""
    text = resources.files("scheduler").joinpath(f"schemas/{name}.v1.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def parse_request(data: object, *, base_dir: Path | None = None) -> TeamRequest:
    """Check decoded JSON against the v1 contract and build the request it describes.

    `base_dir` is the folder relative calendar paths are read from; None (the HTTP API)
    refuses file paths. Raises `RequestError` listing every problem, ordered by field.
    """
    found = schema_problems("request", data)
    draft = Draft(data, tuple(path for path, _ in found), base_dir)
    for check in CHECKS:
        found.extend(check(draft))
    if found:
        raise RequestError(to_problems(found, "request"))
    return _team_request(draft)


def read_request(source: str) -> TeamRequest:
    """Read a request file, or standard input for "-"; calendar paths are relative to it."""
    if source == "-":
        return parse_request(_decode(sys.stdin.read(), "standard input"), base_dir=Path.cwd())
    try:
        text = Path(source).read_text(encoding="utf-8-sig")  # -sig: editors that write a BOM
    except FileNotFoundError:
        raise RequestError([Problem(source, "no such file")]) from None
    except IsADirectoryError:
        raise RequestError([Problem(source, "is a folder, not a request file")]) from None
    except UnicodeDecodeError:
        raise RequestError([Problem(source, "is not UTF-8 text")]) from None
    except OSError as error:
        raise RequestError([Problem(source, f"cannot be read ({error.strerror})")]) from None
    # abspath, not resolve(): keep the folder the person named, symlinks and all.
    base_dir = Path(os.path.abspath(source)).parent
    return parse_request(_decode(text, source), base_dir=base_dir)


def schema_problems(name: str, data: object) -> list[Finding]:
    """Every way `data` breaks the named schema, in the contract's words, ordered by field."""
    rank = _field_rank(name)
    errors = sorted(_validator(name).iter_errors(data), key=lambda e: _order(e.path, rank))
    found = [finding for error in errors for finding in _describe(error)]
    return list(dict.fromkeys(found))  # one message per missing field, however often reported


def to_problems(found: list[Finding], schema: str) -> list[Problem]:
    """Findings as `Problem`s, ordered as the schema (and the contract) lists the fields."""
    rank = _field_rank(schema)
    ordered = sorted(found, key=lambda finding: _order(finding[0], rank))
    return [Problem(format_path(path), message) for path, message in ordered]


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name))


@cache
def _field_rank(name: str) -> dict[str, int]:
    """Field names in the order the schema first lists them: version before team, start
    before end. Sorting by it reads like the request itself, not like a dictionary."""
    rank: dict[str, int] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for field in node.get("properties", {}):
                rank.setdefault(field, len(rank))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema(name))
    return rank


def _order(path: Iterable[str | int], rank: dict[str, int]) -> tuple[tuple[int, int, str], ...]:
    # Indexes compare as numbers (meetings[10] after meetings[2]); unknown fields come last.
    return tuple((0, p, "") if isinstance(p, int) else (1, rank.get(p, len(rank)), p)
                 for p in path)


def _decode(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"{name}, line {error.lineno}, column {error.colno}"
        raise RequestError([Problem(where, error.msg)]) from None


def _describe(error: ValidationError) -> Iterator[Finding]:
    """One jsonschema error as findings: the field's path and what a person should fix."""
    path, want, got = tuple(error.absolute_path), error.validator_value, error.instance
    match error.validator:
        case "required":
            yield from (((*path, name), "missing") for name in want if name not in got)
        case "additionalProperties":
            known = list(error.schema.get("properties", {}))
            yield from (((*path, name), _unknown(name, known)) for name in got if name not in known)
        case "type":
            yield path, f"expected {_types(want)}, got {show(got)}"
        case "enum":
            yield path, f"{show(got)} is not one of {', '.join(str(v) for v in want)}"
        case "const":
            yield path, f"must be {show(want)}, got {show(got)}"
        case "pattern":
            yield path, _PATTERN_HINTS.get(want, "{} does not match " + want).format(show(got))
        case "minimum" | "maximum":
            bound = "least" if error.validator == "minimum" else "most"
            yield path, f"must be at {bound} {want}, got {show(got)}"
        case "minItems" | "minLength":
            yield path, "must not be empty" if want == 1 else f"needs at least {want} entries"
        case "uniqueItems":
            yield from (((*path, j), f"{show(item)} is listed twice")
                        for j, item in enumerate(got) if item in got[:j])
        case "anyOf" | "oneOf":
            yield from _describe_choice(error)
        case _:
            yield path, error.message


def _describe_choice(error: ValidationError) -> Iterator[Finding]:
    """For "this or that": explain the branch the value was meant for, if one is clear."""
    here = tuple(error.absolute_path)
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    mismatches = {i: [e for e in errs if tuple(e.absolute_path) == here
                      and e.validator in ("type", "const")] for i, errs in branches.items()}
    meant = [i for i, wrong in mismatches.items() if not wrong]
    if len(meant) == 1:
        for sub in branches[meant[0]]:
            yield from _describe(sub)
        return
    options = [_types(e.validator_value) if e.validator == "type" else show(e.validator_value)
               for wrong in mismatches.values() for e in wrong[:1]]
    yield here, f"expected {' or '.join(options)}, got {show(error.instance)}"


def _types(names: str | list[str]) -> str:
    return " or ".join(_TYPE_NAMES[n] for n in ([names] if isinstance(names, str) else names))


def _unknown(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f'unknown field (did you mean "{close[0]}"?)' if close else "unknown field"


def _team_request(d: Draft) -> TeamRequest:
    data, ids = d.data, d.member_ids() or []
    return TeamRequest(
        team=data["team"],
        timezone=data["timezone"],
        week=date.fromisoformat(data["week"]),
        members=tuple(_member(raw, data["timezone"]) for raw in data["members"]),
        meetings=tuple(_meeting(raw, ids) for raw in data.get("meetings", [])),
        rules=Rules(**dict(zip(RULE_NAMES, d.rules(*RULE_NAMES) or (), strict=True))),
        version=data["version"],
        base_dir=d.base_dir,
    )


def _member(raw: dict[str, Any], team_zone: str) -> Member:
    office = raw.get("office", {})
    # Pass working_hours only when given, so the default lives in one place: the domain.
    hours = {"working_hours": clock_range(raw["working_hours"])} if "working_hours" in raw else {}
    return Member(
        id=raw["id"],
        name=raw.get("name", raw["id"]),
        timezone=raw.get("timezone", team_zone),
        email=raw.get("email"),
        calendars=tuple(_calendar(ref) for ref in raw.get("calendars", [])),
        busy=tuple(Interval(parse_instant(b["start"]), parse_instant(b["end"]))
                   for b in raw.get("busy", [])),
        office_never=tuple(office.get("never", [])),
        office_always=tuple(office.get("always", [])),
        **hours,
    )


def _calendar(ref: str | dict[str, str]) -> CalendarRef:
    return ref if isinstance(ref, str) else InlineCalendar(ref["ics"])


def _meeting(raw: dict[str, Any], member_ids: list[str]) -> MeetingRequest:
    optional = tuple(raw.get("optional", []))
    attendees = raw["attendees"]
    # "all" means every member not listed as optional, in the members' order.
    required = [m for m in member_ids if m not in optional] if attendees == "all" else attendees
    return MeetingRequest(
        id=raw["id"],
        title=raw.get("title", raw["id"]),
        minutes=int(raw["minutes"]),
        attendees=tuple(required),
        optional=optional,
        per_week=int(raw.get("per_week", 1)),
        where=raw.get("where", "any"),
    )
