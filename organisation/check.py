"""`rhythm org check`: the organisation's rules, checked on the written plans without a solver.
Each message names the building, day, teams or people concerned."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from scheduler.domain import CalendarFacts
from scheduler.validate import Violation

from .coffee_people import listed, people_of, working
from .domain import OrgRequest
from .occupancy import PlanJson, people_at, team_office_days

# A broken organisation rule is the core's broken rule: the rule's name and one sentence.
OrgViolation = Violation


def check_org(
    org: OrgRequest,
    plans: Mapping[str, PlanJson],
    summary: Mapping[str, Any],
    coffee: Mapping[str, Any] | None,
    facts: Mapping[str, Mapping[str, CalendarFacts]],
    recent: set[frozenset[str]],
) -> list[OrgViolation]:
    found = missing_plans(org, plans) + building_capacity(org, plans) + one_week_per_person(org, plans)
    found += affinity_days(org, plans, summary) + inferred_affinities_reported(org, summary)
    found += buddies_on_the_same_days(org, plans, summary)
    if coffee is not None and coffee.get("round"):
        found += coffee_pairs(org, plans, coffee, facts, recent)
    return found


def missing_plans(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[OrgViolation]:
    return [
        OrgViolation("team_plans", f"team {t.name} has no plan") for t in org.teams if t.name not in plans
    ]


def building_capacity(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[OrgViolation]:
    """Hard: a building never holds more people on a day than it has desks, across all its teams."""
    found = []
    for (building, day), people in sorted(people_at(org, plans).items()):
        desks = org.building(building).desks
        if len(people) > desks:
            teams = Counter(org.home_team[p] for p in people).most_common(3)
            found.append(
                OrgViolation(
                    "building_capacity",
                    f"{building} on {day:%a %d %b}: {len(people)} people, "
                    f"more than its {desks} desks (most from "
                    f"{', '.join(f'{t} ({n})' for t, n in teams)})",
                )
            )
    return found


def one_week_per_person(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[OrgViolation]:
    """A person in several teams of one building has the same office days in each team's plan."""
    found = []
    for person, teams in org.teams_of.items():
        here = [t for t in teams if t in plans and org.team(t).building == org.building_of(person)]
        weeks = {t: tuple(plans[t]["office_days"].get(person, [])) for t in here}
        if len(set(weeks.values())) > 1:
            found.append(
                OrgViolation(
                    "one_week_per_person",
                    f"{person} has different office days in "
                    + "; ".join(f"{t}: {', '.join(d) or 'none'}" for t, d in weeks.items()),
                )
            )
    return found


def affinity_days(
    org: OrgRequest, plans: Mapping[str, PlanJson], summary: Mapping[str, Any]
) -> list[OrgViolation]:
    """The summary's affinity pairs say truly which days both teams are at the office, and a
    pair that shares none says why."""
    found = []
    for entry in summary.get("affinities", []):
        a, b = entry["teams"]
        if a not in plans or b not in plans:
            continue
        same = org.team(a).building == org.team(b).building
        days = sorted(team_office_days(plans[a]) & team_office_days(plans[b])) if same else []
        said = [date.fromisoformat(d) for d in entry.get("days", [])]
        if said != days or bool(entry.get("shares")) != bool(days):
            found.append(
                OrgViolation(
                    "affinity_days",
                    f"{a} and {b}: the summary says they share "
                    f"{_days(said) or 'no day'}, their plans share {_days(days) or 'no day'}",
                )
            )
        if not days and not entry.get("reason"):
            found.append(
                OrgViolation(
                    "affinity_days", f"{a} and {b} share no office day and the summary gives no reason"
                )
            )
    return found


