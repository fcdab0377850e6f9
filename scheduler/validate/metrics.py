"""Rules on what the plan says about itself: its header, its times, its metrics."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from math import comb
from typing import get_args

from i18n import gettext

from ..domain import Status
from ..domain.availability import busy_at_work, days_off
from ..domain.office_bound import full_office_days, office_efficiency
from .check import Check
from .office import fixed_place, office_counts
from .week import day_label

STATUSES: tuple[str, ...] = get_args(Status)


def times_have_offsets(check: Check) -> Iterator[str]:
    """Every time in the plan states its UTC offset (the others are read in the team's zone)."""
    raw = check.raw
    stamped: list[tuple[str, datetime]] = [
        *((f"{m.id} ({m.title})", t) for m in raw.meetings for t in (m.start, m.end)),
        *((f"{b.member}'s lunch", t) for b in raw.lunches for t in (b.start, b.end)),
        *((f"{b.member}'s focus block", t) for b in raw.focus for t in (b.start, b.end)),
        *((f"the {e.kind} exception in the week of {e.week}", t)
          for e in raw.exceptions for t in (e.original, e.moved_to) if t is not None),
    ]
    for what, moment in stamped:
        if moment.tzinfo is None:
            yield gettext("%(what)s: %(isoformat)s has no UTC offset", what=what,
                          isoformat=moment.isoformat())


def plan_header(check: Check) -> Iterator[str]:
    """The plan is for the request's team, weeks and time zone, with a known status."""
    plan, request = check.plan, check.request
    if plan.version != request.version:
        yield gettext("the plan is version %(version)s, the request version %(version2)s",
                      version=plan.version, version2=request.version)
    if plan.team != request.team:
        yield gettext("the plan is for team '%(team)s', the request for '%(team2)s'", team=plan.team,
                      team2=request.team)
    if plan.week != request.week:
        yield gettext("the plan is for the week of %(week)s, the request for %(week2)s", week=plan.week,
                      week2=request.week)
    if plan.weeks != request.weeks:
        yield gettext("the plan covers %(weeks)s week(s), the request asks for %(weeks2)s",
                      weeks=plan.weeks, weeks2=request.weeks)
    if plan.timezone != request.timezone:
        yield gettext("the plan is in time zone %(timezone)s, the request in %(timezone2)s",
                      timezone=plan.timezone, timezone2=request.timezone)
    if plan.status not in STATUSES:
        yield gettext("the plan's status '%(status)s' is not one of %(join)s", status=plan.status,
                      join=', '.join(STATUSES))


def metrics(check: Check) -> Iterator[str]:
    """The plan's metrics agree with its own contents."""
    expected = {
        "meetings_requested": sum(r.per_week for r in check.request.meetings) * check.request.weeks,
        "meetings_placed": len(check.plan.meetings),
        "office_pair_days": sum(comb(n, 2) for n in office_counts(check).values()),
    }
    for name, value in expected.items():
        stated = check.plan.metrics.get(name)
        if stated is None:
            yield gettext("the metrics leave out %(name)s (%(value)s)", name=name, value=value)
        elif stated != value:
            yield gettext("the metrics say %(name)s is %(stated)s, but the plan gives %(value)s", name=name,
                          stated=stated, value=value)


def office_efficiency_stated(check: Check) -> Iterator[str]:
    """A stated office_efficiency is office pairs over the most these office-day counts give."""
    # Older plans leave it out.
    stated = check.plan.metrics.get("office_efficiency")
    if stated is None:
        return
    value = office_efficiency(check.request, check.plan.office_days, _possible(check))
    if abs(stated - value) > 1e-4:
        yield gettext("the metrics say office_efficiency is %(stated)s, but the plan gives %(value)s",
                      stated=stated, value=value)


def full_office_days_named(check: Check) -> Iterator[str]:
    """A plan stating its office_efficiency names exactly the days capacity keeps someone home."""
    # Older plans state neither.
    named = set(check.plan.full_office_days)
    if "office_efficiency" not in check.plan.metrics and not named:
        return
    full = set(full_office_days(check.request, check.plan.office_days, _possible(check)))
    for day in sorted(full - named):
        yield (gettext("the office is full on %(day)s with someone at home who could have come, but the "
                       "plan does not say so", day=day_label(day)))
    capacity = check.request.rules.office_capacity
    if check.plan.days_off is None and capacity is not None:
        # Plans made before plans stated their days off named every day at capacity.
        named -= {day for day, count in office_counts(check).items() if count >= capacity}
    for day in sorted(named - full):
        yield (gettext("the plan says capacity keeps someone home on %(day)s, but the office is not full or"
                       " everyone who could come is in", day=day_label(day)))


def calendars_stated(check: Check) -> Iterator[str]:
    """The days off and busy time a plan states for its figures are what the calendars say."""
    # Older plans state neither (None); a plan stating them states them for every member.
    plan = check.plan
    if plan.days_off is not None:
        expected = days_off(check.request, check.facts)
        for member in sorted(set(expected) | set(plan.days_off)):
            stated, actual = set(plan.days_off.get(member, ())), set(expected.get(member, ()))
            for day in sorted(actual - stated):
                yield gettext("%(member)s is off on %(day)s, but the plan does not say so", member=member,
                              day=day_label(day))
            for day in sorted(stated - actual):
                yield gettext("the plan says %(member)s is off on %(day)s, but their calendars do not",
                              member=member, day=day_label(day))
    if plan.busy is not None:
        expected_busy = busy_at_work(check.request, check.facts)
        for member in sorted(set(expected_busy) | set(plan.busy)):
            stated_busy, actual_busy = set(plan.busy.get(member, ())), set(expected_busy.get(member, ()))
            for day in sorted({check.day_of(i.start) for i in stated_busy ^ actual_busy}):
                yield (gettext("the busy time the plan states for %(member)s on %(day)s is not what their "
                               "calendars say", member=member, day=day_label(day)))


def _possible(check: Check) -> Callable[[str, date], bool]:
    """Whether a member could be at the office that day at all: working, and not fixed at home."""
    def possible(member_id: str, day: date) -> bool:
        fixed = fixed_place(check, check.members[member_id], day)
        return check.works(member_id, day) and (fixed is None or fixed == "office")
    return possible


def replan_changes(check: Check) -> Iterator[str]:
    """Each change a re-plan lists says what moved, was added or removed, when, and why."""
    # Only the shape: whether a change was right needs the plan in use, which is not here.
    needs = {"moved": ("before", "after"), "added": ("after",), "removed": ("before",)}
    for change in check.plan.changes:
        subject = change.request or (f"{change.member}'s {change.block}" if change.member and change.block
                                     else None)
        what = f"the {change.kind} change of {subject or 'something'}"
        if subject is None:
            yield gettext("%(what)s: a change names a meeting, or a member's lunch or focus block",
                          what=what)
        if change.kind not in needs:
            yield gettext("%(what)s: a change is moved, added or removed", what=what)
            continue
        for field in needs[change.kind]:
            if getattr(change, field) is None:
                yield gettext("%(what)s gives no time %(field)s", what=what, field=field)
        if not change.reason.strip():
            yield gettext("%(what)s gives no reason", what=what)
