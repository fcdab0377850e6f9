"""The v1 plan as JSON: written in the contract's shape, read back unchanged, and a hand edit
that breaks the format is refused with the field's path."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from scheduler.domain import Change, Interval, MissingBlock, Plan, Unplaced
from scheduler.errors import PlanError
from scheduler.plan.plan_json import plan_from_json, plan_to_json
from tests.factories import (
    TZ,
    WEEK,
    focus,
    meeting,
    member,
    moved,
    pattern,
    placed,
    plan,
    request,
    rhythm_plan,
)

ASKED = request(
    [member("ana"), member("bram"), member("cas")],
    [meeting("sync", ["ana", "bram", "cas"]), meeting("design", ["ana", "bram"], minutes=55)],
)

# The plan example of the contract, as published in the README.
CONTRACT_EXAMPLE: dict[str, Any] = {
    "version": 1, "team": "platform", "week": "2026-11-30", "timezone": "Europe/Amsterdam",
    "status": "optimal",
    "meetings": [{"id": "sync#1", "request": "sync", "title": "Team sync",
                  "start": "2026-11-30T10:00:00+01:00", "end": "2026-11-30T10:25:00+01:00",
                  "attendees": ["ana", "bram", "cas"], "optional": [], "where": "office"}],
    "lunches": [{"member": "ana", "start": "2026-11-30T12:00:00+01:00",
                 "end": "2026-11-30T12:30:00+01:00"}],
    "focus": [{"member": "ana", "start": "2026-12-02T09:00:00+01:00",
               "end": "2026-12-02T11:00:00+01:00"}],
    "office_days": {"ana": ["2026-11-30", "2026-12-01"], "bram": ["2026-11-30", "2026-12-01"]},
    "unplaced": [{"request": "design", "occurrence": 1, "reason": "ana and bram share no free "
                  "55-minute block on a day both can be at the office"}],
    "metrics": {"meetings_requested": 3, "meetings_placed": 2, "office_pair_days": 1},
}


def full_plan() -> Plan:
    """A plan using every field: meetings, blocks, office days, both kinds of unplaced."""
    made = plan(
        ASKED,
        [placed(ASKED.meetings[0], 1, "mon", "10:00", where="office")],
        focus=[focus("ana", "wed")],
        unplaced=[Unplaced("design", 1, "ana and bram share no free 55-minute block")],
        unplaced_blocks=[MissingBlock("lunch", "cas", "busy all lunch", WEEK),
                         MissingBlock("focus", "bram", "no free 120-minute block")],
    )
    return replace(made, metrics={**made.metrics, "solve_seconds": 0.25})


def problems(data: object) -> list[str]:
    with pytest.raises(PlanError) as raised:
        plan_from_json(data)
    return str(raised.value).splitlines()


def test_a_plan_survives_the_round_trip() -> None:
    original = full_plan()
    written = json.loads(json.dumps(plan_to_json(original)))
    assert plan_from_json(written) == original
    assert plan_to_json(plan_from_json(written)) == written


def test_a_rhythm_plans_exceptions_survive_the_round_trip_with_whether_they_were_forced() -> None:
    asked = request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"])], weeks=2)
    slot = pattern(asked.meetings[0], "mon", "10:00")
    exceptions = (moved(slot, 1, "tue", "10:00", "bram is off on Mon 7 Dec"),
                  moved(slot, 1, "tue", "10:00", "that time went to Design", forced=False))
    for exception in exceptions:
        original = rhythm_plan(asked, (slot,), (exception,))
        written = json.loads(json.dumps(plan_to_json(original)))
        assert written["exceptions"][0]["forced_by_calendar"] is exception.forced_by_calendar
        assert plan_from_json(written) == original


def test_a_re_plans_changes_of_meetings_lunches_and_focus_blocks_survive_the_round_trip() -> None:
    noon = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)
    changes = (Change("moved", "sync", "bram is busy", noon, noon + timedelta(days=1)),
               Change("moved", None, "Sync now takes that time", noon, noon + timedelta(minutes=30),
                      block="lunch", member="ana"),
               Change("removed", None, "ana is off on Wed 02 Dec", before=noon + timedelta(days=2),
                      block="focus", member="ana"))
    original = replace(full_plan(), changes=changes)
    written = json.loads(json.dumps(plan_to_json(original)))
    assert written["changes"][1] == {
        "kind": "moved", "block": "lunch", "member": "ana", "reason": "Sync now takes that time",
        "before": "2026-11-30T12:00:00+01:00", "after": "2026-11-30T12:30:00+01:00"}
    assert "request" not in written["changes"][2] and "block" not in written["changes"][0]
    assert plan_from_json(written) == original


def test_times_are_written_with_the_offset_of_the_plans_zone() -> None:
    made = full_plan()
    moved = replace(made.meetings[0], start=datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    written = plan_to_json(replace(made, meetings=(moved,)))
    assert written["meetings"][0]["start"] == "2026-11-30T10:00:00+01:00"


def test_the_plan_has_the_contracts_fields_and_the_extra_ones() -> None:
    written = plan_to_json(full_plan())
    assert set(written) == {*CONTRACT_EXAMPLE, "unplaced_blocks", "members", "weeks"}
    assert written["office_days"]["ana"] == ["2026-11-30", "2026-12-01"]
    assert written["unplaced_blocks"] == [
        {"kind": "lunch", "member": "cas", "date": "2026-11-30", "reason": "busy all lunch"},
        {"kind": "focus", "member": "bram", "date": None, "reason": "no free 120-minute block"},
    ]
    assert written["metrics"]["solve_seconds"] == 0.25


def test_a_plan_states_its_days_off_and_busy_time_and_reads_them_back() -> None:
    stated = replace(full_plan(), days_off={"bram": (WEEK + timedelta(days=4),)},
                     busy={"ana": (Interval(datetime(2026, 12, 3, 9, tzinfo=UTC),
                                            datetime(2026, 12, 3, 11, tzinfo=UTC)),)})
    written = json.loads(json.dumps(plan_to_json(stated)))
    assert written["days_off"] == {"bram": ["2026-12-04"]}
    assert written["busy"] == {"ana": [{"start": "2026-12-03T10:00:00+01:00",
                                        "end": "2026-12-03T12:00:00+01:00"}]}
    assert plan_from_json(written) == stated
    # A plan from before states neither: not "nobody is off", but "not said".
    assert plan_from_json(CONTRACT_EXAMPLE).days_off is None
    assert plan_from_json(CONTRACT_EXAMPLE).busy is None


def test_the_contracts_example_plan_is_read() -> None:
    read = plan_from_json(CONTRACT_EXAMPLE)
    assert read.meetings[0].start.tzinfo is not None
    assert str(read.meetings[0].start.tzinfo) == TZ
    assert read.unplaced_blocks == ()


def edited(change: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    change(data)
    return data


HAND_EDITS: list[tuple[str, Any, list[str]]] = [
    ("where", lambda d: d["meetings"][0].update(where="hybird"),
     ['meetings[0].where: "hybird" is not one of office, online, hybrid']),
    ("naive time", lambda d: d["lunches"][0].update(start="2026-11-30T12:00:00"),
     ["lunches[0].start: 2026-11-30T12:00:00 has no UTC offset; add one, e.g. +01:00 or Z"]),
    ("backwards", lambda d: d["focus"][0].update(end="2026-12-02T08:00:00+01:00"),
     ["focus[0]: end 2026-12-02T08:00:00+01:00 is not after start 2026-12-02T09:00:00+01:00"]),
    ("typo", lambda d: d.update(meetngs=[]), ['meetngs: unknown field (did you mean "meetings"?)']),
    ("missing metric", lambda d: d["metrics"].pop("office_pair_days"),
     ["metrics.office_pair_days: missing"]),
    ("metric text", lambda d: d["metrics"].update(note="x"),
     ['metrics.note: expected a number, got "x"']),
    ("office date", lambda d: d["office_days"]["ana"].append("2026-11-31"),
     ["office_days.ana[2]: 2026-11-31 is not a date"]),
    ("occurrence of another", lambda d: d["meetings"][0].update(id="design#1"),
     ['meetings[0].id: "design#1" is not an occurrence of "sync"']),
    ("id without number", lambda d: d["meetings"][0].update(id="sync"),
     ['meetings[0].id: expected <request>#<occurrence>, e.g. "sync#1", got "sync"']),
    ("block kind", lambda d: d.update(unplaced_blocks=[{"kind": "nap", "member": "ana",
                                                         "date": None, "reason": "-"}]),
     ['unplaced_blocks[0].kind: "nap" is not one of lunch, focus']),
    ("block date", lambda d: d.update(unplaced_blocks=[{"kind": "lunch", "member": "ana",
                                                         "date": 3, "reason": "-"}]),
     ["unplaced_blocks[0].date: expected text or null, got 3"]),
    ("change of nothing", lambda d: d.update(changes=[{"kind": "added", "reason": "-"}]),
     ["changes[0].request: missing"]),
    ("block change of nobody",
     lambda d: d.update(changes=[{"kind": "added", "block": "focus", "reason": "-"}]),
     ["changes[0].member: missing"]),
    ("status", lambda d: d.update(status="done"),
     ['status: "done" is not one of optimal, feasible, infeasible']),
    ("busy backwards", lambda d: d.update(busy={"ana": [{"start": "2026-12-03T11:00:00+01:00",
                                                          "end": "2026-12-03T10:00:00+01:00"}]}),
     ["busy.ana[0]: end 2026-12-03T10:00:00+01:00 is not after start 2026-12-03T11:00:00+01:00"]),
    ("day off", lambda d: d.update(days_off={"bram": ["Friday"]}),
     ['days_off.bram[0]: expected a date as YYYY-MM-DD, got "Friday"']),
    ("zone", lambda d: d.update(timezone="Mars/Base"),
     ['timezone: "Mars/Base" is not a known IANA time zone']),
]


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in HAND_EDITS],
                         ids=[case[0] for case in HAND_EDITS])
def test_a_hand_edited_plan_names_the_bad_field(change: Any, expected: list[str]) -> None:
    assert problems(edited(change)) == expected


def test_a_plan_that_is_not_an_object_is_refused() -> None:
    assert problems("plan") == ['expected an object, got "plan"']
