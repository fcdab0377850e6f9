"""Each organisation rule, once kept and once broken, as `rhythm org check` sees it."""

from __future__ import annotations

from organisation.check import check_org
from organisation.coffee import coffee_round

from .factories import org, plan, summary, team

TWO = [team("platform", ["ana", "bram"]), team("data", ["cas", "dewi"])]
SHARED_AFFINITY = {"teams": ["data", "platform"], "shares": True, "days": ["2026-12-01"]}


def rules_broken(o, plans, summ, coffee=None, recent=frozenset()):
    return [v.rule for v in check_org(o, plans, summ, coffee, {}, set(recent))]


def test_capacity_across_teams_holds():
    o = org(TWO, desks=3)
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"], "bram": ["2026-12-01"]}),
        "data": plan("data", {"cas": ["2026-12-01"], "dewi": ["2026-12-03"]}),
    }
    assert rules_broken(o, plans, summary([SHARED_AFFINITY])) == []


def test_capacity_across_teams_broken():
    o = org(TWO, desks=3)
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"], "bram": ["2026-12-01"]}),
        "data": plan("data", {"cas": ["2026-12-01"], "dewi": ["2026-12-01"]}),
    }
    broken = check_org(o, plans, summary([SHARED_AFFINITY]), None, {}, set())
    assert [v.rule for v in broken] == ["building_capacity"]
    assert "utrecht on Tue 01 Dec: 4 people, more than its 3 desks" in broken[0].message


def test_affinity_days_reported_truly():
    o = org(TWO, affinities=[{"teams": ["platform", "data"], "weight": 2}])
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"]}),
        "data": plan("data", {"cas": ["2026-12-01"]}),
    }
    assert rules_broken(o, plans, summary([SHARED_AFFINITY])) == []


def test_affinity_days_claimed_but_not_shared():
    o = org(TWO, affinities=[{"teams": ["platform", "data"], "weight": 2}])
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"]}),
        "data": plan("data", {"cas": ["2026-12-03"]}),
    }
    assert rules_broken(o, plans, summary([SHARED_AFFINITY])) == ["affinity_days", "affinity_days"]


def test_inferred_affinity_from_a_shared_member_is_reported():
    o = org([team("platform", ["ana", "bram"]), team("data", ["cas", "ana"])])
    assert [(a.teams, a.reason) for a in o.affinities] == [
        (
            ("data", "platform"),
            "inferred: 1 shared member (ana) and meetings across them (platform/sync, data/sync)",
        )
    ]
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"]}),
        "data": plan("data", {"ana": ["2026-12-01"]}),
    }
    assert rules_broken(o, plans, summary([SHARED_AFFINITY])) == []


def test_inferred_affinity_missing_from_the_summary():
    o = org([team("platform", ["ana", "bram"]), team("data", ["cas", "ana"])])
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"]}),
        "data": plan("data", {"ana": ["2026-12-01"]}),
    }
    assert rules_broken(o, plans, summary([])) == ["affinity_days"]


COFFEE = {"coffee": {"minutes": 25, "every_weeks": 2, "members": "all"}}
SYNC = {
    "id": "sync#1",
    "request": "sync",
    "title": "sync",
    "start": "2026-12-01T10:00:00+01:00",
    "end": "2026-12-01T10:25:00+01:00",
    "attendees": ["ana", "bram"],
    "where": "office",
}


def coffee_plans():
    return {
        "platform": plan("platform", {"ana": ["2026-12-01"], "bram": ["2026-12-01"]}, [SYNC]),
        "data": plan("data", {"cas": ["2026-12-01"], "dewi": ["2026-12-01"]}),
    }


def test_coffee_pairs_are_new_and_in_valid_slots():
    o, plans = org(TWO, **COFFEE), coffee_plans()
    first = coffee_round(o, plans, {}, set(), None)
    met = {frozenset(p["people"]) for p in first["pairs"]}
    second = coffee_round(o, plans, {}, met, None)
    assert len(first["pairs"]) == len(second["pairs"]) == 2
    assert met.isdisjoint(frozenset(p["people"]) for p in second["pairs"])
    assert rules_broken(o, plans, summary([SHARED_AFFINITY]), second, met) == []


def test_coffee_pair_repeated_or_over_a_meeting():
    o, plans = org(TWO, **COFFEE), coffee_plans()
    over_sync = {
        "people": ["ana", "cas"],
        "names": ["Ana", "Cas"],
        "teams": ["platform", "data"],
        "building": "utrecht",
        "start": "2026-12-01T10:15:00+01:00",
        "end": "2026-12-01T10:40:00+01:00",
    }
    later = {
        **over_sync,
        "people": ["bram", "dewi"],
        "start": "2026-12-01T14:00:00+01:00",
        "end": "2026-12-01T14:25:00+01:00",
    }
    coffee = {"round": True, "minutes": 25, "pairs": [over_sync, later], "left_out": []}
    broken = check_org(o, plans, summary([SHARED_AFFINITY]), coffee, {}, {frozenset(("bram", "dewi"))})
    assert [v.message for v in broken] == [
        "Ana and Cas at Tue 01 Dec 10:15: Ana is busy then (a meeting, lunch, focus block or calendar event)",
        "Bram and Dewi at Tue 01 Dec 14:00: they met in one of the last six rounds",
    ]


def test_a_person_away_all_week_is_left_out_with_the_reason():
    o = org(TWO, **COFFEE)
    plans = {
        "platform": plan("platform", {"ana": ["2026-12-01"], "bram": []}),
        "data": plan("data", {"cas": ["2026-12-01"], "dewi": ["2026-12-01"]}),
    }
    result = coffee_round(o, plans, {}, set(), None)
    assert {"member": "bram", "reason": "no office day this week"} in result["left_out"]
    assert len(result["pairs"]) == 1


def test_not_a_coffee_week_two_weeks_apart():
    from datetime import date

    result = coffee_round(org(TWO, **COFFEE), coffee_plans(), {}, set(), date(2026, 11, 23))
    assert not result["round"] and "every 2 weeks" in result["reason"]
