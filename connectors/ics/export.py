"""Export a plan as iCalendar: one calendar per member, for Outlook, Google, Apple, Thunderbird.

Each member gets a `METHOD:PUBLISH` calendar with the meetings they attend (required or
optional), their lunches and focus blocks (busy) and their office days (all-day, free).
Timed events carry the team's `TZID` and the calendar carries its `VTIMEZONE`. Over
several weeks each slot of the rhythm is one weekly series (`series.py`); lunch, focus
and office days stay one event per day.

How things are named (UIDs, made-up addresses) is `export_names.py`; the events themselves,
with their organizer and the fixed stamp that makes the same plan give the same bytes, are
`export_events.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from i18n import _
from scheduler.domain import Block, Plan, TeamRequest

from .export_events import block_event, meeting_event, office_day_event
from .export_names import ExportWeek, one_line, token
from .series import series_events

PRODID = "-//rhythm//Hybrid team week planner//EN"


def member_calendar(plan: Plan, request: TeamRequest, member_id: str) -> bytes:
    """The member's week as an iCalendar file (bytes, CRLF, folded lines).

    Raises KeyError for a member the request does not name.
    """
    week = ExportWeek.of(plan, request)
    member = week.members[member_id]
    values = {"team": plan.team, "weeks": plan.weeks, "date": plan.week.isoformat(), "name": member.name}
    name = (_("%(team)s week of %(date)s — %(name)s", **values) if plan.weeks == 1
            else _("%(team)s %(weeks)d weeks from %(date)s — %(name)s", **values))
    calendar = Calendar.new(
        name=one_line(name),
        prodid=PRODID,
        method="PUBLISH",
        uid=week.uid("calendar", token(member_id), plan.week.isoformat()),
    )
    calendar.add("X-WR-TIMEZONE", plan.timezone)
    # A year either side covers the week and any event a user drags nearby, and keeps the
    # VTIMEZONE to a handful of lines; added even for an empty week so X-WR-TIMEZONE resolves.
    calendar.add_component(Timezone.from_tzid(
        plan.timezone,
        first_date=plan.week - timedelta(days=366),
        last_date=plan.week + timedelta(days=366, weeks=plan.weeks - 1),
    ))
    # A series travels as a group (master, then its overrides), placed by its master.
    for group in sorted(_events(week, member_id), key=lambda events: _order(events[0])):
        for event in group:
            calendar.add_component(event)
    return calendar.to_ical()


def write_member_calendars(plan: Plan, request: TeamRequest, out_dir: Path) -> list[Path]:
    """Write `<member-id>.ics` for every member into out_dir (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for member in request.members:
        path = out_dir / f"{token(member.id)}.ics"
        path.write_bytes(member_calendar(plan, request, member.id))
        written.append(path)
    return written


def _events(week: ExportWeek, member_id: str) -> Iterator[list[Event]]:
    plan = week.plan
    for day in plan.office_days.get(member_id, ()):
        yield [office_day_event(week, member_id, day)]
    for series in week.series:
        if series.attended_by(member_id):
            uid = week.uid(f"{token(series.slot.request)}-{series.slot.weekday}",
                           plan.week.isoformat())
            yield series_events(series, uid, plan.weeks, lambda m, u: meeting_event(week, m, u))
    for meeting in week.singles:
        if member_id in meeting.attendees or member_id in meeting.optional:
            yield [meeting_event(week, meeting, week.meeting_uid(meeting))]
    for block in plan.lunches:
        if block.member == member_id:
            on = block.start.astimezone(week.zone).date().isoformat()
            uid = week.uid("lunch", token(member_id), on)
            yield [block_event(week, block, _("Lunch"), "Lunch", uid)]
    for block, n in _numbered_focus(week, member_id):
        on = block.start.astimezone(week.zone).date().isoformat()
        uid = week.uid("focus", token(member_id), f"{on}-{n}")
        yield [block_event(week, block, _("Focus time"), "Focus", uid)]


def _numbered_focus(week: ExportWeek, member_id: str) -> Iterator[tuple[Block, int]]:
    """The member's focus blocks, each with its 1-based number within its day."""
    blocks = sorted((b for b in week.plan.focus if b.member == member_id), key=lambda b: b.start)
    per_day: dict[date, int] = {}
    for block in blocks:
        day = block.start.astimezone(week.zone).date()
        per_day[day] = per_day.get(day, 0) + 1
        yield block, per_day[day]


def _order(event: Event) -> tuple[str, str]:
    """By local start, all-day events first in their day, then by UID: stable bytes."""
    start = event.decoded("DTSTART")
    key = start.isoformat() if isinstance(start, datetime) else f"{start.isoformat()}T"
    return key, str(event["UID"])
