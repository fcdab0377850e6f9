"""What every event of one member's export shares, and how the export names things.

UIDs are derived from the plan, never random, so re-exporting the same plan updates events
instead of duplicating them, and one meeting has the same UID in every attendee's calendar:
`<request>-<n>.<week>.<team>@rhythm`, a weekly series `<request>-<weekday>.<week>.<team>@rhythm`,
`lunch.<member>.<date>.<team>@rhythm`, `focus.<member>.<date>-<n>.<team>@rhythm`,
`office.<member>.<date>.<team>@rhythm`; ids are made safe by writing every character outside
A-Z a-z 0-9 _ - as `+XX` (UTF-8 hex).

A member without an email appears as `mailto:<member-id>@<team>.invalid`, with CN = name:
ATTENDEE needs a calendar-user URI, and a made-up address must never reach a real inbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from scheduler.domain import Member, PlacedMeeting, Plan, TeamRequest

from .series import Series, weekly_series

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
# Line breaks and other controls: no property parameter (CN) may hold them. Requests refuse
# them at the door; names stored before that still make a calendar, not a 500.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class ExportWeek:
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
    def of(cls, plan: Plan, request: TeamRequest) -> ExportWeek:
        zone = ZoneInfo(plan.timezone)
        monday = datetime.combine(plan.week, time(), zone).astimezone(UTC)
        members = {member.id: member for member in request.members}
        rooms = {room.id: room.name for room in request.rooms}
        return cls(plan, members, zone, _host(plan.team), monday, rooms, *weekly_series(plan))

    def uid(self, *parts: str) -> str:
        return ".".join((*parts, token(self.plan.team))) + "@rhythm"

    def meeting_uid(self, meeting: PlacedMeeting) -> str:
        """Meeting "sync#2" gets "sync-2.<week>.<team>@rhythm", the same in every attendee's file."""
        request_id, _hash, occurrence = meeting.id.rpartition("#")
        local = f"{token(request_id)}-{token(occurrence)}" if request_id else token(meeting.id)
        return self.uid(local, self.plan.week.isoformat())

    def name(self, member_id: str) -> str:
        member = self.members.get(member_id)
        return one_line(member.name if member else member_id)

    def address(self, member_id: str) -> str:
        member = self.members.get(member_id)
        if member and member.email and not _CONTROL.search(member.email):
            return f"mailto:{member.email}"
        return f"mailto:{token(member_id)}@{self.host}.invalid"


def token(text: str) -> str:
    """text safe for UIDs, file names and mailto local parts; distinct texts stay distinct."""
    return _UNSAFE.sub(lambda m: "".join(f"+{b:02X}" for b in m.group().encode()), text)


def one_line(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _host(team: str) -> str:
    """The team as a DNS label for made-up `.invalid` addresses."""
    return re.sub(r"[^a-z0-9]+", "-", team.lower()).strip("-") or "team"
