"""`rhythm plan -` over hostile requests (issue 22.15: 7 of 2,000 fuzzed requests printed a
traceback): every one is planned (exit 0) or refused with a message (exit 2), never a
traceback. A fixed budget in CI (derandomized, 60 requests); RHYTHM_FUZZ_EXAMPLES=2000 for a
long run. tests/web/test_attacks_input.py sends the same to the API."""

from __future__ import annotations

import io
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from cli.main import main
from scheduler.errors import RequestError
from scheduler.request import parse_request
from scheduler.request.decode import decode_json

from .fuzz_requests import hostile_requests

BUDGET = int(os.environ.get("RHYTHM_FUZZ_EXAMPLES", "60"))


@settings(max_examples=BUDGET, derandomize=BUDGET == 60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile_requests())
def test_rhythm_plan_from_standard_input_never_prints_a_traceback(
        text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(["plan", "-", "--time-limit", "2", "--workers", "1"])  # an exception fails the test
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err
    if code == 2:
        assert err.startswith("rhythm plan: ")  # a message naming the field, not a traceback


def test_the_fuzzed_requests_reach_the_solver_as_well_as_the_door() -> None:
    """The fuzz above is worth its time only if part of its requests pass the door: the same
    draws, read as `rhythm plan -` reads them (2,000 of them: 228 planned, 1,772 refused)."""
    read: list[bool] = []

    @settings(max_examples=BUDGET, derandomize=True, deadline=None, database=None)
    @given(text=hostile_requests())
    def door(text: str) -> None:
        try:
            parse_request(decode_json(text.encode("utf-8", "surrogatepass"), "standard input"))
            read.append(True)
        except RequestError:
            read.append(False)

    door()
    assert any(read) and not all(read), f"{sum(read)} of {len(read)} requests read"
