"""The decisions, made before any rule runs: a variable per candidate meeting start, office
day, lunch start and focus start, and the occupancy rows that say which of them would hold
a member in a slot."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from scheduler.domain import MeetingRequest
from scheduler.model.candidates import Candidates, office_fixed
from scheduler.model.variables import Variables, equal_to_sum, new_bool_var

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def build_variables(model: cp_model.CpModel, candidates: Candidates) -> Variables:
    week = candidates.week
    v = Variables(model=model, candidates=candidates)
    labels = week.day_labels
    starts_by_day: list[tuple[MeetingRequest, dict[int, list[tuple[int, int]]]]] = []
    for meeting in week.request.meetings:
        by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)  # day -> (slot, proto index)
        for day, slot in candidates.model_starts(meeting):
            var = new_bool_var(model, f"start[{meeting.id},{labels[day]},{slot}]")
            key = (meeting.id, day, slot)
            v.start[key] = var
            v._literal[var.index] = var
            v._by_request[meeting.id].append(key)
            v._by_day[(meeting.id, day)].append(key)
            by_day[day].append((slot, var.index))
        starts_by_day.append((meeting, by_day))
    for member in week.request.members:
        for day in range(len(week.days)):
            _add_member_day(model, v, member.id, day)
    # After every decision variable, so that their indices (which the canonical tie-break
    # reads) do not depend on which helpers the grid needs.
    for meeting, by_day in starts_by_day:
        for day, starts in by_day.items():
            add_occupancy(model, v, meeting, day, starts)
    return v


def add_occupancy(model: cp_model.CpModel, v: Variables, meeting: MeetingRequest, day: int,
                  starts: list[tuple[int, int]]) -> None:
    """For each slot the meeting could take that day, the literals that say it holds its
    people there: the covering starts themselves, or one `holds` variable equal to their sum.

    A meeting of k slots is covered by up to k starts in each slot, and every attendee's
    rules repeat them: on a 15-minute grid with four-hour meetings of thirty people that
    was millions of terms, more than CP-SAT's presolve and the build itself could afford.
    At most one start a day, so the sum is 0 or 1 and every rule over it means the same.
    """
    covering: dict[int, list[int]] = defaultdict(list)
    length = len(v.slots.taken(0, meeting.minutes))
    for slot, index in starts:
        for taken in range(slot, slot + length):
            covering[taken].append(index)
    people = len(meeting.attendees) + len(meeting.optional)
    label = f"{meeting.id},{v.week.day_labels[day]}"
    rows = [*(v._taking[(a, day)] for a in meeting.attendees),
            *(v._optional[(o, day)] for o in meeting.optional)]
    for slot, indices in covering.items():
        if len(indices) * people > len(indices) + 1 + people:  # one helper costs fewer terms
            holds = new_bool_var(model, f"holds[{label},{slot}]")
            equal_to_sum(model, holds, indices)
            v._literal[holds.index] = holds
            indices = [holds.index]
        for row in rows:
            row[slot].extend(indices)


def _add_member_day(model: cp_model.CpModel, v: Variables, member_id: str, day: int) -> None:
    week, label = v.week, f"{member_id},{v.week.day_labels[day]}"
    fixed = office_fixed(week, member_id, day)
    v.office[(member_id, day)] = (
        model.new_constant(int(fixed)) if fixed is not None
        else new_bool_var(model, f"office[{label}]")
    )
    v.lunch[(member_id, day)] = {
        minute: new_bool_var(model, f"lunch[{label},{minute}]")
        for minute in v.candidates.lunch_starts(member_id, day)
    }
    v.focus[(member_id, day)] = {
        minute: new_bool_var(model, f"focus[{label},{minute}]")
        for minute in v.candidates.focus_starts(member_id, day)
    }
