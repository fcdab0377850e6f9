"""A plan over several weeks, solved week by week around a rhythm chosen on the typical week.

One model of the whole horizon is the weeks' models side by side with the pattern on top:
six weeks of 200 members took 1.6 GiB and spent its minute without finding the rhythm a
person would pick (bench/RESULTS.md, issues 6 and 12). Here the rhythm is the plan of the
typical week (`scheduler.model.typical_week`), and each week is then planned on its own
with the rhythm as the plan it keeps first of all (`Week.keeps_rhythm`, the tier the whole
model gives the rhythm): it moves only what its calendars make it move. Only one week's
model is in memory at a time. The price: the rhythm is not proven the best over the
horizon, so such a plan is at most `feasible`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from scheduler.domain import Block, CalendarFacts, Plan, TeamRequest, weekday_of
from scheduler.model.candidates import Candidates, Slots
from scheduler.model.rule import Rule, grid_of
from scheduler.model.solution import Solution, read_solution
from scheduler.model.typical_week import typical_week
from scheduler.model.week import Week
from scheduler.plan.assemble import assemble_plan, blocks_of, placed_meeting, present_on
from scheduler.solve.policy import Budget, SolveSettings
from scheduler.solve.week_solve import refuse_contradictions, solve_week

log = logging.getLogger("rhythm.solver")

# Nothing of the rhythm is frozen because it starts soon: it is a pattern, not a plan in use.
LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


def by_week(request: TeamRequest, current: Plan | None, settings: SolveSettings) -> bool:
    """Whether a request is planned week by week (a re-plan keeps its one model: the plan
    in use ties the weeks together)."""
    if request.weeks < 2 or current is not None:
        return False
    if settings.horizon != "auto":
        return settings.horizon == "by_week"
    return len(request.members) * request.weeks > settings.policy.whole_horizon_member_weeks


@dataclass(frozen=True)
class SolvedWeek:
    week: Week
    slots: Slots
    solution: Solution


def plan_by_week(request: TeamRequest, facts: Mapping[str, CalendarFacts], rules: tuple[Rule, ...],
                 settings: SolveSettings, budget: Budget) -> Plan:
    whole = Week(request, facts, grid=grid_of(request, rules))
    refuse_contradictions(whole)
    parts = request.weeks + 1
    rhythm = _solve_part(typical_week(whole), rules, settings, budget, parts)
    log.info("rhythm chosen on the typical week in %.2fs", budget.spent())
    weeks = [_solve_part(_week_around(whole, rhythm, index), rules, settings, budget, parts - 1 - index)
             for index in range(request.weeks)]
    log.info("%d weeks planned around it in %.2fs", request.weeks, budget.spent())
    began = budget.spent()
    plan = assemble_plan(Candidates(whole, rules), _joined(whole, rhythm, weeks), "feasible")
    log.info("plan assembled in %.2fs", budget.spent() - began)
    return plan


def _solve_part(week: Week, rules: tuple[Rule, ...], settings: SolveSettings, budget: Budget,
                parts_left: int) -> SolvedWeek:
    """One week's solve, with its share of the time left; only its solution is kept."""
    share = max(budget.left() / parts_left, settings.policy.min_week_seconds)
    solved = solve_week(week, rules, replace(settings, time_limit=share),
                        Budget(share, len(week.request.members), settings.policy, assembles=False))
    return SolvedWeek(week, solved.built.variables.slots,
                      read_solution(solved.solver, solved.built.variables))


def _week_around(whole: Week, rhythm: SolvedWeek, index: int) -> Week:
    """Week `index` alone, with the rhythm as its plan in use. A recurring meeting is held
    no more often than it has slots in the rhythm: an extra occurrence would be an
    exception without a slot it stands in for."""
    monday = whole.monday(index)
    slots_of = {m.id: len(rhythm.solution.starts[m.id]) for m in whole.request.meetings}
    meetings = tuple(replace(m, per_week=min(m.per_week, slots_of[m.id])) if m.recurring else m
                     for m in whole.request.meetings)
    request = replace(whole.request, week=monday, weeks=1, meetings=meetings)
    alone = Week(request, whole.facts, grid=whole.grid)
    return Week(request, whole.facts, _rhythm_in(alone, rhythm, index), LONG_AGO, keeps_rhythm=True,
                grid=whole.grid)


def _rhythm_in(alone: Week, rhythm: SolvedWeek, index: int) -> Plan:
    """The rhythm's meetings and office days moved to week `index`, at the same local times;
    and the typical week's lunches and focus blocks, which the week keeps where it can (below
    its rhythm and focus blocks placed), so that they too stay put from week to week."""
    shift = timedelta(weeks=index)
    day_in = {d: alone.day_index(rhythm.week.days[d] + shift) for d in range(len(rhythm.week.days))}
    office = rhythm.solution.office
    meetings = tuple(
        placed_meeting(alone, rhythm.slots, meeting, n, day, slot,
                       present_on(office, d))
        for meeting in alone.request.meetings if meeting.recurring
        for n, (d, slot) in enumerate(rhythm.solution.starts[meeting.id], start=1)
        if (day := day_in[d]) is not None
    )
    office_days = {m.id: tuple(rhythm.week.days[d] + shift for d in rhythm.solution.office_days(m.id))
                   for m in alone.request.members}
    request, rules = alone.request, alone.request.rules

    def moved(chosen: dict[tuple[str, int], int], minutes: int) -> tuple[Block, ...]:
        return blocks_of(alone, {(m, day): minute for (m, d), minute in chosen.items()
                                 if (day := day_in[d]) is not None}, minutes)

    return Plan(request.team, request.week, request.timezone, "feasible", meetings=meetings,
                lunches=moved(rhythm.solution.lunch, rules.lunch.minutes),
                focus=moved(rhythm.solution.focus, rules.focus.minutes if rules.focus else 0),
                office_days=office_days)


def _joined(whole: Week, rhythm: SolvedWeek, weeks: list[SolvedWeek]) -> Solution:
    """The weeks' solutions as one over the horizon's days, with the rhythm as its pattern."""
    starts: dict[str, list[tuple[int, int]]] = {m.id: [] for m in whole.request.meetings}
    lunch, focus, office, rooms = {}, {}, {}, {}
    for part in weeks:
        day = {d: whole.days.index(date) for d, date in enumerate(part.week.days)}
        for request_id, chosen in part.solution.starts.items():
            starts[request_id] += [(day[d], slot) for d, slot in chosen]
        lunch.update({(m, day[d]): minute for (m, d), minute in part.solution.lunch.items()})
        focus.update({(m, day[d]): minute for (m, d), minute in part.solution.focus.items()})
        office.update({(m, day[d]): present for (m, d), present in part.solution.office.items()})
        rooms.update({(r, day[d], slot): room for (r, d, slot), room in part.solution.rooms.items()})
    typical = rhythm.week
    recurring = {m.id for m in whole.request.meetings if m.recurring}
    pattern = {request_id: [(weekday_of(typical.days[d]), slot) for d, slot in chosen]
               for request_id, chosen in rhythm.solution.starts.items() if request_id in recurring}
    office_pattern = {m.id: [weekday_of(typical.days[d]) for d in rhythm.solution.office_days(m.id)]
                      for m in whole.request.members}
    return Solution(starts, lunch, focus, office, rooms, pattern, office_pattern)
