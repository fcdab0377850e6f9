"""Onboarding: a newcomer gets more office days, and a buddy of the same team on those days."""

from __future__ import annotations

from pathlib import Path

from organisation.check import check_org
from organisation.planner import plan_org
from organisation.summary import summarise
from organisation.teams import in_process_pool

from .factories import org, plan, summary, team

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ics"

ONBOARDING = {"onboarding": {"weeks": 6, "office_days": 3}}


def newcomer_team():
    platform = team("platform", ["ana", "bram", "cas", "dewi"])
    platform["members"][0]["starts"] = "2026-11-16"  # two weeks before the planned week
    return platform


def test_a_newcomer_and_buddy_come_on_the_same_three_days():
    o = org([newcomer_team(), team("data", ["eva", "femke"])], **ONBOARDING)
    outcome = plan_org(o, in_process_pool(1), master_time_limit=3, alone=False)
    result = summarise(outcome)
    entry = next(e for e in result["onboarding"] if e["member"] == "ana")
    asked = {m["id"]: m["office"].get("always") for m in outcome.documents["platform"]["members"]}
    assert len(asked["ana"]) == 3 and asked[entry["buddy"]] == asked["ana"]  # the request as planned
    days = outcome.plans["platform"].plan["office_days"]
    assert len(days["ana"]) == 3 and set(days["ana"]) <= set(days[entry["buddy"]])
    plans = {t: r.plan for t, r in outcome.plans.items()}
    assert [v for v in check_org(o, plans, result, None, {}, set()) if v.rule == "onboarding"] == []


def test_a_newcomer_alone_at_the_office_breaks_onboarding():
    o = org([newcomer_team(), team("data", ["eva", "femke"])], **ONBOARDING)
    plans = {"platform": plan("platform", {"ana": ["2026-11-30", "2026-12-01"], "bram": ["2026-12-01"]}),
             "data": plan("data", {"eva": ["2026-12-01"]})}
    onboarding = [{"member": "ana", "team": "platform", "buddy": "bram", "days": []}]
    broken = check_org(o, plans, {**summary([]), "onboarding": onboarding}, None, {}, set())
    assert [v.message for v in broken if v.rule == "onboarding"] == [
        "Ana (platform) is at the office on Mon 30 Nov without their buddy Bram"]


def test_someone_who_started_long_ago_is_no_newcomer():
    platform = newcomer_team()
    platform["members"][0]["starts"] = "2025-01-06"
    outcome = plan_org(org([platform, team("data", ["eva", "femke"])], **ONBOARDING), in_process_pool(1),
                       master_time_limit=3, alone=False)
    assert summarise(outcome)["onboarding"] == []


def test_a_newcomer_with_an_always_day_keeps_it_within_the_maximum():
    from organisation.onboarding import buddies
    from organisation.presence import team_days

    crew = team("crew", ["ana", "bram", "cas"], rules={"office_days": {"min": 2, "max": 3}})
    crew["members"][0]["starts"] = "2026-11-23"
    crew["members"][0]["office"] = {"always": ["mon"]}
    o = org([crew], onboarding={"weeks": 6, "office_days": 3})
    (found,) = buddies(o, o.team("crew"), team_days(o, o.team("crew"), {}), {"crew": ("tue", "wed", "thu")})
    assert found.days == ("mon", "tue", "wed") and found.buddy == "bram"


def test_a_teammate_whose_calendar_says_away_is_not_the_buddy():
    """Bram's calendar says he is on holiday from Tuesday: he can come on Monday only, so he
    cannot be at the office on Ana's three days; Cas can. Before, a whole-day team's buddy was
    checked against `office.never` only: Bram was chosen, and Ana came in without him."""
    platform = newcomer_team()
    away = (FIXTURES / "away_all_week_but_monday.ics").read_text("utf-8")
    platform["members"][1]["calendars"] = [{"ics": away}]
    o = org([platform, team("data", ["eva", "femke"])], **ONBOARDING)
    outcome = plan_org(o, in_process_pool(1), master_time_limit=3, alone=False)
    result = summarise(outcome)
    assert [(e["member"], e["buddy"]) for e in result["onboarding"]] == [("ana", "cas")]
    plans = {t: r.plan for t, r in outcome.plans.items()}
    days = plans["platform"]["office_days"]
    assert len(days["ana"]) == 3 and set(days["ana"]) <= set(days["cas"])
    assert [v for v in check_org(o, plans, result, None, {}, set()) if v.rule == "onboarding"] == []


def new_on_monday_beside_three_always_in() -> tuple[dict, dict]:
    """Ana (new to crew) always comes on Monday; the data team's three are always in then."""
    crew = team("crew", ["ana", "bram", "cas"], rules={"office_days": {"min": 2, "max": 3}})
    crew["members"][0]["starts"] = "2026-11-23"
    crew["members"][0]["office"] = {"always": ["mon"]}
    data = team("data", ["eva", "femke", "gijs"])
    for member in data["members"]:
        member["office"] = {"always": ["mon"]}
    return crew, data


def test_a_newcomers_buddy_takes_a_desk_on_the_newcomers_own_always_day():
    """Ana (new) always comes on Monday, so her buddy comes then too, though Monday is not
    one of the team's days: with the data team always in, Monday needs 5 desks of 4. Before,
    the master counted 4, planned every team, and the final check refused the whole plan
    (seen at 10,000 people: one person over a building's desks)."""
    import pytest

    from organisation.master import MasterInfeasible

    crew, data = new_on_monday_beside_three_always_in()
    tight = org([crew, data], desks=4, **ONBOARDING)
    with pytest.raises(MasterInfeasible):
        plan_org(tight, in_process_pool(1), master_time_limit=3, alone=False)
    roomy = org([crew, data], desks=5, **ONBOARDING)
    outcome = plan_org(roomy, in_process_pool(1), master_time_limit=3, alone=False)
    plans = {t: r.plan for t, r in outcome.plans.items()}
    assert check_org(roomy, plans, summarise(outcome), None, {}, set()) == []


