"""Rooms, hybrid meetings and other meeting grids: each rule holds, and is what stops a breach."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from constraints.rooms import meeting_rooms, no_room_double_booking
from scheduler.domain import Room, Rules, TeamRequest
from tests.factories import interval, meeting, member, request
from tests.solving import rules_broken, solve, solve_without

FREE_ONLY_MONDAY_TEN = [interval("mon", "10:30", "15:00")] + [
    interval(d, "10:00", "15:00") for d in ("tue", "thu", "fri")
]


def with_rooms(asked: TeamRequest, *rooms: Room) -> TeamRequest:
    return replace(asked, rooms=rooms)


def two_office_meetings_at_one_time(*rooms: Room) -> TeamRequest:
    team = [member(n, busy=FREE_ONLY_MONDAY_TEN) for n in ("ana", "bram", "cas", "dewi")]
    asked = request(team, [meeting("a", ["ana", "bram"], where="office"),
                           meeting("b", ["cas", "dewi"], where="office")])
    return with_rooms(asked, *rooms)


def test_an_office_meeting_takes_a_room():
    asked = with_rooms(request([member("ana"), member("bram")], [meeting("design", ["ana", "bram"],
                                                                         where="office")]),
                       Room("R1", "Room 1", 6))
    assert [m.room for m in solve(asked).meetings] == ["R1"]


def test_meeting_rooms_is_what_gives_a_meeting_its_room():
    asked = with_rooms(request([member("ana"), member("bram")], [meeting("design", ["ana", "bram"],
                                                                         where="office")]),
                       Room("R1", "Room 1", 6))
    assert "meeting_rooms" in rules_broken(solve_without(meeting_rooms, asked))


def test_two_meetings_never_share_a_room():
    plan = solve(two_office_meetings_at_one_time(Room("R1", "Room 1", 6)))
    assert len(plan.meetings) == 1
    assert "meetings in every room that fits them" in plan.unplaced[0].reason


def test_a_second_room_lets_both_meet():
    plan = solve(two_office_meetings_at_one_time(Room("R1", "Room 1", 6), Room("R2", "Room 2", 6)))
    assert sorted(m.room for m in plan.meetings) == ["R1", "R2"]


def test_no_room_double_booking_is_what_keeps_them_apart():
    asked = two_office_meetings_at_one_time(Room("R1", "Room 1", 6))
    assert "no_room_double_booking" in rules_broken(solve_without(no_room_double_booking, asked))


def hybrid_team() -> list:
    # ana is at the office on Mondays, bram never: a Monday meeting is hybrid.
    return [member("ana", busy=FREE_ONLY_MONDAY_TEN, always=("mon",)),
            member("bram", busy=FREE_ONLY_MONDAY_TEN, never=("mon",))]


def test_a_hybrid_meeting_needs_a_hybrid_room():
    asked = with_rooms(request(hybrid_team(), [meeting("chat", ["ana", "bram"])]),
                       Room("R1", "Plain room", 8))
    plan = solve(asked)
    assert plan.meetings == ()


def test_a_hybrid_meeting_gets_the_hybrid_room_and_a_remote_chair():
    asked = with_rooms(request(hybrid_team(), [meeting("chat", ["ana", "bram"])]),
                       Room("R1", "Plain room", 8), Room("H1", "Hybrid room", 4, hybrid=True))
    [chat] = solve(asked).meetings
    assert (chat.where, chat.room, chat.chair) == ("hybrid", "H1", "bram")


def test_a_room_fits_everyone_invited_optional_attendees_too():
    team = [member(n) for n in ("ana", "bram", "cas", "dewi")]
    design = meeting("design", ["ana", "bram", "cas"], optional=["dewi"], where="office")
    small, big = Room("S", "Small", 3), Room("B", "Big", 4)
    assert [m.room for m in solve(with_rooms(request(team, [design]), small, big)).meetings] == ["B"]
    plan = solve(with_rooms(request(team, [design]), small))
    assert plan.unplaced[0].reason.startswith("no room holds the 4 people invited")


def test_other_lengths_start_on_a_quarter_hour_grid():
    rules = Rules(meeting_lengths=(45, 120), start_every_minutes=15,
                  meeting_hours=Rules().meeting_hours)
    team = [member("ana", busy=[interval(d, "09:00", "10:15") for d in ("mon", "tue", "thu", "fri")]),
            member("bram")]
    plan = solve(request(team, [meeting("review", ["ana", "bram"], minutes=45, per_week=4),
                                meeting("workshop", ["ana", "bram"], minutes=120)], rules))
    assert len(plan.meetings) == 5
    assert all(m.start.minute % 15 == 0 and m.start.time() >= time(10, 15) for m in plan.meetings)
    assert any(m.start.minute in (15, 45) for m in plan.meetings)
