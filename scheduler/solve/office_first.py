"""Office days for the first plan, chosen as the overlap bound chooses them.

Completed without an objective, the first plan's office days fall anywhere, and a search
the time limit stops early (a large team, a loaded machine) kept much of that: 40 members
ended at an overlap efficiency of 0.86. The bound (`scheduler/domain/office_bound.py`) peaks at a
greedy vertex: fill the days one after another, each as full as the seats and everyone's
days allow. That is cheap to do directly, and a near-ideal week is the search's start.
"""

from __future__ import annotations

from scheduler.model.candidates import office_bounds, office_fixed
from scheduler.model.continuity import plan_in_use
from scheduler.model.variables import Variables

MemberDay = tuple[str, int]


def office_days_first(v: Variables, needed: set[MemberDay]) -> set[MemberDay]:
    """Who is in when: the days calendars and rules fix and `needed` (office meetings) first,
    then those of the plan in use (or the rhythm) where seats are left, then day by day,
    the day most can still come to first (meetingless days last), each filled up to its
    seats with members who have office days left, those with the fewest other days first."""
    chosen: set[MemberDay] = set()
    for index in range(v.week.request.weeks):
        chosen |= _week_first(v, index, needed)
    return chosen


def _in_use(v: Variables, days: list[int]) -> list[MemberDay]:
    """The office days of the plan in use (or of the rhythm a week keeps): kept first, as the
    objective ranks them; 400 members over six weeks otherwise started every week off its
    rhythm and kept 701 office weeks off it at 60 s (bench/RESULTS.md, issue 12)."""
    current = v.week.current
    if current is None:
        return []
    return [(m.id, d) for m in v.week.request.members for d in days
            if v.week.days[d] in current.office_days.get(m.id, ())]


def _week_first(v: Variables, index: int, needed: set[MemberDay]) -> set[MemberDay]:
    week, chosen = v.week, set()
    members = [m.id for m in week.request.members]
    capacity = week.request.rules.office_capacity
    days = week.days_of_week(index)
    fixed = {(m, d): office_fixed(week, m, d) for m in members for d in days}
    left = {m: office_bounds(week, m, index)[1] for m in members}
    seats = dict.fromkeys(days, 0)

    def take(m: str, d: int) -> None:
        chosen.add((m, d))
        seats[d] += 1
        left[m] -= 1

    def free(m: str, d: int) -> bool:
        return fixed[(m, d)] is None and (m, d) not in chosen and left[m] > 0

    for (m, d), value in fixed.items():
        if value is True or (value is None and (m, d) in needed):
            take(m, d)
    for m, d in _in_use(v, days):
        if free(m, d) and (capacity is None or seats[d] < capacity):
            take(m, d)
    meeting_days, open_days = set(week.meeting_days), list(days)
    while open_days:
        day = max(open_days, key=lambda d: (d in meeting_days,
                                            seats[d] + sum(free(m, d) for m in members), -d))
        open_days.remove(day)
        room = (len(members) if capacity is None else capacity) - seats[day]
        coming = sorted((m for m in members if free(m, day)),
                        key=lambda m: (sum(free(m, d) for d in open_days), m))
        for m in coming[:max(room, 0)]:
            take(m, day)
    return chosen


def focus_first(v: Variables, starts: set[tuple[str, int, int]], lunch: dict[MemberDay, int],
                office: set[MemberDay]) -> dict[MemberDay, int]:
    """Focus blocks for the first plan (they rank above office days): per member and week up
    to `blocks_per_week`, the plan in use's days first, then home days, each at the plan in
    use's start, else the earliest, clear of the first plan's meetings and lunch. Left out,
    a search stopped early traded office days away while placing them."""
    focus = v.week.request.rules.focus
    if focus is None:
        return {}
    in_use = plan_in_use(v.week, v.slots).focus
    busy: dict[MemberDay, list[tuple[int, int]]] = {}
    minutes = {m.id: m for m in v.week.request.meetings}
    for request_id, day, slot in starts:
        for step in v.slots.taken(slot, minutes[request_id].minutes):
            begin = v.slots.starts[step] if step < len(v.slots.starts) else v.slots.end
            for attendee in minutes[request_id].attendees:
                busy.setdefault((attendee, day), []).append((begin, begin + v.slots.step))
    lunch_minutes, chosen = v.week.request.rules.lunch.minutes, {}
    for member in v.week.request.members:
        for index in range(v.week.request.weeks):
            days = sorted(v.week.days_of_week(index), key=lambda d: (
                (member.id, d) not in in_use, (member.id, d) in office, d))
            for day in [d for d in days if v.focus_blocks(member.id, d)][:focus.blocks_per_week]:
                taken = busy.get((member.id, day), [])
                if (member.id, day) in lunch:
                    taken = [*taken, (lunch[(member.id, day)], lunch[(member.id, day)] + lunch_minutes)]
                was = in_use.get((member.id, day))
                start = next((s for s in sorted(v.focus_blocks(member.id, day), key=lambda s: (s != was, s))
                              if all(s + focus.minutes <= a or b <= s for a, b in taken)), None)
                if start is not None:
                    chosen[(member.id, day)] = start
    return chosen
