"""Reasons and messages name people as a manager knows them: by name, never by request id.

The symptom (issue 20): `Lunch for Vera Verhoeven ...: vera.verhoeven is busy`. Every reason
the plan gives (unplaced meetings, lunches and focus blocks, rhythm exceptions, re-plan
changes), every contradiction and every validator message uses the name; two members of the
same name are told apart by their id.
"""

from __future__ import annotations

import json
from dataclasses import replace

from constraints import RULES
from scheduler.domain import Focus, Rules
from scheduler.errors import RhythmError
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate
from tests.factories import calendar, interval, meeting, member, plan, request
from tests.solving import solve
from tests.test_cli import rhythm

VERA = replace(member("vera.verhoeven"), name="Vera Verhoeven")
PIM = replace(member("pim.de.boer"), name="Pim de Boer")
MEETING_DAYS = ("mon", "tue", "thu", "fri")


def busy_all_day(*days: str) -> list:
    return [interval(d, "09:00", "17:00") for d in days]


def test_an_unplaced_lunch_names_the_person_not_their_id():
    facts = {"vera.verhoeven": calendar(busy=[interval("mon", "11:00", "14:00")])}
    result = solve(request([VERA, PIM]), facts)
    [missing] = [b for b in result.unplaced_blocks if b.kind == "lunch"]
    assert missing.member == "vera.verhoeven"  # the plan's key stays the id
    assert missing.reason.startswith("Vera Verhoeven is busy all through the lunch window")
    assert "vera.verhoeven" not in missing.reason


def test_an_unplaced_meeting_names_the_people_not_their_ids():
    facts = {"vera.verhoeven": calendar(busy=busy_all_day(*MEETING_DAYS))}
    asked = request([VERA, PIM], [meeting("chat", ["vera.verhoeven", "pim.de.boer"])])
    [unplaced] = solve(asked, facts).unplaced
    assert "Vera Verhoeven" in unplaced.reason and "Pim de Boer" in unplaced.reason
    assert "vera.verhoeven" not in unplaced.reason and "pim.de.boer" not in unplaced.reason


def test_a_missing_focus_block_names_the_person_not_their_id():
    rules = Rules(focus=Focus(minutes=120, blocks_per_week=1))
    facts = {"vera.verhoeven": calendar(busy=busy_all_day("mon", "tue", "wed", "thu", "fri"))}
    result = solve(request([VERA, PIM], rules=rules), facts)
    [missing] = [b for b in result.unplaced_blocks if b.kind == "focus"]
    assert missing.reason.startswith("Vera Verhoeven's calendar leaves")


def test_a_contradiction_names_the_people_not_their_ids():
    always = [replace(m, office_always=("tue",)) for m in (VERA, PIM)]
    asked = request(always, rules=Rules(office_capacity=1))
    try:
        plan_week(asked, {}, RULES, SolveSettings(time_limit=5))
    except RhythmError as error:
        assert "(Vera Verhoeven and Pim de Boer: office.always or their calendar)" in str(error)
    else:
        raise AssertionError("two people always in on Tuesday with room for one was planned")


def test_validator_messages_name_the_people_not_their_ids():
    asked = request([VERA, PIM], [meeting("chat", ["vera.verhoeven", "pim.de.boer"])])
    facts = {"vera.verhoeven": calendar(off=["mon"])}
    broken = validate(asked, facts, plan(asked, facts={}))  # a lunch on the day she is off
    assert [v.message for v in broken if v.rule == "protected_lunch"] == [
        "Vera Verhoeven's lunch on Mon 30 Nov 12:00-12:30: Vera Verhoeven is off that day"]


def test_two_members_of_the_same_name_are_told_apart_by_their_id():
    twins = [replace(member("ana.a"), name="Ana"), replace(member("ana.b"), name="Ana"), PIM]
    asked = request(twins)
    assert [asked.name_of(m) for m in ("ana.a", "ana.b", "pim.de.boer")] == [
        "Ana (ana.a)", "Ana (ana.b)", "Pim de Boer"]
    assert asked.names_of(["ana.a", "ana.b", "pim.de.boer"]) == "Ana (ana.a), Ana (ana.b) and Pim de Boer"
    assert asked.name_of("nobody") == "nobody"  # no member of that id: as given


def test_the_plan_table_names_a_person_without_lunch_by_name(tmp_path):
    document = {
        "version": 1, "team": "support", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
        "members": [
            {"id": "vera.verhoeven", "name": "Vera Verhoeven",
             "busy": [{"start": "2026-11-30T11:00:00+01:00", "end": "2026-11-30T14:00:00+01:00"}]},
            {"id": "pim.de.boer", "name": "Pim de Boer"},
        ],
        "meetings": [{"id": "chat", "title": "Chat", "minutes": 25,
                      "attendees": ["vera.verhoeven", "pim.de.boer"]}],
    }
    (tmp_path / "support.json").write_text(json.dumps(document))
    done = rhythm("plan", str(tmp_path / "support.json"))
    assert done.returncode == 0, done.stderr
    assert "Vera Verhoeven is busy all through the lunch window" in done.stdout
    assert "vera.verhoeven" not in done.stdout
