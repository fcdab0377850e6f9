"""Export a plan as iCalendar: one calendar per member, for Outlook, Google, Apple, Thunderbird.

Each member gets a `METHOD:PUBLISH` calendar with the meetings they attend (required or
optional), their lunches and focus blocks (busy) and their office days (all-day, free).
Timed events carry the team's `TZID` and the calendar carries its `VTIMEZONE`. Over
several weeks each slot of the rhythm is one weekly series (`series.py`); lunch, focus
and office days stay one event per day.

Choices the v1 contract leaves open:
- ORGANIZER of a meeting is rhythm itself, `mailto:rhythm@<team>.invalid`: the plan names
  no chair, and marking an attendee as organizer would make their calendar app treat the
  meeting as theirs to edit and cancel. `.invalid` (RFC 2606) never delivers, so a
  calendar app that answers the invitation reaches nobody. Lunch, focus and office days
  are the member's own appointments: no organizer, no attendees.
- A member without an email appears as `mailto:<member-id>@<team>.invalid`, with CN = name:
  ATTENDEE needs a calendar-user URI, and a made-up address must never reach a real inbox.
- UIDs are derived from the plan, never random, so re-exporting the same plan updates
  events instead of duplicating them, and one meeting has the same UID in every attendee's
  calendar: `<request>-<n>.<week>.<team>@rhythm`, a weekly series
  `<request>-<weekday>.<week>.<team>@rhythm`, `lunch.<member>.<date>.<team>@rhythm`,
  `focus.<member>.<date>-<n>.<team>@rhythm`, `office.<member>.<date>.<team>@rhythm`;
  ids are made safe by writing every character outside A-Z a-z 0-9 _ - as `+XX` (UTF-8 hex).
- DTSTAMP is the start of the planned week (Monday 00:00 in the team zone, in UTC) and
  SEQUENCE is 0, so the same plan always gives the same bytes. A re-planned week keeps its
  UIDs; apps that compare SEQUENCE may then keep the old copy until the old import is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress

from i18n import N_, _
from scheduler.domain import Block, Member, PlacedMeeting, Plan, TeamRequest

from .series import Series, series_events, weekly_series

PRODID = "-//rhythm//Hybrid team week planner//EN"
# Titles, places and notes are written in the language in use (`i18n.use`: the team's).
WHERE_LOCATION = {"office": N_("Office"), "online": N_("Online"), "hybrid": N_("Office and online")}
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
# Line breaks and other controls: no property parameter (CN) may hold them. Requests refuse
# them at the door; names stored before that still make a calendar, not a 500.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class _Week:
    """What every event of one export shares: the plan, the people and the fixed stamp."""

    plan: Plan
    members: dict[str, Member]
    zone: ZoneInfo
    host: str
    stamp: datetime
    rooms: dict[str, str]  # room id -> name
    series: list[Series]  # the rhythm's weekly series (none for one week)
    singles: list[PlacedMeeting]  # the meetings in no series

    @classmethod
    def of(cls, plan: Plan, request: TeamRequest) -> _Week:
        zone = ZoneInfo(plan.timezone)
        monday = datetime.combine(plan.week, time(), zone).astimezone(UTC)
        members = {member.id: member for member in request.members}
        rooms = {room.id: room.name for room in request.rooms}
        return cls(plan, members, zone, _host(plan.team), monday, rooms, *weekly_series(plan))

    def uid(self, *parts: str) -> str:
        return ".".join((*parts, _token(self.plan.team))) + "@rhythm"

    def name(self, member_id: str) -> str:
        member = self.members.get(member_id)
        return _one_line(member.name if member else member_id)

    def address(self, member_id: str) -> str:
        member = self.members.get(member_id)
        if member and member.email and not _CONTROL.search(member.email):
            return f"mailto:{member.email}"
        return f"mailto:{_token(member_id)}@{self.host}.invalid"


def member_calendar(plan: Plan, request: TeamRequest, member_id: str) -> bytes:
    """The member's week as an iCalendar file (bytes, CRLF, folded lines).

    Raises KeyError for a member the request does not name.
    """
    week = _Week.of(plan, request)
    member = week.members[member_id]
    values = {"team": plan.team, "weeks": plan.weeks, "date": plan.week.isoformat(), "name": member.name}
    name = (_("%(team)s week of %(date)s — %(name)s", **values) if plan.weeks == 1
            else _("%(team)s %(weeks)d weeks from %(date)s — %(name)s", **values))
    calendar = Calendar.new(
        name=_one_line(name),
        prodid=PRODID,
        method="PUBLISH",
        uid=week.uid("calendar", _token(member_id), plan.week.isoformat()),
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
        path = out_dir / f"{_token(member.id)}.ics"
        path.write_bytes(member_calendar(plan, request, member.id))
        written.append(path)
    return written


def _events(week: _Week, member_id: str) -> Iterator[list[Event]]:
    plan = week.plan
    for day in plan.office_days.get(member_id, ()):
        yield [_office_day(week, member_id, day)]
    for series in week.series:
        if series.attended_by(member_id):
            uid = week.uid(f"{_token(series.slot.request)}-{series.slot.weekday}",
                           plan.week.isoformat())
            yield series_events(series, uid, plan.weeks, lambda m, u: _meeting(week, m, u))
    for meeting in week.singles:
        if member_id in meeting.attendees or member_id in meeting.optional:
            yield [_meeting(week, meeting, _meeting_uid(week, meeting))]
    for block in plan.lunches:
        if block.member == member_id:
            on = block.start.astimezone(week.zone).date().isoformat()
            uid = week.uid("lunch", _token(member_id), on)
            yield [_block(week, block, _("Lunch"), "Lunch", uid)]
    for block, n in _numbered_focus(week, member_id):
        on = block.start.astimezone(week.zone).date().isoformat()
        uid = week.uid("focus", _token(member_id), f"{on}-{n}")
        yield [_block(week, block, _("Focus time"), "Focus", uid)]


def _meeting(week: _Week, meeting: PlacedMeeting, uid: str) -> Event:
    event = _timed(week, meeting.start, meeting.end, meeting.title, uid)
    event.add("CATEGORIES", ["Meeting"])
    event.add("TRANSP", "OPAQUE")
    event.add("STATUS", "CONFIRMED")
    event.add("LOCATION", _location(week, meeting))
    if meeting.where == "hybrid":
        event.add("DESCRIPTION", _hybrid_note(week, meeting))
    event.add("ORGANIZER", vCalAddress.new(f"rhythm@{week.host}.invalid",
                                           cn=f"rhythm ({week.plan.team})"))
    for member_id in meeting.attendees:
        event.add("ATTENDEE", _attendee(week, member_id, "REQ-PARTICIPANT"))
    for member_id in meeting.optional:
        event.add("ATTENDEE", _attendee(week, member_id, "OPT-PARTICIPANT"))
    return event


def _location(week: _Week, meeting: PlacedMeeting) -> str:
    where = _(WHERE_LOCATION[meeting.where])
    return f"{where}, {week.rooms.get(meeting.room, meeting.room)}" if meeting.room else where


def _meeting_uid(week: _Week, meeting: PlacedMeeting) -> str:
    """Meeting "sync#2" gets "sync-2.<week>.<team>@rhythm", the same in every attendee's file."""
    request_id, _hash, occurrence = meeting.id.rpartition("#")
    local = f"{_token(request_id)}-{_token(occurrence)}" if request_id else _token(meeting.id)
    return week.uid(local, week.plan.week.isoformat())


