"""The organisation summary: desks used per building and day against capacity, which
affinity pairs share an office day (and why not), and each team's price of coordination
against planning alone.

Its reasons are written once, in the language of the run (`--lang`, or the planner's on the
web): the stored summary is what the organisation's page shows, as a stored plan keeps the
words it was made with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from i18n import _

from .domain import OrgRequest
from .occupancy import PlanJson, people_at, team_office_days, week_days
from .onboarding import buddies
from .planner import OrgOutcome


def summarise(outcome: OrgOutcome) -> dict[str, Any]:
    org = outcome.org
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    alone = {t: r.plan for t, r in outcome.alone.items() if r.plan is not None}
    summary: dict[str, Any] = {
        "version": 1,
        "organisation": org.organisation,
        "week": org.week.isoformat(),
        "master": {"status": outcome.master.status, "office_weekdays": dict(outcome.master.days)},
        "buildings": desks_used(org, plans),
        "affinities": affinity_days(org, plans),
        "teams": price_of_coordination(org, plans, alone),
        "errors": [r.error for r in outcome.plans.values() if r.error],
        "seconds": outcome.seconds,
        # CPU seconds of the team solves, where they ran (pool process or Celery worker).
        "team_cpu_seconds": round(sum(r.cpu_seconds for r in outcome.plans.values()), 2),
    }
    summary["affinity_days"] = sum(len(a["days"]) for a in summary["affinities"])
    summary["meetings"] = meetings_placed(summary["teams"])
    summary["onboarding"] = onboarding_of(outcome, plans)
    if alone:
        alone_affinities = affinity_days(org, alone)
        summary["alone"] = {
            "buildings": desks_used(org, alone),
            "affinities_sharing": sum(a["shares"] for a in alone_affinities),
            "affinity_days": sum(len(a["days"]) for a in alone_affinities),
        }
        summary["alone"]["overflow_days"] = sum(
            1 for b in summary["alone"]["buildings"] for d in b["days"] if d["people"] > b["desks"]
        )
    return summary


LIVELY = (0.5, 0.85)  # share of desks used on a lively day: the Dutch occupancy studies' healthy band


def desks_used(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[dict[str, Any]]:
    """People per building and day against its desks, and how many days are lively."""
    present = people_at(org, plans)
    found = []
    for b in org.buildings:
        people = [len(present.get((b.id, d), ())) for d in week_days(org)]
        days = [{"date": d.isoformat(), "people": n} for d, n in zip(week_days(org), people, strict=True)]
        lively = sum(1 for n in people if b.desks and LIVELY[0] <= n / b.desks <= LIVELY[1])
        found.append(
            {
                "id": b.id,
                "desks": b.desks,
                "days": days,
                "lively_days": lively,
                "lively_share": round(lively / len(days), 3) if days else 0.0,
            }
        )
    return found


def meetings_placed(teams: list[dict[str, Any]]) -> dict[str, Any]:
    """Meetings placed with the organisation against each team planning alone: the price of
    coordination in meetings, and the share of each team's time together kept."""
    placed = sum(t.get("meetings_placed", 0) for t in teams)
    found: dict[str, Any] = {
        "placed": placed,
        "requested": sum(t.get("meetings_requested", 0) for t in teams),
    }
    if any("alone_meetings_placed" in t for t in teams):
        alone = sum(t.get("alone_meetings_placed", 0) for t in teams)
        kept = [t["overlap_kept"] for t in teams if "overlap_kept" in t]
        found.update(
            alone=alone,
            lost=alone - placed,
            overlap_kept=round(sum(kept) / len(kept), 3) if kept else 1.0,
            teams_losing=sorted(
                (t["team"] for t in teams if t.get("alone_meetings_placed", 0) > t.get("meetings_placed", 0)),
            ),
        )
    return found


def coffee_summary(org: OrgRequest, coffee: Mapping[str, Any]) -> dict[str, Any]:
    """The round's reach and each person without a date, by name and team, with the reason."""
    if not coffee.get("round"):
        return {"round": False, "reason": coffee.get("reason", "")}
    return {
        "round": True,
        "dates": len(coffee["pairs"]),
        "reach": coffee.get("reach", {}),
        "left_out": [
            {
                "name": org.team(org.home_team[e["member"]]).request.member(e["member"]).name,
                "team": org.home_team[e["member"]],
                "reason": e["reason"],
            }
            for e in coffee["left_out"]
            if e["member"] in org.home_team
        ],
    }


def affinity_days(org: OrgRequest, plans: Mapping[str, PlanJson]) -> list[dict[str, Any]]:
    found = []
    for affinity in org.affinities:
        a, b = affinity.teams
        entry: dict[str, Any] = {"teams": [a, b], "weight": affinity.weight, "source": affinity.reason}
        if a not in plans or b not in plans:
            entry.update(shares=False, days=[], reason=_("a team has no plan"))
        elif org.team(a).building != org.team(b).building:
            entry.update(
                shares=False,
                days=[],
                reason=_("in different buildings (%(first)s, %(second)s)", first=org.team(a).building,
                         second=org.team(b).building),
            )
        else:
            days = sorted(team_office_days(plans[a]) & team_office_days(plans[b]))
            entry.update(shares=bool(days), days=[d.isoformat() for d in days])
            if not days:
                entry["reason"] = _(
                    "the desks of %(building)s could not hold both on a common day, or no day "
                    "suits both teams' members", building=org.team(a).building)
        found.append(entry)
    return found


def price_of_coordination(
    org: OrgRequest, plans: Mapping[str, PlanJson], alone: Mapping[str, PlanJson]
) -> list[dict[str, Any]]:
    """Per team: meetings placed and time together at the office, planned with the
    organisation against planned alone (the team's own best week)."""
    rows = []
    for team in org.teams:
        plan, own = plans.get(team.name), alone.get(team.name)
        row: dict[str, Any] = {"team": team.name, "building": team.building}
        if plan is not None:
            row.update(
                meetings_placed=plan["metrics"]["meetings_placed"],
                meetings_requested=plan["metrics"]["meetings_requested"],
                office_pair_days=plan["metrics"]["office_pair_days"],
                status=plan["status"],
            )
        if own is not None:
            row.update(
                alone_meetings_placed=own["metrics"]["meetings_placed"],
                alone_office_pair_days=own["metrics"]["office_pair_days"],
            )
            if plan is not None:
                best = own["metrics"]["office_pair_days"]
                row["overlap_kept"] = round(plan["metrics"]["office_pair_days"] / best, 3) if best else 1.0
        rows.append(row)
    return rows


def onboarding_of(outcome: OrgOutcome, plans: Mapping[str, PlanJson]) -> list[dict[str, Any]]:
    """Each newcomer with their buddy and the office days the plan gives them."""
    found = []
    for team in outcome.org.teams:
        master = outcome.master
        for b in buddies(outcome.org, team, outcome.teams[team.name], master.days, master.people,
                         master.buddies):
            days = plans[team.name]["office_days"].get(b.newcomer, []) if team.name in plans else []
            found.append(
                {"member": b.newcomer, "name": team.request.name_of(b.newcomer), "team": team.name,
                 "buddy": b.buddy, "days": days}
                | ({} if b.buddy else {"reason": _("nobody else in the team can come on those days")})
            )
    return found
