"""`rhythm org check`: the organisation's rules, checked on the written plans without a solver.
Each message names the building, day, teams or people concerned, in the language in use
(`i18n`, as `rhythm check`'s); the rule's name stays the contract's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from i18n import _, formats
from scheduler.domain import CalendarFacts
from scheduler.validate import Violation

from .coffee_people import Person, listed, people_of, working
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
    people: Mapping[str, Person] | None = None,  # `people_of(org, plans, facts)`, if known already
) -> list[OrgViolation]:
    found = missing_plans(org, plans) + building_capacity(org, plans) + one_week_per_person(org, plans)
    found += affinity_days(org, plans, summary) + inferred_affinities_reported(org, summary)
    found += buddies_on_the_same_days(org, plans, summary)
    if coffee is not None and coffee.get("round"):
        known = people if people is not None else people_of(org, plans, facts)
        found += coffee_pairs(org, plans, coffee, known, recent)
    return found


def missing_plans(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[OrgViolation]:
    return [
        OrgViolation("team_plans", _("team %(team)s has no plan", team=t.name))
        for t in org.teams
        if t.name not in plans
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
                    _("%(building)s on %(day)s: %(count)d people, more than its %(desks)d desks "
                      "(most from %(teams)s)", building=building, day=formats.day(day, padded=True),
                      count=len(people), desks=desks, teams=", ".join(f"{t} ({n})" for t, n in teams)),
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
                    _("%(person)s has different office days in %(weeks)s", person=person, weeks="; ".join(
                        f"{t}: {_iso_days(d) or _('none')}"
                        for t, d in weeks.items())),
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
                    _("%(first)s and %(second)s: the summary says they share %(said)s, their plans share "
                      "%(planned)s", first=a, second=b, said=_days(said) or _("no day"),
                      planned=_days(days) or _("no day")),
                )
            )
        if not days and not entry.get("reason"):
            found.append(
                OrgViolation(
                    "affinity_days", _("%(first)s and %(second)s share no office day and the summary gives "
                                       "no reason", first=a, second=b)
                )
            )
    return found


def inferred_affinities_reported(org: OrgRequest, summary: Mapping[str, Any]) -> list[OrgViolation]:
    """Every affinity of the organisation, given or inferred from shared members and meetings,
    is reported in the summary."""
    reported = {tuple(sorted(e["teams"])) for e in summary.get("affinities", [])}
    return [
        OrgViolation("affinity_days", _("%(first)s and %(second)s: affinity (%(reason)s) missing from the "
                                        "summary", first=a.teams[0], second=b, reason=a.reason))
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
                    _("%(newcomer)s (%(team)s) is at the office on %(days)s without their buddy %(buddy)s",
                      newcomer=name(entry["member"]), team=entry["team"],
                      days=_iso_days(sorted(mine - theirs)),
                      buddy=name(entry["buddy"])),
                )
            )
    return found


def coffee_pairs(
    org: OrgRequest,
    plans: Mapping[str, PlanJson],
    coffee: Mapping[str, Any],
    people: Mapping[str, Person],
    recent: set[frozenset[str]],
) -> list[OrgViolation]:
    """Each pair: two people of different teams, at their building on an office day both have,
    both free for the whole slot inside working hours; nobody twice; no pair of the last six
    rounds; every listed person paired or left out with a reason."""
    found: list[OrgViolation] = []
    seen: Counter[str] = Counter()
    for pair in coffee.get("pairs", []):
        a, b = (people.get(p) for p in pair["people"])
        if a is None or b is None:
            found.append(OrgViolation("coffee_pairs", _("%(names)s: not both people of the organisation",
                                                         names=_pair_names(pair, people))))
            continue
        seen.update(pair["people"])
        start, end = datetime.fromisoformat(pair["start"]), datetime.fromisoformat(pair["end"])
        day = start.date()
        problems = []
        if a.teams & b.teams:
            problems.append(_("both in %(teams)s", teams=", ".join(sorted(a.teams & b.teams))))
        if not a.building == b.building == pair["building"]:
            problems.append(_("not both at %(building)s (%(first)s, %(second)s)", building=pair["building"],
                              first=a.building, second=b.building))
        for p in (a, b):
            if day not in p.office_days:
                problems.append(_("%(name)s is not at the office on %(day)s", name=p.name,
                                  day=formats.day(day, padded=True)))
            w0, w1 = working(p, day)
            if start < w0 or end > w1:
                problems.append(_("%(name)s is not working the whole slot", name=p.name))
            if any(s < end and start < e for s, e in p.busy):
                problems.append(_("%(name)s is busy then (a meeting, lunch, focus block or calendar event)",
                                  name=p.name))
        if frozenset((a.id, b.id)) in recent:
            problems.append(_("they met in one of the last six rounds"))
        if (end - start).total_seconds() / 60 < coffee.get("minutes", 0):
            problems.append(_("the slot is shorter than %(minutes)d minutes", minutes=coffee["minutes"]))
        if problems:  # the names and the time in words only where they are told: 5,000 pairs at 10,000 people
            names, when = _pair_names(pair, people), f"{formats.day(day, padded=True)} {formats.clock(start)}"
            found += [OrgViolation("coffee_pairs", _("%(names)s at %(when)s: %(problem)s", names=names,
                                                     when=when, problem=p)) for p in problems]
    found += [
        OrgViolation("coffee_pairs", _("%(name)s has %(count)d coffee dates this round", name=people[p].name,
                                       count=n))
        for p, n in seen.items()
        if n > 1
    ]
    excused = {e["member"] for e in coffee.get("left_out", []) if e.get("reason")}
    for person in people.values():
        if listed(org, person) and person.id not in seen and person.id not in excused:
            found.append(OrgViolation("coffee_pairs", _("%(name)s has no coffee date and no reason why",
                                                         name=person.name)))
    return found


def _pair_names(pair: Mapping[str, Any], people: Mapping[str, Person]) -> str:
    """People as a manager knows them: by name (ids are the requests' keys)."""
    first, second = (people[p].name if p in people else p for p in pair["people"])
    return _("%(first)s and %(second)s", first=first, second=second)


def _days(days: list[date]) -> str:
    return ", ".join(formats.day(d, padded=True) for d in days)


def _iso_days(days: Iterable[str]) -> str:
    """A plan's office days (ISO dates) as the language writes them: `ma 30 nov`."""
    return _days([date.fromisoformat(d) for d in days])
