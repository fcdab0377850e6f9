"""Soft preferences a team expects once the rules hold and the priorities are met."""

from __future__ import annotations

from scheduler.domain import weekday_of
from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule


def held_together(c: Context) -> list[Term]:
    """Soft constraint: a `where: any` meeting held with every required attendee at the
    office (remote members join from afar) gains one (seeds: the office is for meeting,
    collaborating and creating)."""
    together_flags = []
    for meeting in c.meetings:
        in_person = c.request.in_person(meeting)
        if meeting.where != "any" or len(in_person) < 2:
            continue
        for day in c.week.meeting_days:
            starts = c.v.starts(meeting.id, day)
            if not starts:
                continue
            together = c.v.new_bool(f"together[{meeting.id},{c.week.days[day]:%a}]")
            c.model.add(together <= sum(starts))
            for attendee in in_person:
                c.model.add_implication(together, c.v.at_office(attendee, day))
            together_flags.append(together)
    span = sum(m.per_week for m in c.meetings if m.where == "any") * c.request.weeks
    return [Term("meetings on office days", Tier.PREFERENCES, sum(together_flags), span)]


def office_on_meetingless_days(c: Context) -> list[Term]:
    """Soft constraint: an office day on a meetingless day costs one (seeds: meetingless
    Wednesday is for focusing at home; the office is for meeting)."""
    meetingless = c.rules.meetingless_days
    office = [c.v.at_office(m.id, d) for m in c.members
              for d in c.days if weekday_of(c.week.days[d]) in meetingless]
    return [Term("office on meetingless days", Tier.PREFERENCES, -sum(office), len(office))]


def meetings_beyond_a_fair_share(c: Context) -> list[Term]:
    """Soft constraint: every half hour of meetings a member has on a day beyond half of
    their week's meeting time costs one, so nobody gets all their meetings on one day.

    Half, not an even spread over all days: meetings clustered on two office days are what
    the team wants. A per-day excess (not the busiest day) keeps the relaxation tight.
    """
    loads: dict[str, dict[int, list[int]]] = {}  # member -> day -> proto indices, one per slot held
    for member_id, day, slot in c.v.taking_keys():
        day_loads = loads.setdefault(member_id, {})
        day_loads.setdefault(day, []).extend(c.v.taking_indices(member_id, day, slot))
    excess, span = [], 0
    for member_id, day_loads in loads.items():
        share = fair_share(c, member_id, min(2, len(day_loads)))
        for day, held in day_loads.items():
            over = len(c.slots.starts) - share
            if over <= 0:
                continue
            extra = c.v.new_int(0, over, f"meetings_over_share[{member_id},{day}]")
            c.sum_at_most(held, share, plus=extra)
            excess.append(extra)
            span += over
    return [Term("meetings beyond a fair daily share", Tier.PREFERENCES, -sum(excess), span)]


def fair_share(c: Context, member_id: str, days: int) -> int:
    """Half hours of meetings a day if the member's requested meetings were spread evenly."""
    half_hours = sum(
        m.per_week * len(c.slots.taken(0, m.minutes))
        for m in c.meetings
        if member_id in m.attendees
    )
    return max(1, -(-half_hours // max(days, 1)))


meetings_on_office_days = Rule("meetings_on_office_days", cp_sat=held_together)
home_on_meetingless_days = Rule("home_on_meetingless_days", cp_sat=office_on_meetingless_days)
spread_meetings = Rule("spread_meetings", cp_sat=meetings_beyond_a_fair_share)
