"""What a re-plan changed compared with the plan in use, meeting by meeting, with reasons;
then lunch by lunch and focus block by focus block (`block_changes`)."""

from __future__ import annotations

from datetime import datetime

from scheduler.domain import Change, PlacedMeeting
from scheduler.model.continuity import key_of
from scheduler.model.why import Why
from scheduler.plan.block_changes import block_changes
from scheduler.plan.explain import unplaced_reason
from scheduler.plan.rhythm import why_slot_lost


def changes_since(why: Why, placed: list[PlacedMeeting]) -> list[Change]:
    week, slots, solution = why.week, why.slots, why.solution
    if week.current is None:
        return []
    horizon = set(week.days)
    before = [m for m in week.current.meetings if m.start.astimezone(week.zone).date() in horizon]
    requests = {m.id: m for m in week.request.meetings}
    changes: list[Change] = []
    for request_id in sorted({m.request for m in before} | {m.request for m in placed}):
        old = sorted(m.start for m in before if m.request == request_id)
        new = sorted(m.start for m in placed if m.request == request_id)
        gone = [s for s in old if s not in new]
        came = [s for s in new if s not in old]
        meeting = requests.get(request_id)
        for was, now in zip(gone, came, strict=False):
            changes.append(Change("moved", request_id, _why_moved(why, request_id, was),
                                  before=was, after=now))
        for was in gone[len(came):]:
            reason = ("no longer requested" if meeting is None
                      else unplaced_reason(why, meeting))
            changes.append(Change("removed", request_id, reason, before=was))
        for now in came[len(gone):]:
            reason = "newly requested" if not old else "another occurrence could be placed"
            changes.append(Change("added", request_id, reason, after=now))
    changes += block_changes(week, slots, solution)
    return sorted(changes, key=lambda c: (c.before or c.after, c.request or "", c.block or "",
                                          c.member or ""))


def _why_moved(why: Why, request_id: str, was: datetime) -> str:
    week, slots = why.week, why.slots
    meeting = next(m for m in week.request.meetings if m.id == request_id)
    assert week.current is not None
    old = next(m for m in week.current.meetings if m.request == request_id and m.start == was)
    key = key_of(week, slots, old)
    if key is None:
        return "its old time is no longer on the meeting grid"
    return why_slot_lost(why.candidates, why.solution, meeting, key[1], key[2])