def inferred_affinities_reported(org: OrgRequest, summary: Mapping[str, Any]) -> list[OrgViolation]:
    """Every affinity of the organisation, given or inferred from shared members and meetings,
    is reported in the summary."""
    reported = {tuple(sorted(e["teams"])) for e in summary.get("affinities", [])}
    return [
        OrgViolation("affinity_days", f"{a.teams[0]} and {b}: affinity ({a.reason}) missing from the summary")
        for a in org.affinities
        for b in [a.teams[1]]
        if a.teams not in reported
    ]


def buddies_on_the_same_days(
    org: OrgRequest, plans: Mapping[str, PlanJson], summary: Mapping[str, Any]
) -> list[OrgViolation]:
    """A newcomer's buddy is at the office on every office day the newcomer is."""
    found = []
    for entry in summary.get("onboarding", []):
        plan = plans.get(entry["team"])
        if plan is None or not entry.get("buddy"):
            continue
        mine = set(plan["office_days"].get(entry["member"], []))
        theirs = set(plan["office_days"].get(entry["buddy"], []))
        if mine - theirs:
            team = next((t for t in org.teams if t.name == entry["team"]), None)
            name = team.request.name_of if team else str
            found.append(
                OrgViolation(
                    "onboarding",
                    f"{name(entry['member'])} ({entry['team']}) is at the office on "
                    f"{', '.join(sorted(mine - theirs))} without their buddy {name(entry['buddy'])}",
                )
            )
    return found


def coffee_pairs(
    org: OrgRequest,
    plans: Mapping[str, PlanJson],
    coffee: Mapping[str, Any],
    facts: Mapping[str, Mapping[str, CalendarFacts]],
    recent: set[frozenset[str]],
) -> list[OrgViolation]:
    """Each pair: two people of different teams, at their building on an office day both have,
    both free for the whole slot inside working hours; nobody twice; no pair of the last six
    rounds; every listed person paired or left out with a reason."""
    people, found = people_of(org, plans, facts), []
    seen: Counter[str] = Counter()
    for pair in coffee.get("pairs", []):
        a, b = (people.get(p) for p in pair["people"])
        # People as a manager knows them: by name (ids are the requests' keys).
        names = " and ".join(people[p].name if p in people else p for p in pair["people"])
        if a is None or b is None:
            found.append(OrgViolation("coffee_pairs", f"{names}: not both people of the organisation"))
            continue
        seen.update(pair["people"])
        start, end = datetime.fromisoformat(pair["start"]), datetime.fromisoformat(pair["end"])
        day = start.date()
        problems = []
        if a.teams & b.teams:
            problems.append(f"both in {', '.join(sorted(a.teams & b.teams))}")
        if not a.building == b.building == pair["building"]:
            problems.append(f"not both at {pair['building']} ({a.building}, {b.building})")
        for p in (a, b):
            if day not in p.office_days:
                problems.append(f"{p.name} is not at the office on {day:%a %d %b}")
            w0, w1 = working(p, day)
            if start < w0 or end > w1:
                problems.append(f"{p.name} is not working the whole slot")
            if any(s < end and start < e for s, e in p.busy):
                problems.append(f"{p.name} is busy then (a meeting, lunch, focus block or calendar event)")
        if frozenset((a.id, b.id)) in recent:
            problems.append("they met in one of the last six rounds")
        if (end - start).total_seconds() / 60 < coffee.get("minutes", 0):
            problems.append(f"the slot is shorter than {coffee['minutes']} minutes")
        found += [OrgViolation("coffee_pairs", f"{names} at {start:%a %d %b %H:%M}: {p}") for p in problems]
    found += [
        OrgViolation("coffee_pairs", f"{people[p].name} has {n} coffee dates this round")
        for p, n in seen.items()
        if n > 1
    ]
    excused = {e["member"] for e in coffee.get("left_out", []) if e.get("reason")}
    for person in people.values():
        if listed(org, person) and person.id not in seen and person.id not in excused:
            found.append(OrgViolation("coffee_pairs", f"{person.name} has no coffee date and no reason why"))
    return found


def _days(days: list[date]) -> str:
    return ", ".join(f"{d:%a %d %b}" for d in days)
