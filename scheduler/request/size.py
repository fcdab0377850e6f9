"""How big a request's model would be, told before anything is built: a server refuses a
request past its budget at the door, naming the fields that make it big.

The model weighs, for each meeting occurrence, each of its attendees at each candidate start
(on every day with meetings, on the `start_every_minutes` grid inside the meeting hours).
That count, over the weeks planned, is what made a 42 KiB request (200 members, 500 meetings
for all, a start every 5 minutes) run 66 s past its 10 s limit and take 3.6 GB.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain import TeamRequest
from scheduler.errors import Problem


@dataclass(frozen=True)
class ModelSize:
    meetings: int
    attendees: int  # attendee places over every meeting occurrence of a week
    starts: int  # candidate starts of one occurrence in a week
    weeks: int

    @property
    def pairs(self) -> int:
        """(attendee, start) pairs the model weighs."""
        return self.attendees * self.starts * self.weeks


def model_size(request: TeamRequest) -> ModelSize:
    rules = request.rules
    hours = rules.meeting_hours
    window = (hours.end.hour * 60 + hours.end.minute) - (hours.start.hour * 60 + hours.start.minute)
    shortest = min((m.minutes for m in request.meetings), default=0)
    per_day = max(0, (window - shortest) // rules.start_every_minutes + 1)
    days = len([d for d in rules.workdays if d not in rules.meetingless_days])
    places = sum((len(m.attendees) + len(m.optional)) * m.per_week for m in request.meetings)
    return ModelSize(len(request.meetings), places, per_day * days, request.weeks)


def size_problem(request: TeamRequest, limit: int) -> Problem | None:
    """A Problem naming the meetings when the model would weigh more than `limit` pairs."""
    size = model_size(request)
    if size.pairs <= limit:
        return None
    weeks = f" x {size.weeks} weeks" if size.weeks > 1 else ""
    return Problem("meetings", (
        f"{size.meetings} meetings with {size.attendees:,} attendee places a week x {size.starts} "
        f"candidate starts (rules.start_every_minutes {request.rules.start_every_minutes}){weeks} "
        f"is {size.pairs:,} choices to weigh; this server plans at most {limit:,}: fewer meetings or "
        "attendees, a coarser rules.start_every_minutes or fewer weeks"))