def test_a_refusal_for_a_buddys_desk_names_the_buddy_and_its_numbers_add_up():
    """The same tight building: the refusal counts the buddy Ana's Monday brings, names whose
    buddy it is, and its people add up to more than the desks (before: "no count shows a
    single cause")."""
    import re

    import pytest

    from organisation.master import MasterInfeasible

    crew, data = new_on_monday_beside_three_always_in()
    with pytest.raises(MasterInfeasible) as refused:
        plan_org(org([crew, data], desks=4, **ONBOARDING), in_process_pool(1), master_time_limit=3,
                 alone=False)
    found = re.search(r"utrecht on mon: (\d+) people must be at the office \(office.always or their "
                      r"calendar: (.*); the buddies of newcomers always in that day: (\d+), "
                      r"for ana of crew\), more than its (\d+) desks", str(refused.value))
    assert found, str(refused.value)
    total, per_team, buddies, desks = found.groups()
    assert per_team == "data 3, crew 1" and int(buddies) == 1
    assert int(total) == 3 + 1 + 1 == 5 > int(desks) == 4


def test_a_teammate_already_in_is_the_buddy_and_takes_no_more_desk():
    """Bram is always in on Monday too, so he can be Ana's buddy there: Monday needs 4 desks
    of 4, which no count refuses (a refusal counting every buddy as one more would say 5)."""
    from organisation.presence import team_days
    from organisation.refusal import why_not

    crew = team("crew", ["ana", "bram", "cas"], rules={"office_days": {"min": 2, "max": 3}})
    crew["members"][0]["starts"] = "2026-11-23"
    crew["members"][0]["office"] = {"always": ["mon"]}
    crew["members"][1]["office"] = {"always": ["mon"]}
    data = team("data", ["eva", "femke"])
    for member in data["members"]:
        member["office"] = {"always": ["mon"]}
    o = org([crew, data], desks=4, **ONBOARDING)
    assert why_not(o, {t.name: team_days(o, t, {}) for t in o.teams}) == []


def test_a_split_teams_newcomer_gets_a_buddy_who_can_come_on_their_days():
    """The crew's office_capacity (3) is below its size, so the master plans it per person.
    Ana (new) is always in on Monday and Bram never comes on Monday: Bram cannot be her buddy,
    Cas can. Before, the master took the first teammate and the building's plan was
    impossible ("no count shows a single cause"; seen at 100,000 people)."""
    crew = team("crew", ["ana", "bram", "cas", "dewi"],
                rules={"office_days": {"min": 2, "max": 3}, "office_capacity": 3})
    crew["members"][0]["starts"] = "2026-11-23"
    crew["members"][0]["office"] = {"always": ["mon"]}
    crew["members"][1]["office"] = {"never": ["mon"]}
    o = org([crew, team("data", ["eva", "femke"])], **ONBOARDING)
    outcome = plan_org(o, in_process_pool(1), master_time_limit=3, alone=False)
    assert "crew" in outcome.master.split and outcome.master.buddies["ana"] not in (None, "bram")
    plans = {t: r.plan for t, r in outcome.plans.items()}
    assert check_org(o, plans, summarise(outcome), None, {}, set()) == []
    days = plans["crew"]["office_days"]
    assert "2026-11-30" in days["ana"] and set(days["ana"]) <= set(days[outcome.master.buddies["ana"]])


def test_a_newcomers_buddy_comes_on_the_day_her_calendar_puts_her_at_the_office():
    """Ana's (new) calendar says she works at the office on Friday, which is not one of the
    team's days: she comes then whatever the team's days, so her buddy comes too. Before, only
    her `office.always` days counted: she was at the office on Friday without Bram (seen at
    100,000 people, where the final check refused the whole organisation)."""
    from connectors.sources import read_team_calendars
    from organisation.presence import team_days
    from organisation.restrict import restricted_document
    from organisation.teams import TeamJob, solve_team

    platform = newcomer_team()
    friday = (FIXTURES / "at_the_office_on_friday.ics").read_text("utf-8")
    platform["members"][0]["calendars"] = [{"ics": friday}]
    o = org([platform, team("data", ["eva", "femke"])], **ONBOARDING)
    crew = o.team("platform")
    td = team_days(o, crew, read_team_calendars(crew.request))
    days = {"platform": ("mon", "tue", "wed"), "data": ("mon", "tue")}
    document = restricted_document(o, crew, td, days)
    solved = solve_team(TeamJob("platform", document, None, 10.0))
    assert solved.error is None
    office = solved.plan["office_days"]
    members = document["members"]
    buddy = next(m["id"] for m in members if m["id"] != "ana" and "fri" in m["office"].get("always", []))
    assert "2026-12-04" in office["ana"] and set(office["ana"]) <= set(office[buddy])
    plans = {"platform": solved.plan, "data": plan("data", {"eva": ["2026-11-30"], "femke": ["2026-11-30"]})}
    onboarding = [{"member": "ana", "team": "platform", "buddy": buddy, "days": []}]
    broken = check_org(o, plans, {**summary([]), "onboarding": onboarding}, None, {}, set())
    assert [v for v in broken if v.rule == "onboarding"] == []
