"""Who may open the organisation's page: the planners and the teams' managers its request
names, by address (the web app shows it to their confirmed accounts only)."""

from __future__ import annotations

import pytest

from organisation.request import parse_org
from scheduler.errors import RequestError

from .factories import WEEK, team


def document(**extra: object) -> dict[str, object]:
    return {"version": 1, "organisation": "acme", "timezone": "Europe/Amsterdam", "week": WEEK,
            "buildings": [{"id": "utrecht", "desks": 10}],
            "teams": [{"building": "utrecht", "request": team("red", ["ana"]),
                       "managers": ["Mia@Example.com"]},
                      {"building": "utrecht", "request": team("blue", ["bram"])}], **extra}


def test_the_planners_and_the_teams_managers_may_open_the_page() -> None:
    org = parse_org(document(planners=["pia@example.com", "MIA@example.com"]))
    assert org.viewers == ("mia@example.com", "pia@example.com")
    assert org.team("red").managers == ("mia@example.com",) and org.team("blue").managers == ()


def test_without_planners_or_managers_nobody_may() -> None:
    plain = document()
    plain["teams"] = [{"building": "utrecht", "request": team("red", ["ana"])}]
    assert parse_org(plain).viewers == ()


def test_a_planner_that_is_not_an_address_is_named() -> None:
    with pytest.raises(RequestError) as refused:
        parse_org(document(planners=["the planning office"]))
    assert [p.path for p in refused.value.problems] == ["planners[0]"]
