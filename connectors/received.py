"""Whether the members received a plan, read from their calendars after its weeks.

rhythm's events keep stable identifiers wherever they went: the UID of the `.ics` download
(`ics/export.py`; an imported file keeps it), the key of a sync (`X-RHYTHM-KEY` on CalDAV,
with the UID made from it; Graph's extended property or the body's marker in Outlook), and a
calendar uploaded to the web app keeps rhythm's own UIDs when it is stored as facts
(`ics/stored_events.py`). Reading what happened, the readers look for a member's identifiers
(`ReadingContext.plan_events`), keep rhythm's own events as busy (they are what the member
kept of the plan) and report what they found (`CalendarFacts.received`). A member whose
calendars hold none of them never received the plan: their calendar says nothing about
keeping it.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.domain import CalendarFacts, Plan, TeamRequest

from . import CalendarReader
from .caldav.events import uid_for
from .ics.export import member_calendar
from .ics.identifiers import identifiers_in
from .sources import READERS, read_member_calendars
from .sync.desired import desired_events


def plan_events(plan: Plan, request: TeamRequest, member_id: str) -> frozenset[str]:
    """Every identifier one of the member's planned events may carry in their calendar."""
    uids = set(identifiers_in(member_calendar(plan, request, member_id)))
    keys = {event.key for series in (False, True) for event in desired_events(plan, member_id, series=series)}
    uids |= {uid_for(key) for key in keys}  # as `rhythm sync` writes them to CalDAV
    return frozenset(uids | keys)


def read_what_happened(plan: Plan, request: TeamRequest, *,
                       readers: Mapping[str, CalendarReader] = READERS) -> dict[str, CalendarFacts]:
    """Member id -> what their calendars say now about the plan's weeks, with `received` set."""
    return {m.id: read_member_calendars(request, m, days=7 * plan.weeks, readers=readers,
                                        plan_events=plan_events(plan, request, m.id))
            for m in request.members}
