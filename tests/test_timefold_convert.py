"""The peer benchmark's converters and scorer (bench/peers), on a hand-made Timefold file.

`fixtures/timefold/small.json`: 4 meetings, 2 rooms (4 and 2 seats), 4 people, 2 days of
grains around lunch (day 1: 11:15, 11:30, 11:45, 13:00, 13:15 = grains 0-4; day 2: 08:00,
08:15 = grains 5-6). Meetings, by id: 0 "Team sync" 2 grains, Ann+Bob required, Cas+Dee
preferred; 1 "Review" 1 grain, Ann+Cas / Dee; 2 "Planning" 2 grains, Bob+Dee / Cas;
3 "Coffee" 2 grains, Dee / Cas+Bob. No Java here: Timefold's own score of the same
assignments (run_timefold --score) was checked once by hand and is quoted in the tests.
"""

from __future__ import annotations

import json
from dataclasses import replace
from math import ceil
from pathlib import Path

import pytest

from bench.peers.mapping import COMPACT, WALL, assignment_from_plan
from bench.peers.run_rhythm import OVERBOOK, _offers
from bench.peers.scorer import Score, score
from bench.peers.timefold_format import Day, parse, read_set, write
from bench.peers.to_request import horizon_request, week_request
from scheduler.request import parse_request

SMALL = Path(__file__).parent / "fixtures" / "timefold" / "small.json"
PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers" / "timefold-meetingscheduling"

# Hand-made: 0 and 1 share room R1 and grain 1; 2 runs from 13:15 into the next day in the
# 2-seat room; 3 starts right after 2 and runs past the last grain.
MESSY = {0: (0, 0), 1: (1, 0), 2: (4, 1), 3: (6, 0)}
# Every meeting in R1 (the only room that seats 3), back to back, nothing shared.
CLEAN = {0: (0, 0), 3: (2, 0), 1: (4, 0), 2: (5, 0)}


@pytest.fixture(scope="module")
def small():
    return read_set(SMALL)


def test_the_hand_made_file_round_trips_byte_for_byte(small):
    text = SMALL.read_text(encoding="utf-8")
    assert write(small) == text
    assert parse(json.loads(write(small))) == small


def test_a_solved_set_round_trips_with_its_assignment(small):
    solved = small.with_assignment(MESSY, "-11hard/-2medium/-134soft")
    again = parse(json.loads(write(solved)))
    assert again.assignment() == MESSY
    assert again.score == "-11hard/-2medium/-134soft"
    assert '"startingTimeGrain" : "TimeGrain#4"' in write(solved)  # a reference, written in full before


def test_parse_resolves_references(small):
    sync = small.meeting(0)
    assert (sync.topic, sync.duration, sync.capacity_needed) == ("Team sync", 2, 4)
    assert [a.person for a in sync.required] == [0, 1]
    assert [a.person for a in small.meeting(2).preferred] == [2]  # "Person#2", a bare reference
    assert [(g.index, g.day, g.start_minute) for g in small.grains][2:4] == [(2, 0, 705), (3, 0, 780)]


# The five public sets beside the repository (shared/peers/); named, so a missing one fails.
SETS = ["50meetings-160timegrains-5rooms", "100meetings-320timegrains-5rooms",
        "200meetings-640timegrains-5rooms", "400meetings-1280timegrains-5rooms",
        "800meetings-2560timegrains-5rooms"]


@pytest.mark.parametrize("name", SETS, ids=lambda n: n.split("-")[0])
def test_the_benchmark_sets_round_trip_byte_for_byte(name):
    path = PEERS / f"{name}.json"
    assert write(read_set(path)) == path.read_text(encoding="utf-8")


def test_request_keeps_rooms_lengths_and_attendees(small):
    request = horizon_request(small, WALL, "small")
    assert request["rooms"] == [{"id": "R1", "name": "R 1", "capacity": 4, "hybrid": False},
                                {"id": "R2", "name": "R 2", "capacity": 2, "hybrid": False}]
    rules = request["rules"]
    assert rules["meeting_lengths"] == [15, 30]
    assert rules["start_every_minutes"] == 15
    assert rules["meeting_hours"] == {"start": "08:00", "end": "18:00"}
    assert rules["lunch"] == {"start": "12:00", "end": "13:00", "minutes": 60}
    assert (request["week"], rules["workdays"]) == ("2024-01-01", ["mon", "tue"])
    assert request["meetings"][0] == {"id": "m0", "title": "Team sync", "minutes": 30,
                                      "attendees": ["p0", "p1"], "optional": ["p2", "p3"], "where": "office"}
    assert [m["name"] for m in request["members"]] == ["Ann Bos", "Bob Dam", "Cas Eng", "Dee Fox"]


def test_grains_a_day_lacks_are_busy_for_everyone(small):
    busy = horizon_request(small, WALL)["members"][2]["busy"]
    assert [(b["start"], b["end"][11:16]) for b in busy] == [
        ("2024-01-01T08:00:00+00:00", "11:15"), ("2024-01-01T13:30:00+00:00", "18:00"),
        ("2024-01-02T08:30:00+00:00", "12:00"), ("2024-01-02T13:00:00+00:00", "18:00")]


def test_the_request_is_a_valid_v1_request(small):
    request = parse_request(horizon_request(small, WALL, "small"))
    assert [r.id for r in request.rooms] == ["R1", "R2"]
    assert request.meetings[1].optional == ("p3",)


def test_compact_days_lay_the_grains_end_to_end(small):
    request = horizon_request(small, COMPACT)
    assert request["rules"]["meeting_hours"] == {"start": "08:00", "end": "17:00"}
    busy = request["members"][0]["busy"]
    # 11:15-13:15 become positions 13-17, 11:15-12:30; nothing in between to block.
    spans = [(b["start"][11:16], b["end"][11:16]) for b in busy]
    assert spans[:2] == [("08:00", "11:15"), ("12:30", "17:00")]


