"""Calm re-planning: a plan in use changes only where it must (issue: rhythm that holds)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.continuity import current_meetings
from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables


def pinned_and_frozen_stay(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: a pinned meeting, or one starting within freeze_hours, keeps its time
    (where its time is still valid: one that became impossible is reported as a change)."""
    for key in current_meetings(v.week, v.slots).fixed:
        if key in v.start:
            model.add(v.start[key] == 1)
    return []


def keep_the_plan_in_use(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Objective, right after placing meetings: each meeting left at its time counts more
    than all office days together; each member-day whose office choice stays counts one.
    A week planned around its horizon's rhythm keeps it first of all, above meetings
    placed, as the whole-horizon model ranks the rhythm kept."""
    if v.week.current is None:
        return []
    stays = [v.start[key] for key in current_meetings(v.week, v.slots).kept if key in v.start]
    office_stays = []
    for (member_id, day), present in v.office.items():
        was_in = v.week.days[day] in v.week.current.office_days.get(member_id, ())
        office_stays.append(present if was_in else 1 - present)
    weight = len(office_stays) + 1
    tier = Tier.RHYTHM_KEPT if v.week.keeps_rhythm else Tier.STABILITY
    return [Term("rhythm kept" if v.week.keeps_rhythm else "plan in use kept", tier,
                 weight * sum(stays) + sum(office_stays), weight * len(stays) + len(office_stays))]
