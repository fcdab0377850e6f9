"""The VEVENTs of a member's export: meetings, lunch and focus blocks, office days.

- ORGANIZER of a meeting is rhythm itself, `mailto:rhythm@<team>.invalid`: the plan names
  no chair, and marking an attendee as organizer would make their calendar app treat the
  meeting as theirs to edit and cancel. `.invalid` (RFC 2606) never delivers, so a
  calendar app that answers the invitation reaches nobody. Lunch, focus and office days
  are the member's own appointments: no organizer, no attendees.
- DTSTAMP is the start of the planned week (Monday 00:00 in the team zone, in UTC) and
  SEQUENCE is 0, so the same plan always gives the same bytes. A re-planned week keeps its
  UIDs; apps that compare SEQUENCE may then keep the old copy until the old import is removed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Event, vCalAddress

from i18n import N_, _
from scheduler.domain import Block, PlacedMeeting

from .export_names import ExportWeek, token

# Titles, places and notes are written in the language in use (`i18n.use`: the team's).
WHERE_LOCATION = {"office": N_("Office"), "online": N_("Online"), "hybrid": N_("Office and online")}


def meeting_event(week: ExportWeek, meeting: PlacedMeeting, uid: str) -> Event:
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


def block_event(week: ExportWeek, block: Block, summary: str, category: str, uid: str) -> Event:
    event = _timed(week, block.start, block.end, summary, uid)
    event.add("CATEGORIES", [category])
    event.add("TRANSP", "OPAQUE")
    return event


def office_day_event(week: ExportWeek, member_id: str, day: date) -> Event:
    """An all-day, free "Office day" at "Office": it states where, and blocks nothing."""
    event = _base(week, _("Office day"), week.uid("office", token(member_id), day.isoformat()))
    event.add("DTSTART", day)
    event.add("DTEND", day + timedelta(days=1))
    event.add("LOCATION", _("Office"))
    event.add("CATEGORIES", ["Office day"])
    event.add("TRANSP", "TRANSPARENT")
    event.add("X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
    event.add("X-MICROSOFT-CDO-ALLDAYEVENT", "TRUE")
    return event


def _location(week: ExportWeek, meeting: PlacedMeeting) -> str:
    where = _(WHERE_LOCATION[meeting.where])
    return f"{where}, {week.rooms.get(meeting.room, meeting.room)}" if meeting.room else where


def _hybrid_note(week: ExportWeek, meeting: PlacedMeeting) -> str:
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


def _attendee(week: ExportWeek, member_id: str, role: str) -> vCalAddress:
    return vCalAddress.new(week.address(member_id), cn=week.name(member_id), cutype="INDIVIDUAL",
                           role=role, partstat="NEEDS-ACTION", rsvp=False)


def _timed(week: ExportWeek, start: datetime, end: datetime, summary: str, uid: str) -> Event:
    event = _base(week, summary, uid)
    # Plans may carry fixed UTC offsets; the team zone gives the events a TZID that
    # calendar apps can follow across daylight-saving changes.
    event.add("DTSTART", start.astimezone(week.zone))
    event.add("DTEND", end.astimezone(week.zone))
    return event


def _base(week: ExportWeek, summary: str, uid: str) -> Event:
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", week.stamp)
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", summary)
    return event