def test_a_horizon_longer_than_a_week_asks_for_weeks(small):
    longer = replace(small, days=(Day(0, 1), Day(1, 9)))  # day 2 moves to Tuesday of week 2
    request = horizon_request(longer, WALL)
    assert request["weeks"] == 2
    assert request["meetings"][0]["recurring"] is False  # one-offs, not a weekly rhythm
    assert request["rules"]["workdays"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    whole_days = [b["start"][:10] for b in request["members"][0]["busy"] if b["end"][11:16] == "00:00"]
    assert whole_days == [f"2024-01-{d:02d}" for d in (2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14)]
    second = week_request(longer, 1, longer.meetings[:1], WALL)
    assert (second["week"], second["rules"]["workdays"]) == ("2024-01-08", ["tue"])
    assert [m["id"] for m in second["meetings"]] == ["m0"]


def _plan(*meetings: tuple[str, str, str | None]) -> dict:
    return {"meetings": [{"id": f"{m}#1", "request": m, "start": start, "room": room}
                         for m, start, room in meetings]}


def test_a_plan_reads_back_as_grains_and_rooms(small):
    plan = _plan(("m0", "2024-01-01T11:15:00+00:00", "R1"), ("m1", "2024-01-01T13:00:00+00:00", "R2"),
                 ("m2", "2024-01-02T08:15:00+00:00", None))
    assert assignment_from_plan(plan, small, WALL) == {0: (0, 0), 1: (3, 1), 2: (6, None)}
    compact = _plan(("m1", "2024-01-01T12:00:00+00:00", "R2"))  # position 16: the 13:00 grain
    assert assignment_from_plan(compact, small, COMPACT) == {1: (3, 1)}


@pytest.mark.parametrize("start", ["2024-01-01T12:00:00+00:00", "2024-01-01T08:00:00+00:00",
                                   "2024-01-03T11:15:00+00:00", "2024-01-01T11:15:00+01:00"])
def test_a_start_without_a_grain_is_an_error(small, start):
    with pytest.raises(ValueError, match="m0"):
        assignment_from_plan(_plan(("m0", start, "R1")), small, WALL)


# Per rule: (penalty, matches) for MESSY, by hand; Timefold scores it -11hard/-2medium/-134soft.
MESSY_RULES = {
    "Room conflict": (1, 1),  # 0 and 1 in R1 on grain 1
    "Don't go in overtime": (7, 1),  # 3 ends on grain 7, which does not exist: weight 7
    "Required attendance conflict": (1, 1),  # Ann, required at 0 and 1
    "Required room capacity": (1, 1),  # 2 needs 3 seats in the 2-seat room
    "Start and end on same day": (1, 1),  # 2: grains 4 (day 1) and 5 (day 2)
    "Required and preferred attendance conflict": (1, 1),  # Cas: preferred at 0, required at 1
    "Preferred attendance conflict": (1, 1),  # Dee: preferred at 0 and 1
    "Do all meetings as soon as possible": (14, 4),  # last grains 1 + 1 + 5 + 7
    "One TimeGrain break between two consecutive meetings": (100, 1),  # 2 ends on 5, 3 starts on 6
    "Overlapping meetings": (10, 1),  # 0 and 1 share grain 1
    "Assign larger rooms first": (2, 1),  # 2 in R2: R1 has 2 seats more
    "Room stability": (8, 8),  # 0->2: Bob, Cas, Dee; 1->2: Cas, Dee; 2->3: Bob, Cas, Dee
}


def test_the_scorer_matches_the_hand_computed_score(small):
    scored = score(small, MESSY)
    assert {r.name: (r.penalty, r.matches) for r in scored.rules} == MESSY_RULES
    assert scored.score == Score(-11, -2, -134)
    assert (scored.hard_violations, scored.placed) == (5, 4)


def test_a_clean_plan_costs_only_soft(small):
    scored = score(small, CLEAN)  # Timefold: 0hard/0medium/-314soft
    assert scored.score == Score(0, 0, -314)  # last grains 1+3+4+6, three back-to-back pairs
    assert scored.hard_violations == 0


def test_an_unassigned_meeting_costs_its_seats(small):
    partial = {m: v for m, v in MESSY.items() if m != 3}  # Timefold: -7hard/-2medium/-24soft
    scored = score(small, partial)
    assert scored.score == Score(-7, -2, -24)
    assert dict((r.name, r.penalty) for r in scored.rules)["Required room capacity"] == 1 + 3
    assert scored.placed == 3


def test_scores_read_timefold_notation():
    assert Score.parse("-3hard/0medium/-40soft") == Score(-3, 0, -40)
    assert Score.parse("-2init/-3hard/0medium/-40soft") == Score(-3, 0, -40)
    assert str(Score(-3, 0, -40)) == "-3hard/0medium/-40soft"


def test_a_rolling_round_offers_consecutive_slices_and_the_last_week_the_rest():
    meetings = list(range(100))  # stand-ins: the offers only slice them
    first = _offers(meetings, range(0, 2), [10, 10, 10, 10])  # type: ignore[arg-type]
    assert [len(offered) for _, offered in first] == [ceil(100 * 0.25 * OVERBOOK)] * 2
    assert first[0][1] + first[1][1] == meetings[:2 * len(first[0][1])]
    last = _offers(meetings[:40], range(2, 4), [10, 10, 10, 10])  # type: ignore[arg-type]
    assert last[1][1] == meetings[len(last[0][1]):40]
