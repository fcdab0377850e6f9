"""Soft preferences a team expects once the rules hold and the priorities are met."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.domain import weekday_of
from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables

from ._shared import sum_at_most


def meetings_on_office_days(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Soft constraint: a `where: any` meeting held with every required attendee at the
    office (remote members join from afar) gains one (seeds: the office is for meeting,
    collaborating and creating)."""
    together_flags = []
    for meeting in v.week.request.meetings:
        in_person = v.week.request.in_person(meeting)
        if meeting.where != "any" or len(in_person) < 2:
            continue
        for day in v.week.meeting_days:
            starts = v.starts(meeting.id, day)
            if not starts:
                continue
            together = model.new_bool_var(f"together[{meeting.id},{v.week.days[day]:%a}]")
            model.add(together <= sum(starts))
            for attendee in in_person:
                model.add_implication(together, v.at_office(attendee, day))
            together_flags.append(together)
    span = sum(m.per_week for m in v.week.request.meetings if m.where == "any") * v.week.request.weeks
    return [Term("meetings on office days", Tier.PREFERENCES, sum(together_flags), span)]


def home_on_meetingless_days(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Soft constraint: an office day on a meetingless day costs one (seeds: meetingless
    Wednesday is for focusing at home; the office is for meeting)."""
    meetingless = v.week.request.rules.meetingless_days
    office = [v.at_office(m.id, d) for m in v.week.request.members
              for d in range(len(v.week.days)) if weekday_of(v.week.days[d]) in meetingless]
    return [Term("office on meetingless days", Tier.PREFERENCES, -sum(office), len(office))]


def spread_meetings(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Soft constraint: every half hour of meetings a member has on a day beyond half of
    their week's meeting time costs one, so nobody gets all their meetings on one day.

    Half, not an even spread over all days: meetings clustered on two office days are what
    the team wants. A per-day excess (not the busiest day) keeps the relaxation tight.
    """
    loads: dict[str, dict[int, list[int]]] = {}  # member -> day -> proto indices, one per slot held
    for member_id, day, slot in v.taking_keys():
        day_loads = loads.setdefault(member_id, {})
        day_loads.setdefault(day, []).extend(v.taking_indices(member_id, day, slot))
    excess, span = [], 0
    for member_id, day_loads in loads.items():
        share = fair_share(v, member_id, min(2, len(day_loads)))
        for day, held in day_loads.items():
            over = len(v.slots.starts) - share
            if over <= 0:
                continue
            extra = model.new_int_var(0, over, f"meetings_over_share[{member_id},{day}]")
            sum_at_most(model, held, share, plus=extra)
            excess.append(extra)
            span += over
    return [Term("meetings beyond a fair daily share", Tier.PREFERENCES, -sum(excess), span)]


def fair_share(v: Variables, member_id: str, days: int) -> int:
    """Half hours of meetings a day if the member's requested meetings were spread evenly."""
    half_hours = sum(
        m.per_week * len(v.slots.taken(0, m.minutes))
        for m in v.week.request.meetings
        if member_id in m.attendees
    )
    return max(1, -(-half_hours // max(days, 1)))
