"""Protected lunch: the seeds' daily walk outside, blocked in every calendar."""

from __future__ import annotations

from collections.abc import Callable

from i18n import gettext
from scheduler.domain import MeetingRequest
from scheduler.model.board import Board
from scheduler.model.candidates import Candidates
from scheduler.model.context import Context
from scheduler.model.minutes import Span, overlaps
from scheduler.model.objective import Term
from scheduler.model.rule import Key, Obstacle, Reason, Rule, Start, StartFilter
from scheduler.model.why import Why

from ._shared import at_most_one_at_a_time, slot_items


def one_lunch_a_day(c: Context) -> list[Term]:
    """Hard constraint: one lunch a working day, clear of the member's meetings.

    Busy time was already filtered out of the lunch starts; a day with no start left is
    reported in the plan instead of blocking everything else.
    """
    minutes = c.rules.lunch.minutes
    for (member_id, day), options in c.v.lunch.items():
        if not options:
            continue
        c.model.add_exactly_one(options.values())
        lunches = [(var, (start, start + minutes)) for start, var in options.items()]
        window = (min(options), max(options) + minutes)
        at_most_one_at_a_time(c.model, lunches + slot_items(c.v, member_id, day, window))
    return []


def clear_of_a_fixed_lunch(c: Candidates, meeting: MeetingRequest, starts: list[Start]) -> list[Start]:
    """The starts clear of every required attendee's lunch where the lunch has no choice
    (`lunch_always`): a start that could only be kept with no lunch that day can never be
    part of a plan, so it never becomes a variable (a third of the starts on Timefold's
    sets, whose hour-long lunch fills its hour)."""
    fixed: dict[int, list[Span]] = {}  # day -> the attendees' lunches with no choice
    kept = []
    for day, slot in starts:
        if day not in fixed:
            fixed[day] = [s for a in meeting.attendees if (s := lunch_always(c, a, day)) is not None]
        start = c.slots.starts[slot]
        end = start + len(c.slots.taken(slot, meeting.minutes)) * c.slots.step  # the break too
        if not any(lunch[0] < end and start < lunch[1] for lunch in fixed[day]):
            kept.append((day, slot))
    return kept


def lunch_always(c: Candidates, member_id: str, day: int) -> Span | None:
    """The part of the day every lunch the member could take covers, if any: a lunch window
    hardly longer than the lunch (Timefold's sets: an hour's lunch in its hour) leaves none
    of it free, so no meeting of theirs can take it. None when no lunch is possible, as
    the lunch rule then does not hold that day."""
    options = c.lunch_starts(member_id, day)
    if not options:
        return None
    start, end = max(options), min(options) + c.week.request.rules.lunch.minutes
    return (start, end) if start < end else None


def lunch_kept(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    taken = board.taken_slots(meeting, key)
    return not any(board.lunch_lost(a, key[1], taken) for a in meeting.attendees)


def lunch_in_the_way(why: Why, meeting: MeetingRequest) -> Callable[[int, int], Obstacle | None]:
    """An attendee's lunch in this plan is where the meeting would go."""
    minutes = why.request.rules.lunch.minutes
    lunch = why.solution.lunch

    def at(day: int, slot: int) -> Obstacle | None:
        start, end = why.slots.span(slot, meeting.minutes)
        if any((a, day) in lunch and overlaps([(lunch[(a, day)], lunch[(a, day)] + minutes)], start, end)
               for a in meeting.attendees):
            return Obstacle(gettext("lunch"))
        return None

    return at


protected_lunch = Rule("protected_lunch", StartFilter(prune=clear_of_a_fixed_lunch), cp_sat=one_lunch_a_day,
                       first_fit=lunch_kept, reason=Reason(in_the_way=lunch_in_the_way))
