"""The compiled schema check (jsonschema-rs, issue 23) answers valid/invalid exactly as the
jsonschema validator that writes the messages: over the hostile values, the fuzzed requests,
valid requests, plans and organisations. A document it calls valid is never one jsonschema
refuses; "10:00\\n" (ECMA-262's `$` ends the text) is still refused. The one walk that
spares reading a valid request its three path-building walks passes exactly what they pass."""

from __future__ import annotations

import copy
import json
import re
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from bench.generate_org import generate_org
from scheduler.plan.plan_json import plan_to_json
from scheduler.request.decode import MAX_DEPTH, _whole_number, plainly_readable, unreadable
from scheduler.request.read import MAX_ENTRIES, too_deep, too_long
from scheduler.request.schema_messages import schema_problems
from scheduler.request.schema_validators import (
    PYTHON_SPACES,
    fast_validator,
    load_schema,
    messages_validator,
    schema_nodes,
    surely_valid,
)

from .fuzz_requests import NASTY_TEXT, VALUES, hostile_requests
from .test_hostile_requests import small_request
from .test_hostile_values import HOSTILE
from .test_plan_json import CONTRACT_EXAMPLE, full_plan


def read(text: str) -> object:
    """The JSON as `decode_json` reads it (a 5000-digit number as a stand-in), unchecked."""
    return json.loads(text, parse_int=_whole_number)


SCHEMAS = [("request", "scheduler"), ("plan", "scheduler"), ("org", "organisation")]


def agree(name: str, package: str, data: Any) -> None:
    """The fast answer is jsonschema's; where the compiled check cannot take a value (a
    lone surrogate), it says "not surely valid" and jsonschema decides alone."""
    slow = not any(True for _ in messages_validator(name, package).iter_errors(data))
    try:
        fast = fast_validator(name, package).is_valid(data)
    except ValueError:
        assert not surely_valid(name, data, package)
        return
    assert fast == slow, f"compiled check says {fast}, jsonschema {slow}"
    assert surely_valid(name, data, package) == slow


def test_pythons_whitespace_is_spelled_out_in_full() -> None:
    # The fast check's `\s` must be Python's own (str.isspace: U+001C..U+001F included).
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c)))
    assert re.fullmatch(f"[{PYTHON_SPACES}]+", spaces)
    assert len(re.findall(f"[{PYTHON_SPACES}]", spaces)) == len(spaces) == 29
    assert all(c.isspace() for c in re.sub(f"[^{PYTHON_SPACES}]", "", "".join(map(chr, range(0x3001)))))


@pytest.mark.parametrize(("name", "package"), SCHEMAS)
def test_patterns_use_only_escapes_both_read_alike(name: str, package: str) -> None:
    """\\d, \\w and \\b differ between Python and ECMA-262 (Unicode or ASCII): none is used."""
    patterns = [node["pattern"] for node in schema_nodes(load_schema(name, package))
                if isinstance(node.get("pattern"), str)]
    assert patterns
    assert not [p for p in patterns if re.search(r"\\[dDwWbBS]", p)]


def test_a_time_with_a_trailing_newline_is_still_refused() -> None:
    data = small_request()
    data["members"][1]["working_hours"]["start"] = "10:00\n"
    assert not surely_valid("request", data, "scheduler")
    assert schema_problems("request", data) == [
        (("members", 1, "working_hours", "start"), 'expected a time as HH:MM, got "10:00\\n"')]
    data["members"][1]["working_hours"]["start"] = "10:00"
    assert surely_valid("request", data, "scheduler") and schema_problems("request", data) == []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_hostile_value_gets_the_same_answer(case: str) -> None:
    text = HOSTILE[case][0]
    agree("request", "scheduler", read(text))


def test_each_nasty_value_in_each_field_gets_the_same_answer() -> None:
    """Every field of a small request, each of the values that once got a 500 in turn."""
    base = small_request()
    agree("request", "scheduler", base)

    def paths(data: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        found = [path] if path else []
        items = (data.items() if isinstance(data, dict)
                 else enumerate(data) if isinstance(data, list) else [])
        for key, value in items:
            found += paths(value, (*path, key))
        return found

    values: list[Any] = [*NASTY_TEXT, None, True, 0, -1, 1.5, 10**40, float("nan"), float("inf"),
                         [], {}, ["mon"], "a\x1c@b.c", "a\ufeff@b.c", "ana@example.com\u3000"]
    for path in paths(base):
        for value in values:
            data = copy.deepcopy(base)
            place: Any = data
            for part in path[:-1]:
                place = place[part]
            place[path[-1]] = value
            agree("request", "scheduler", data)


@settings(max_examples=300, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_requests())
def test_fuzzed_requests_get_the_same_answer(text: str) -> None:
    agree("request", "scheduler", read(text))


@settings(max_examples=200, derandomize=True, deadline=None, database=None)
@given(value=VALUES)
def test_any_value_in_place_of_a_plan_field_gets_the_same_answer(value: object) -> None:
    for field in ("week", "status", "meetings", "office_days", "metrics"):
        agree("plan", "scheduler", {**CONTRACT_EXAMPLE, field: value})
        agree("org", "organisation", {"version": 1, "organisation": value, "teams": [value]})


def test_valid_plans_and_organisations_are_surely_valid() -> None:
    for data in (CONTRACT_EXAMPLE, json.loads(json.dumps(plan_to_json(full_plan())))):
        assert surely_valid("plan", data, "scheduler")
        agree("plan", "scheduler", data)
    org, teams = generate_org(300, 2, seed=1)
    assert surely_valid("org", json.loads(json.dumps(org)), "organisation")
    documents = [json.loads(json.dumps(document)) for document in teams.values()]
    for document in documents:
        agree("request", "scheduler", document)
    assert sum(surely_valid("request", document, "scheduler") for document in documents) > len(teams) / 2


def one_walk_agrees(data: object) -> None:
    """`plainly_readable` (one walk, no paths) passes exactly what the three walks that name
    the field pass: nothing too deep, nothing too long, nothing unreadable."""
    three = too_deep(data) is None and too_long(data) is None and not unreadable(data)
    assert plainly_readable(data, MAX_ENTRIES) == three


@settings(max_examples=300, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_requests())
def test_the_one_walk_agrees_with_the_three_on_fuzzed_requests(text: str) -> None:
    one_walk_agrees(read(text))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_one_walk_agrees_with_the_three_on_hostile_values(case: str) -> None:
    one_walk_agrees(read(HOSTILE[case][0]))


def test_the_one_walk_finds_the_deep_the_long_and_the_half_pair() -> None:
    deep: list[Any] = []
    for _ in range(MAX_DEPTH):
        deep = [deep]
    for data in (deep, [deep], {"members": [0] * MAX_ENTRIES}, {"members": [0] * (MAX_ENTRIES + 1)},
                 {"m": {"\ud800": 1}}, {"m": ["é", "\udfff"]}, {"m": ["é", {"ü": "ok"}]}, small_request()):
        one_walk_agrees(data)
    assert plainly_readable(small_request(), MAX_ENTRIES) and not plainly_readable([deep], MAX_ENTRIES)
