"""Organisations as `bench/generate_org.py` makes them (teams over their capacity, big teams,
always days, people in two teams, newcomers): each is planned with every organisation rule
kept, or refused with counts that are true."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.generate_org import generate_org, write_org
from connectors.sources import read_team_calendars
from organisation.check import check_org
from organisation.master import MasterInfeasible
from organisation.planner import plan_org
from organisation.presence import team_days
from organisation.refusal import why_not
from organisation.request import read_org
from organisation.summary import summarise
from organisation.teams import in_process_pool


def test_generated_organisations_are_as_real_ones():
    org, documents = generate_org(1000, 3, 1)
    teams = list(documents.values())
    sizes = [len(t["members"]) for t in teams]
    capped = [t for t in teams if (t["rules"].get("office_capacity") or 99) < len(t["members"])]
    members = [m for t in teams for m in t["members"]]
    ids = Counter(m["id"] for m in members)
    assert max(sizes) > 30 and capped
    assert any("always" in m.get("office", {}) for m in members)
    assert any(n > 1 for n in ids.values())
    assert any("starts" in m for m in members) and org["onboarding"]
    desks = sum(b["desks"] for b in org["buildings"])
    assert 0.5 * 1000 <= desks <= 0.7 * 1000 + len(org["buildings"])


@pytest.mark.parametrize(("people", "buildings", "seed"), [(150, 2, 1), (200, 3, 2), (120, 1, 3)])
def test_every_generated_organisation_is_planned_or_truly_refused(tmp_path, people, buildings, seed):
    org = read_org(str(write_org(tmp_path, *generate_org(people, buildings, seed, coffee=False))))
    try:
        outcome = plan_org(org, in_process_pool(1), master_time_limit=5, team_time_limit=1, alone=False)
    except MasterInfeasible as refused:
        teams = {t.name: team_days(org, t, read_team_calendars(t.request)) for t in org.teams}
        reasons = why_not(org, teams)
        assert reasons and all(r in str(refused) for r in reasons)
        return
    assert [r.error for r in outcome.plans.values() if r.error] == []
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    assert check_org(org, plans, summarise(outcome), None, outcome.facts, set()) == []
    days = outcome.master.days  # coffee dates need another team at the office the same day
    for team in org.teams:
        others = [t for t in org.teams_in(team.building) if t.name != team.name]
        if others:
            assert any(set(days[team.name]) & set(days[t.name]) for t in others), team.name