def _hybrid_note(week: _Week, meeting: PlacedMeeting) -> str:
    day = meeting.start.astimezone(week.zone).date()
    people = (*meeting.attendees, *meeting.optional)
    there = {p for p in people if day in week.plan.office_days.get(p, ())}
    office = [week.name(p) for p in people if p in there]
    online = [week.name(p) for p in people if p not in there]
    # The team agreements behind rhythm: a chair who joins online keeps remote people heard.
    chair = (_("Suggested chair: %(name)s, who joins online.", name=week.name(meeting.chair))
             if meeting.chair else _("Tip: let someone who joins online chair it."))
    return _("Hybrid meeting. At the office: %(office)s. Online: %(online)s. %(chair)s",
             office=", ".join(office) or _("nobody"), online=", ".join(online) or _("nobody"), chair=chair)


def _attendee(week: _Week, member_id: str, role: str) -> vCalAddress:
    return vCalAddress.new(week.address(member_id), cn=week.name(member_id), cutype="INDIVIDUAL",
                           role=role, partstat="NEEDS-ACTION", rsvp=False)


def _block(week: _Week, block: Block, summary: str, category: str, uid: str) -> Event:
    event = _timed(week, block.start, block.end, summary, uid)
    event.add("CATEGORIES", [category])
    event.add("TRANSP", "OPAQUE")
    return event


def _office_day(week: _Week, member_id: str, day: date) -> Event:
    """An all-day, free "Office day" at "Office": it states where, and blocks nothing."""
    event = _base(week, _("Office day"), week.uid("office", _token(member_id), day.isoformat()))
    event.add("DTSTART", day)
    event.add("DTEND", day + timedelta(days=1))
    event.add("LOCATION", _("Office"))
    event.add("CATEGORIES", ["Office day"])
    event.add("TRANSP", "TRANSPARENT")
    event.add("X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
    event.add("X-MICROSOFT-CDO-ALLDAYEVENT", "TRUE")
    return event


def _timed(week: _Week, start: datetime, end: datetime, summary: str, uid: str) -> Event:
    event = _base(week, summary, uid)
    # Plans may carry fixed UTC offsets; the team zone gives the events a TZID that
    # calendar apps can follow across daylight-saving changes.
    event.add("DTSTART", start.astimezone(week.zone))
    event.add("DTEND", end.astimezone(week.zone))
    return event


def _base(week: _Week, summary: str, uid: str) -> Event:
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", week.stamp)
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", summary)
    return event


def _numbered_focus(week: _Week, member_id: str) -> Iterator[tuple[Block, int]]:
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


def _token(text: str) -> str:
    """text safe for UIDs, file names and mailto local parts; distinct texts stay distinct."""
    return _UNSAFE.sub(lambda m: "".join(f"+{b:02X}" for b in m.group().encode()), text)


def _one_line(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _host(team: str) -> str:
    """The team as a DNS label for made-up `.invalid` addresses."""
    return re.sub(r"[^a-z0-9]+", "-", team.lower()).strip("-") or "team"
