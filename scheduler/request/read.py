"""Reading the v1 request: JSON in, a checked `TeamRequest` out, or every problem at once.

Two passes: the JSON Schema (`schemas/request.v1.json`) checks the shape, then
`scheduler.request.checks` checks the meaning. Both speak the same language: a field's
path as the contract writes it (`meetings[3].minutes`) and a short message a person can
act on, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.domain import (
    CalendarRef,
    InlineCalendar,
    Interval,
    MeetingRequest,
    Member,
    Room,
    Rules,
    TeamRequest,
)
from scheduler.errors import Problem, RequestError
from scheduler.request.checks import CHECKS
from scheduler.request.decode import MAX_DEPTH, decode_json, plainly_readable, unreadable
from scheduler.request.draft import RULE_NAMES, Draft, JsonPath, clock_range, format_path, parse_instant
from scheduler.request.schema_messages import schema_problems, to_problems

# Far above any team (the web takes 200 members and 500 meetings); a list past it is refused
# before the schema reads it.
MAX_ENTRIES = 10_000
MAX_PROBLEMS = 100  # reported of a refused request; the rest counted


def parse_request(data: object, *, base_dir: Path | None = None) -> TeamRequest:
    """Check decoded JSON against the v1 contract and build the request it describes.

    `base_dir` is the folder relative calendar paths are read from; None (the HTTP API)
    refuses file paths. Raises `RequestError` listing every problem, ordered by field.
    """
    plain = plainly_readable(data, MAX_ENTRIES)  # one walk; the three below only if it finds a fault
    deep = None if plain else too_deep(data)
    if deep is not None:
        raise RequestError([Problem(format_path(deep) or "request",
                                    f"is nested deeper than {MAX_DEPTH} levels; a v1 request never is")])
    long = None if plain else too_long(data)
    if long is not None:
        raise RequestError([Problem(format_path(long), f"has more than {MAX_ENTRIES:,} entries; "
                                    "a v1 request never has")])
    found = [*([] if plain else unreadable(data)),  # unreadable: for data not via decode_json
             *schema_problems("request", data)]
    draft = Draft(data, tuple(path for path, _ in found), base_dir)
    for check in CHECKS:
        found.extend(check(draft))
    if found:
        raise RequestError(capped(to_problems(found, "request")))
    return _team_request(draft)


def capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS, and how many more: nobody reads 20,000 lines, and a hostile
    request must not make the answer its own size again."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("", f"... and {more:,} more problems like these")]


def too_long(data: object) -> JsonPath | None:
    """The path to the first list or object with more than MAX_ENTRIES entries, if any."""
    return next((path for value, path in _values(data)
                 if isinstance(value, dict | list) and len(value) > MAX_ENTRIES), None)


def too_deep(data: object, limit: int = MAX_DEPTH) -> JsonPath | None:
    """The path to the first value nested deeper than `limit`, if any."""
    return next((path for _, path in _values(data) if len(path) > limit), None)


def _values(data: object) -> Iterator[tuple[object, JsonPath]]:
    """Every value of decoded JSON with its path, walked without recursion: a hostile body of
    nested lists would otherwise exhaust the stack (a RecursionError, not a message). What
    is inside a value is walked only when the caller asks for more."""
    stack: list[tuple[object, JsonPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        yield value, path
        if isinstance(value, dict):
            stack.extend((v, (*path, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))


def read_request(source: str) -> TeamRequest:
    """Read a request file, or standard input for "-"; calendar paths are relative to it."""
    data, base_dir = read_json_document(source)
    return parse_request(data, base_dir=base_dir)


def read_json_document(source: str) -> tuple[object, Path]:
    """A JSON file (or standard input for "-") decoded, with the folder its paths are
    relative to; a RequestError naming the file, the line or the problem otherwise."""
    if source == "-":
        # Bytes where there are: undecodable input is a message, not a traceback from sys.stdin.
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        return decode_json(stream.read(), "standard input"), Path.cwd()
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
    return decode_json(text, source), Path(os.path.abspath(source)).parent


def _team_request(d: Draft) -> TeamRequest:
    data, ids = d.data, d.member_ids() or []
    return TeamRequest(
        team=data["team"],
        timezone=data["timezone"],
        week=date.fromisoformat(data["week"]),
        members=tuple(_member(raw, data["timezone"]) for raw in data["members"]),
        meetings=tuple(_meeting(raw, ids) for raw in data.get("meetings", [])),
        rules=Rules(**dict(zip(RULE_NAMES, d.rules(*RULE_NAMES) or (), strict=True))),
        rooms=tuple(Room(r["id"], r.get("name", r["id"]), int(r["capacity"]), bool(r.get("hybrid")))
                    for r in data.get("rooms", [])),
        weeks=int(data.get("weeks", 1)),
        version=data["version"],
        base_dir=d.base_dir,
    )


def _member(raw: dict[str, Any], team_zone: str) -> Member:
    office = raw.get("office", {})
    # Pass working_hours only when given, so the default lives in one place: the domain.
    hours = {"working_hours": clock_range(raw["working_hours"])} if "working_hours" in raw else {}
    return Member(
        id=raw["id"],
        name=raw.get("name", "").strip() or raw["id"],  # a blank name reads as the id
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
    skip = set(optional)  # a set: 10,000 of each must not take 100 million comparisons
    required = [m for m in member_ids if m not in skip] if attendees == "all" else attendees
    return MeetingRequest(
        id=raw["id"],
        title=raw.get("title", raw["id"]),
        minutes=int(raw["minutes"]),
        attendees=tuple(required),
        optional=optional,
        per_week=int(raw.get("per_week", 1)),
        where=raw.get("where", "any"),
        recurring=bool(raw.get("recurring", True)),
    )
