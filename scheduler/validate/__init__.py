"""The executable spec: checks a plan against its request and the members' calendars.

`validate` knows nothing of how a plan was made (no solver here, and none of the solver's
rule records in `constraints`); it is what `rhythm check` runs on any plan and what every
end-to-end test asserts. Each clause of the spec is one function named after the rule it
checks, yielding one sentence per violation; `CLAUSES` lists them in priority order, and
switching a clause off is deleting one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..domain import CalendarFacts, Plan, TeamRequest
from .attendance import attendees_available, no_double_booking, one_occurrence_per_day
from .blocks import focus_blocks, protected_lunch
from .check import Check, Clause
from .exceptions import rhythm_exceptions
from .meetings import (
    known_meetings,
    meeting_hours,
    meeting_length,
    meetingless_days,
    start_on_the_grid,
    workdays,
)
from .metrics import (
    calendars_stated,
    full_office_days_named,
    metrics,
    office_efficiency_stated,
    plan_header,
    replan_changes,
    times_have_offsets,
)
from .office import office_capacity, office_days_per_member, office_meetings
from .rhythm import rhythm_pattern
from .rooms import hybrid_chair, meeting_rooms, no_room_double_booking

CLAUSES: tuple[Clause, ...] = (
    times_have_offsets,
    known_meetings,
    meeting_length,
    start_on_the_grid,
    meeting_hours,
    workdays,
    meetingless_days,
    attendees_available,
    no_double_booking,
    one_occurrence_per_day,
    protected_lunch,
    focus_blocks,
    office_days_per_member,
    office_capacity,
    office_meetings,
    meeting_rooms,
    no_room_double_booking,
    hybrid_chair,
    rhythm_pattern,
    rhythm_exceptions,
    replan_changes,
    metrics,
    office_efficiency_stated,
    full_office_days_named,
    calendars_stated,
    plan_header,
)


@dataclass(frozen=True)
class Violation:
    """One broken rule: the rule's name and one sentence naming the meeting, member and day."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


def validate(
    request: TeamRequest, facts: Mapping[str, CalendarFacts], plan: Plan
) -> list[Violation]:
    """Every violation of every rule, in rule order; an empty list means the plan is valid.

    `facts` maps member ids to what their calendars say; a member left out has an empty
    calendar. Members' inline `busy` intervals count as busy time as well.
    """
    check = Check(request, facts, plan)
    return [Violation(clause.__name__, message) for clause in CLAUSES for message in clause(check)]


__all__ = ["CLAUSES", "Violation", "validate"]
