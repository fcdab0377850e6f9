"""Reading a v1 request: what parses, what it becomes, and what a person sees when it is wrong."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from scheduler.domain import InlineCalendar, Rules, TimeRange
from scheduler.errors import RequestError
from scheduler.request import parse_request, read_request
from scheduler.request.schema_validators import load_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


def small_request() -> dict[str, Any]:
    """Three members, two meetings, rules left to their defaults; valid as it stands."""
    return {
        "version": 1, "team": "platform", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
        "members": [{"id": "ana"}, {"id": "bram"}, {"id": "cas"}],
        "meetings": [
            {"id": "sync", "title": "Team sync", "minutes": 25, "attendees": "all"},
            {"id": "design", "minutes": 55, "attendees": ["ana", "bram"]},
        ],
    }


def problems(data: object, base_dir: Path | None = None) -> list[str]:
    with pytest.raises(RequestError) as raised:
        parse_request(data, base_dir=base_dir)
    return [str(p) for p in raised.value.problems]


def test_the_example_request_parses() -> None:
    asked = read_request(str(EXAMPLES / "platform-week.json"))
    assert asked.week == date(2026, 11, 30)
    assert [m.id for m in asked.members] == ["ana", "bram", "cas", "dewi", "eva", "femke"]
    assert asked.members[0].office_never == ("fri",)
    assert asked.members[2].working_hours == TimeRange(time(8), time(16))
    assert asked.meetings[0].attendees == ("ana", "bram", "cas", "dewi", "eva", "femke")
    assert asked.rules.office_capacity == 6
    assert asked.base_dir == EXAMPLES


def test_the_defaults_fill_what_is_left_out() -> None:
    asked = parse_request(small_request())
    assert asked.rules == Rules()
    ana = asked.members[0]
    assert (ana.name, ana.timezone, ana.email) == ("ana", "Europe/Amsterdam", None)
    assert ana.working_hours == TimeRange(time(9), time(17))
    design = asked.meetings[1]
    assert (design.title, design.per_week, design.where) == ("design", 1, "any")
    assert asked.base_dir is None


def test_a_rule_given_in_part_keeps_the_defaults_of_the_rest() -> None:
    data = small_request()
    data["rules"] = {"office_days": {"max": 4}, "lunch": {"minutes": 45}}
    rules = parse_request(data).rules
    assert (rules.office_days.min, rules.office_days.max) == (2, 4)
    assert (rules.lunch.start, rules.lunch.end, rules.lunch.minutes) == (time(12), time(13), 45)


def test_all_means_every_member_not_listed_as_optional() -> None:
    data = small_request()
    data["meetings"][0]["optional"] = ["bram"]
    sync = parse_request(data).meetings[0]
    assert (sync.attendees, sync.optional) == (("ana", "cas"), ("bram",))


def test_the_schema_documents_the_domain_defaults() -> None:
    documented = load_schema("request")["$defs"]["rules"]["properties"]
    data = small_request()
    data["rules"] = {name: rule["default"] for name, rule in documented.items()}
    assert parse_request(data).rules == Rules()


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for name in ("request", "plan"):
        Draft202012Validator.check_schema(load_schema(name))


def test_inline_calendars_and_addresses_are_accepted_without_a_folder() -> None:
    data = small_request()
    data["members"][0]["calendars"] = [{"ics": ICS}, "outlook:me", "webcal://example.com/a.ics"]
    ana = parse_request(data).members[0]
    assert ana.calendars == (InlineCalendar(ICS), "outlook:me", "webcal://example.com/a.ics")


def test_calendar_paths_are_read_from_the_base_folder(tmp_path: Path) -> None:
    (tmp_path / "ana.ics").write_text(ICS)
    data = small_request()
    data["members"][0]["calendars"] = ["ana.ics", "bram.ics"]
    assert problems(data, tmp_path) == [
        f"members[0].calendars[1]: bram.ics is not a file (looked in {tmp_path})"
    ]


Mutation = Callable[[dict[str, Any]], object]
BAD_INPUTS: list[tuple[str, Mutation, str]] = [
    ("length", lambda d: d["meetings"][0].update(minutes=30),
     "meetings[0].minutes: 30 is not an allowed length (25, 55)"),
    ("member id twice", lambda d: d["members"][2].update(id="ana"),
     'members[2].id: "ana" is used twice'),
    ("stranger", lambda d: d["meetings"][1].update(attendees=["zoe"]),
     'meetings[1].attendees[0]: "zoe" is not a member'),
    ("optional stranger", lambda d: d["meetings"][1].update(optional=["zoe"]),
     'meetings[1].optional[0]: "zoe" is not a member'),
    ("not a monday", lambda d: d.update(week="2026-12-01"),
     "week: 2026-12-01 is a Tuesday, not a Monday"),
    ("no such date", lambda d: d.update(week="2026-02-30"), "week: 2026-02-30 is not a date"),
    ("date format", lambda d: d.update(week="30-11-2026"),
     'week: expected a date as YYYY-MM-DD, got "30-11-2026"'),
    ("zone", lambda d: d.update(timezone="Europe/Amsterdm"),
     'timezone: "Europe/Amsterdm" is not a known IANA time zone'),
    ("member zone", lambda d: d["members"][1].update(timezone="Mars/Base"),
     'members[1].timezone: "Mars/Base" is not a known IANA time zone'),
    ("version", lambda d: d.update(version=2), "version: must be 1, got 2"),
    ("top-level typo", lambda d: d.update(meetngs=[]),
     'meetngs: unknown field (did you mean "meetings"?)'),
    ("rules typo", lambda d: d.update(rules={"meting_hours": {"start": "10:00", "end": "15:00"}}),
     'rules.meting_hours: unknown field (did you mean "meeting_hours"?)'),
    ("meeting typo", lambda d: d["meetings"][0].update(lenght=25),
     "meetings[0].lenght: unknown field"),
    ("missing", lambda d: d["meetings"][0].pop("minutes"), "meetings[0].minutes: missing"),
    ("type", lambda d: d["meetings"][0].update(minutes="abc"),
     'meetings[0].minutes: expected a whole number, got "abc"'),
    ("clock format", lambda d: d.update(rules={"meeting_hours": {"start": "9:00", "end": "15:00"}}),
     'rules.meeting_hours.start: expected a time as HH:MM, got "9:00"'),
    ("hours backwards", lambda d: d.update(rules={"meeting_hours": {"start": "15:00",
                                                                    "end": "10:00"}}),
     "rules.meeting_hours: end 10:00 is not after start 15:00"),
    ("working hours backwards",
     lambda d: d["members"][0].update(working_hours={"start": "17:00", "end": "09:00"}),
     "members[0].working_hours: end 09:00 is not after start 17:00"),
    ("long lunch", lambda d: d.update(rules={"lunch": {"start": "12:00", "end": "13:00",
                                                       "minutes": 90}}),
     "rules.lunch.minutes: 90 is longer than the lunch window 12:00-13:00 (60 minutes)"),
    ("zero length", lambda d: d.update(rules={"meeting_lengths": [0, 25, 55]}),
     "rules.meeting_lengths[0]: must be at least 1, got 0"),
    ("weekday name", lambda d: d.update(rules={"meetingless_days": ["wednesday"]}),
     'rules.meetingless_days[0]: "wednesday" is not one of mon, tue, wed, thu, fri, sat, sun'),
    ("workday twice", lambda d: d.update(rules={"workdays": ["mon", "tue", "mon", "wed"]}),
     'rules.workdays[2]: "mon" is listed twice'),
    ("office min over max", lambda d: d.update(rules={"office_days": {"min": 3, "max": 2}}),
     "rules.office_days: min 3 is more than max 2"),
    ("office max over workdays", lambda d: d.update(rules={"workdays": ["mon", "tue"]}),
     "rules.office_days.max: 3 is more than the 2 workdays"),
    ("capacity", lambda d: d.update(rules={"office_capacity": 0}),
     "rules.office_capacity: must be at least 1, got 0"),
    ("focus blocks", lambda d: d.update(rules={"focus": {"minutes": 60, "blocks_per_week": 6}}),
     "rules.focus.blocks_per_week: 6 is more than the 5 workdays"),
    ("hash in id", lambda d: d["meetings"][0].update(id="sync#2"),
     'meetings[0].id: "sync#2" must not contain "#" (the plan numbers occurrences as <id>#1)'),
    ("meeting id twice", lambda d: d["meetings"][1].update(id="sync"),
     'meetings[1].id: "sync" is used twice'),
    ("optional and required", lambda d: d["meetings"][1].update(optional=["cas", "ana"]),
     'meetings[1].optional[1]: "ana" is also a required attendee'),
    ("attendees", lambda d: d["meetings"][0].update(attendees="everyone"),
     'meetings[0].attendees: expected "all" or a list, got "everyone"'),
    ("no attendees", lambda d: d["meetings"][1].update(attendees=[]),
     "meetings[1].attendees: must not be empty"),
    ("attendee twice", lambda d: d["meetings"][1].update(attendees=["ana", "bram", "ana"]),
     'meetings[1].attendees[2]: "ana" is listed twice'),
    ("nobody required", lambda d: d["meetings"][0].update(optional=["ana", "bram", "cas"]),
     'meetings[0].attendees: "all" leaves nobody: every member is optional'),
    ("per week", lambda d: d["meetings"][0].update(per_week=5),
     "meetings[0].per_week: 5 is more than the 4 days with meetings "
     "(workdays that are not meetingless_days)"),
    ("where", lambda d: d["meetings"][0].update(where="hybrid"),
     'meetings[0].where: "hybrid" is not one of office, online, any'),
    ("office never on a weekend", lambda d: d["members"][0].update(office={"never": ["sat"]}),
     'members[0].office.never[0]: "sat" is not a workday'),
    ("office always and never",
     lambda d: d["members"][0].update(office={"never": ["tue"], "always": ["tue"]}),
     'members[0].office.always[0]: "tue" is also in office.never'),
    ("office always over max",
     lambda d: d["members"][1].update(office={"always": ["mon", "tue", "wed", "thu"]}),
     "members[1].office.always: 4 days for bram is more than rules.office_days.max (3)"),
    ("naive busy", lambda d: d["members"][0].update(
        busy=[{"start": "2026-12-01T10:00:00", "end": "2026-12-01T11:00:00+01:00"}]),
     "members[0].busy[0].start: 2026-12-01T10:00:00 has no UTC offset; add one, e.g. +01:00 or Z"),
    ("busy backwards", lambda d: d["members"][0].update(
        busy=[{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T10:00:00+01:00"}]),
     "members[0].busy[0]: end 2026-12-01T10:00:00+01:00 is not after start 2026-12-01T10:00:00Z"),
    ("busy not a time", lambda d: d["members"][0].update(
        busy=[{"start": "tomorrow", "end": "2026-12-01T11:00:00+01:00"}]),
     'members[0].busy[0].start: "tomorrow" is not an ISO 8601 date and time'),
    ("file path over the API", lambda d: d["members"][0].update(calendars=["calendars/ana.ics"]),
     "members[0].calendars[0]: file paths are not accepted here; send the calendar inline as "
     '{"ics": ...} or as an address'),
    ("unknown source", lambda d: d["members"][0].update(calendars=["ftp://example.com/a.ics"]),
     'members[0].calendars[0]: "ftp://example.com/a.ics" is not a calendar source; use a file '
     "path, https://, webcal://, outlook: or caldav:"),
    ("caldav without url", lambda d: d["members"][0].update(calendars=["caldav:ana"]),
     'members[0].calendars[0]: "caldav:ana" needs a URL after caldav:, e.g. caldav:https://...'),
]


@pytest.mark.parametrize(("mutate", "expected"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_a_bad_request_names_the_field_and_the_problem(mutate: Mutation, expected: str) -> None:
    data = small_request()
    mutate(data)
    # Precisely this one: a mistake drags in no second, unrelated complaint.
    assert problems(data) == [expected]


def test_contradictory_office_days_are_refused() -> None:
    data = small_request()
    data["rules"] = {"workdays": ["mon", "tue", "thu"], "office_days": {"min": 4, "max": 4}}
    assert problems(data) == [
        "rules.office_days.min: 4 is more than the 3 workdays",
        "rules.office_days.max: 4 is more than the 3 workdays",
    ]


def test_a_misspelt_inline_calendar_says_what_is_missing() -> None:
    data = small_request()
    data["members"][0]["calendars"] = [{"isc": ICS}]
    assert problems(data) == [
        "members[0].calendars[0].ics: missing",
        'members[0].calendars[0].isc: unknown field (did you mean "ics"?)',
    ]


def test_every_problem_is_reported_at_once_in_field_order() -> None:
    data = small_request()
    data["week"] = "2026-12-01"
    data["rules"] = {"office_days": {"min": 3, "max": 2}}
    data["meetings"][0].update(minutes=30, lenght=25)
    data["meetings"][1]["attendees"] = ["zoe"]
    assert problems(data) == [
        "week: 2026-12-01 is a Tuesday, not a Monday",
        "rules.office_days: min 3 is more than max 2",
        "meetings[0].minutes: 30 is not an allowed length (25, 55)",
        "meetings[0].lenght: unknown field",
        'meetings[1].attendees[0]: "zoe" is not a member',
    ]


def test_a_request_that_is_not_an_object_is_refused() -> None:
    assert problems([1, 2]) == ["expected an object, got a list"]


def test_a_request_is_read_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(small_request())))
    monkeypatch.chdir(tmp_path)
    asked = read_request("-")
    assert (asked.team, asked.base_dir) == ("platform", tmp_path)


def test_a_json_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "week.json"
    source.write_text('{\n  "version": 1,\n  "team": "platform"\n  "week": "2026-11-30"\n}\n')
    with pytest.raises(RequestError) as raised:
        read_request(str(source))
    assert str(raised.value) == f"{source}, line 4, column 3: Expecting ',' delimiter"


def test_a_missing_request_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RequestError) as raised:
        read_request(str(tmp_path / "nope.json"))
    assert str(raised.value) == f"{tmp_path / 'nope.json'}: no such file"


def test_a_folder_is_not_a_request_file(tmp_path: Path) -> None:
    with pytest.raises(RequestError) as raised:
        read_request(str(tmp_path))
    assert str(raised.value) == f"{tmp_path}: is a folder, not a request file"
