"""A first plan in well under a second: meetings placed first fit, for CP-SAT to start from.

On a large team over long days on a fine grid, CP-SAT can spend its whole time limit
before it finds any plan with meetings in it. A first-fit plan that keeps the hard rules
of meetings (each rule's first-fit check: attendees, lunch, office days, rooms) gives its
search a place to start, and the fallback a plan worth returning when the time runs out anyway.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.domain import MeetingRequest
from scheduler.model.board import Board, Draft, MemberDay
from scheduler.model.continuity import plan_in_use
from scheduler.model.variables import Key, Variables

ROUNDS = 3  # of placing meetings considerately, the ones left over first


def first_fit(v: Variables) -> Draft:
    """Meetings the plan in use already holds first, then the hardest to fit (most people,
    then longest), each at the start that breaks no hard rule and keeps the most optional
    attendees free, the earliest of those.

    Spread out like that, the last meetings can find no room left; those go first in a
    next round (at most `ROUNDS`). If no round places as many as putting each meeting at
    its earliest start does, that plan is taken instead: meetings placed come first.
    """
    order = sorted(v.week.request.meetings,
                   key=lambda m: (-len(m.attendees) - len(m.optional), -m.minutes, m.id))
    asked = sum(m.per_week for m in order) * v.week.request.weeks
    earliest: Draft | None = None
    for _ in range(ROUNDS):
        considerate = _fill(v, order, keep_optional_free=True)
        if len(considerate.starts) == asked:
            return considerate
        earliest = earliest or _fill(v, order, keep_optional_free=False)
        if len(considerate.starts) >= len(earliest.starts):
            return considerate
        short = [m for m in order if _placed(considerate, m.id) < m.per_week * v.week.request.weeks]
        order = short + [m for m in order if m not in short]
    return earliest or _fill(v, order, keep_optional_free=False)


def _placed(draft: Draft, request_id: str) -> int:
    return sum(1 for key in draft.starts if key[0] == request_id)


def _fill(v: Variables, order: list[MeetingRequest], *, keep_optional_free: bool) -> Draft:
    current = plan_in_use(v.week, v.slots)
    board = Board(v, current.lunch)
    meetings = {m.id: m for m in v.week.request.meetings}
    for kept in [*sorted(current.fixed), *sorted(set(current.kept) - current.fixed)]:
        if kept in v.start and board.fits(meetings[kept[0]], kept):
            board.place(meetings[kept[0]], kept)
    for meeting in order:
        keys = sorted(v.start_keys(meeting.id), key=lambda k: (k[1], k[2]))
        while (key := _best_start(board, meeting, keys, keep_optional_free)) is not None:
            board.place(meeting, key)
    board.draft.lunch = {day: lunch for day in v.lunch if (lunch := board.first_lunch(*day)) is not None}
    return board.draft


def hint(model: cp_model.CpModel, v: Variables, draft: Draft,
         office: set[MemberDay] | None = None, focus: dict[MemberDay, int] | None = None) -> None:
    """The draft as CP-SAT's solution hint, with `office` as everyone's office days when
    given; what it leaves open (other office days, rooms of meetings that may go online)
    is left to the search."""
    model.clear_hints()
    hinted: dict[int, bool] = {}  # proto index -> value; fixed days share one constant, hinted once
    for key, var in v.start.items():
        hinted[var.index] = key in draft.starts
    office_meetings = {m.id for m in v.week.request.meetings if m.where == "office"}
    for (request_id, day, room), var in v.rooms_held().items():
        if request_id in office_meetings:
            hinted[var.index] = draft.rooms.get((request_id, day)) == room
    if office is None:
        for member_day in sorted(draft.office):  # a set: in a fixed order, for the same search each run
            hinted[v.office[member_day].index] = True
    else:
        for member_day, var in v.office.items():
            hinted.setdefault(var.index, member_day in office)
    for member_day, options in v.lunch.items():
        for minute, var in options.items():
            hinted[var.index] = draft.lunch.get(member_day) == minute
    for member_day, options in v.focus.items():
        for minute, var in options.items():
            hinted[var.index] = (focus or {}).get(member_day) == minute
    # Straight into the proto: `add_hint` one variable at a time cost a tenth of a second
    # on a week of 20 000 candidate starts.
    model.proto.solution_hint.vars.extend(list(hinted))
    model.proto.solution_hint.values.extend([int(value) for value in hinted.values()])


def _best_start(board: Board, meeting: MeetingRequest, keys: list[Key],
                keep_optional_free: bool) -> Key | None:
    """The first of `keys` that fits (with no optional attendee kept away, if asked), else
    the one that keeps away the fewest."""
    best, fewest = None, 0
    for key in keys:
        if not board.fits(meeting, key):
            continue
        away = board.optional_away(meeting, key) if keep_optional_free else 0
        if away == 0:
            return key
        if best is None or away < fewest:
            best, fewest = key, away
    return best
