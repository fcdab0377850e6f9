"""At most so many hours of meetings a day for each member: off by default, a team's choice.

The example of adding a rule: this module and its tests are all it took. A caller turns it
on by passing it with the rules, `plan_week(request, facts, (*RULES, max_meeting_time_per_day(4)))`.
The validator does not know it (the spec is the v1 request's rules), so its tests check the
plan for it themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from i18n import gettext
from scheduler.domain import MeetingRequest
from scheduler.model.board import Board
from scheduler.model.context import Context
from scheduler.model.objective import Term
from scheduler.model.rule import Key, Obstacle, Reason, Rule
from scheduler.model.why import Why


def max_meeting_time_per_day(hours: float = 4) -> Rule:
    """The rule that keeps every member's meetings (as a required attendee) to `hours` a day."""
    limit = round(hours * 60)

    def at_most_the_limit(c: Context) -> list[Term]:
        """Hard constraint: a member's meetings on a day last at most `hours` together."""
        for member in c.members:
            for day in c.week.meeting_days:
                held = [(m.minutes, c.v.starts(m.id, day)) for m in c.meetings if member.id in m.attendees]
                # One occurrence of each meeting a day at most: only where all of them could
                # together pass the limit is there anything to say.
                if sum(minutes for minutes, starts in held if starts) > limit:
                    c.model.add(sum(minutes * start for minutes, starts in held for start in starts) <= limit)
        return []

    def room_left(board: Board, meeting: MeetingRequest, key: Key) -> bool:
        return all(board.minutes[(a, key[1])] + meeting.minutes <= limit for a in meeting.attendees)

    def longer_than_the_limit(why: Why, meeting: MeetingRequest) -> str | None:
        if meeting.minutes <= limit:
            return None
        return gettext("it lasts %(minutes)d minutes, more than the %(hours)s h of meetings a day allowed",
                       minutes=meeting.minutes, hours=f"{hours:g}")

    def full_days(why: Why, meeting: MeetingRequest) -> Callable[[int, int], Obstacle | None]:
        minutes = {m.id: m for m in why.request.meetings}
        held: Counter[tuple[str, int]] = Counter()
        for request_id, chosen in why.solution.starts.items():
            for day, _ in chosen:
                held.update({(a, day): minutes[request_id].minutes for a in minutes[request_id].attendees})

        def at(day: int, slot: int) -> Obstacle | None:
            full = frozenset(why.request.name_of(a) for a in meeting.attendees
                             if held[(a, day)] + meeting.minutes > limit)
            what = gettext("meetings up to the limit of %(hours)s h a day", hours=f"{hours:g}")
            return Obstacle(what, full) if full else None

        return at

    return Rule("max_meeting_time_per_day", cp_sat=at_most_the_limit, first_fit=room_left,
                reason=Reason(always=longer_than_the_limit, in_the_way=full_days))
