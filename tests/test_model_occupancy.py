"""The occupancy literals: one per meeting and slot where its covering starts would repeat
in every attendee's constraints (a long meeting on a fine grid), the starts themselves elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from constraints import RULES
from scheduler.domain import Lunch, Rules
from scheduler.model.build import build_model
from scheduler.model.week import Week
from tests.factories import interval, meeting, member, request
from tests.solving import solve

FINE = replace(Rules(), start_every_minutes=15, meeting_lengths=(60,))


def gap_on_monday(start: str, end: str) -> list:
    """Busy through Monday's meeting hours but for one gap, and all of the other days."""
    spans = [interval(d, "10:00", "15:00") for d in ("tue", "wed", "thu", "fri")]
    return [*spans, interval("mon", "10:00", start), interval("mon", end, "15:00")]


def test_a_long_meeting_on_a_fine_grid_holds_each_slot_through_one_literal():
    team = [member("ana"), member("bram")]
    built = build_model(Week(request(team, [meeting("a", ["ana", "bram"], minutes=60)], FINE), {}), RULES)
    names = [var.name for var in built.model.proto.variables]
    assert any(name.startswith("holds[a,") for name in names)
    # Two people: a helper pays from four covering starts on (4 x 2 terms against 4 + 1 + 2).
    held = [built.variables.taking_indices(*key) for key in built.variables.taking_keys()]
    assert max(len(indices) for indices in held) == 3


def test_short_meetings_on_the_default_grid_keep_their_starts():
    team = [member("ana"), member("bram")]
    built = build_model(Week(request(team, [meeting("a", ["ana", "bram"])]), {}), RULES)
    assert not any(var.name.startswith("holds[") for var in built.model.proto.variables)


def test_no_double_booking_holds_through_the_occupancy_literals():
    team = [member("ana", busy=gap_on_monday("10:00", "12:00")), member("bram"), member("cas")]
    meetings = [meeting(m, ["ana", other], minutes=60) for m, other in
                (("a", "bram"), ("b", "cas"), ("c", "bram"))]
    plan = solve(request(team, meetings, FINE))
    assert len(plan.meetings) == 2 and len(plan.unplaced) == 1


def starts_of(rules: Rules) -> set[int]:
    """Start minutes the model has for a 55-minute meeting on Monday."""
    team = [member("ana"), member("bram")]
    built = build_model(Week(request(team, [meeting("a", ["ana", "bram"], minutes=55)], rules), {}), RULES)
    return {built.variables.slots.starts[slot] for _, d, slot in built.variables.start if d == 0}


def test_a_lunch_that_fills_its_window_keeps_meetings_out_of_it():
    full = replace(Rules(), lunch=Lunch(time(12), time(13), 60))
    assert starts_of(full) == {10 * 60, 10 * 60 + 30, 11 * 60, 13 * 60, 13 * 60 + 30, 14 * 60}


def test_a_lunch_with_room_to_move_leaves_every_start():
    assert 12 * 60 in starts_of(Rules()) and 11 * 60 + 30 in starts_of(Rules())
