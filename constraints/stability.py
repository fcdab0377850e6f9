"""Calm re-planning: a plan in use changes only where it must (issue: rhythm that holds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.model.context import Context
from scheduler.model.continuity import Current, plan_in_use
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule
from scheduler.model.variables import Variables

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def pinned_and_frozen_keep_their_time(c: Context) -> list[Term]:
    """Hard constraint: a pinned meeting, or one starting within freeze_hours, keeps its time
    (where its time is still valid: one that became impossible is reported as a change)."""
    for key in plan_in_use(c.week, c.slots).fixed:
        if key in c.v.start:
            c.model.add(c.v.start[key] == 1)
    return []


def the_plan_in_use_kept(c: Context) -> list[Term]:
    """Objective, right after placing meetings: each meeting left at its time counts more
    than all office days together; each member-day whose office choice stays counts one.
    A week planned around its horizon's rhythm keeps it first of all, above meetings
    placed, as the whole-horizon model ranks the rhythm kept. Right after office days:
    each lunch, focus block and meeting room left as it was counts one."""
    v = c.v
    if v.week.current is None:
        return []
    in_use = plan_in_use(v.week, v.slots)
    stays = [v.start[key] for key in in_use.kept if key in v.start]
    office_stays = []
    for (member_id, day), present in v.office.items():
        was_in = v.week.days[day] in v.week.current.office_days.get(member_id, ())
        office_stays.append(present if was_in else 1 - present)
    weight = len(office_stays) + 1
    tier = Tier.RHYTHM_KEPT if v.week.keeps_rhythm else Tier.STABILITY
    blocks = _blocks_kept(v, in_use)
    return [Term("rhythm kept" if v.week.keeps_rhythm else "plan in use kept", tier,
                 weight * sum(stays) + sum(office_stays), weight * len(stays) + len(office_stays)),
            Term("lunches, focus blocks and rooms kept", Tier.BLOCKS_KEPT, sum(blocks), len(blocks))]


def _blocks_kept(v: Variables, in_use: Current) -> list[cp_model.IntVar]:
    """The variables that say a lunch, focus block or meeting's room of the plan in use is
    where it was. Below focus blocks placed: a lunch moves to make room for a focus block the
    calendars allow (the contract asks for them), never the other way round. Below office
    days too, which neither lunch nor focus ties down, so the first solve stage stays as
    it is (`scheduler.solve.lexicographic`)."""
    kept = [options[minute] for chosen, variables in ((in_use.lunch, v.lunch), (in_use.focus, v.focus))
            for member_day, minute in chosen.items()
            if minute in (options := variables.get(member_day, {}))]
    rooms = [(request_id, day, meeting.room) for (request_id, day, _), meeting in in_use.kept.items()
             if meeting.room is not None]
    held = v.rooms_held()
    return kept + [held[key] for key in rooms if key in held]


pinned_and_frozen_stay = Rule("pinned_and_frozen_stay", cp_sat=pinned_and_frozen_keep_their_time)
keep_the_plan_in_use = Rule("keep_the_plan_in_use", cp_sat=the_plan_in_use_kept)
