"""The files the commands read, each checked to be the kind the command takes.

Handed the wrong kind of file, a command said what a schema thinks of it (`rhythm plan
ORG.json`: "team: missing ... buildings: unknown field"). Each kind of file has tell-tale
fields, so the command now says what the file is and which command takes it; a file of the
right kind that breaks its schema gets every problem, each line naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from scheduler.errors import PlanError, Problem, RequestError, RhythmError
from store.files import read_json

if TYPE_CHECKING:
    from organisation.domain import OrgRequest
    from scheduler.domain import Plan, TeamRequest

# The readers (and the JSON Schema library under them) are imported where a file is read, not
# here: every command imports this module to register its parser, `rhythm --help` included.

Parsed = TypeVar("Parsed")


@dataclass(frozen=True)
class Kind:
    """A kind of file, as a message names it, and what to do with one."""

    name: str  # "a team request"
    use: str  # with {file} where the file's name goes


TEAM = Kind("a team request", "plan it with `rhythm plan {file}`")
ORGANISATION = Kind("an organisation request", "plan it with `rhythm org plan {file} --out DIR`")
PLAN = Kind("a plan", "check it with `rhythm check REQUEST {file}`; `rhythm report`, `rhythm sync` "
                      "and `rhythm plan REQUEST --current` take it too")
SUMMARY = Kind("an organisation's summary (from `rhythm org plan`)",
               "check its folder with `rhythm org check ORG DIR`")
CALENDAR = Kind("a calendar (iCalendar)", "see what rhythm reads in it with `rhythm busy {file} --week "
                                          "MONDAY`, or list it in a member's calendars in a team request")


def kind_of(data: object) -> Kind | None:
    """The kind a decoded JSON document is, by the fields only that kind has; None if unclear."""
    if not isinstance(data, dict):
        return None
    if "organisation" in data:
        return SUMMARY if "affinity_days" in data or "master" in data else ORGANISATION
    if "team" in data and "status" in data:  # a request has no status
        return PLAN
    if "team" in data and "members" in data:
        return TEAM
    return None


def read_team_request(path: str) -> TeamRequest:
    from scheduler.request import parse_request

    return _parsed(path, TEAM, parse_request)


def read_plan(path: str) -> Plan:
    from scheduler.plan.plan_json import plan_from_json

    data, _ = _load(path, PLAN)
    try:
        return plan_from_json(data)
    except PlanError as error:
        lines = str(error).splitlines()
        raise PlanError("\n".join(f"{shown(path)}: {line}" for line in lines)) from None


def read_org_request(path: str) -> OrgRequest:
    from organisation.request import parse_org  # the organisation layer, for `rhythm org` only

    return _parsed(path, ORGANISATION, parse_org)


def peek_kind(path: str) -> Kind | None:
    """The kind of file at `path`, None when unclear or unreadable (the reader then says why);
    standard input is not peeked at: it can be read once only."""
    if path == "-":
        return None
    if looks_like_calendar(path):
        return CALENDAR
    from scheduler.request.read import read_json_document

    try:
        return kind_of(read_json_document(path)[0])
    except RhythmError:
        return None


def expect(path: str, data: object, wanted: Kind) -> None:
    """Refuse a document that is recognisably another kind than the command takes."""
    found = kind_of(data)
    if found is not None and found != wanted:
        raise wrong_kind(path, found, wanted)


def wrong_kind(path: str, found: Kind, wanted: Kind) -> RhythmError:
    use = found.use.format(file="FILE" if path == "-" else path)
    return RhythmError(f"{shown(path)} is {found.name}, not {wanted.name}: {use}")


def shown(path: str) -> str:
    return "standard input" if path == "-" else path


def looks_like_calendar(path: str) -> bool:
    """An iCalendar file opens with BEGIN:VCALENDAR (after a byte-order mark or blank lines)."""
    try:
        with open(path, "rb") as file:
            head = file.read(64)
    except OSError:
        return False  # the reader says what is wrong with it
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def _load(path: str, wanted: Kind) -> tuple[object, Path]:
    from scheduler.request.read import read_json_document

    if path != "-" and looks_like_calendar(path):
        raise wrong_kind(path, CALENDAR, wanted)
    if wanted is PLAN:
        data, base_dir = read_json(path), Path(path).parent
    else:
        data, base_dir = read_json_document(path)
    expect(path, data, wanted)
    return data, base_dir


def _parsed(path: str, kind: Kind, parse: Callable[..., Parsed]) -> Parsed:
    """A request file read as `kind`; its problems, if any, each naming the file."""
    data, base_dir = _load(path, kind)
    try:
        return parse(data, base_dir=base_dir)
    except RequestError as error:
        raise _in_file(path, error) from None


def _in_file(path: str, error: RequestError) -> RequestError:
    """The same problems, each naming the file: which of two files is wrong is not obvious."""
    file = shown(path)
    return RequestError([Problem(f"{file}: {p.path}" if p.path else file, p.message)
                         for p in error.problems])
