"""What every clause of the spec reads: the request, the calendars and the plan, with the lookups they share.

A clause of the spec is a function from a `Check` to the messages of its violations;
`validate` names each message after the function that produced it (the rule it checks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TypeVar
from zoneinfo import ZoneInfo

from i18n import gettext

from ..domain import (
    Block,
    CalendarFacts,
    Interval,
    Location,
    MeetingRequest,
    Member,
    MissingBlock,
    PlacedMeeting,
    Plan,
    TeamRequest,
)
from ..domain import weekday_of as weekday
from .week import (
    Span,
    at,
    clock_range,
    day_label,
    inside,
    local_day,
    span_label,
    week_days,
    weekday_name,
)

Clause = Callable[["Check"], Iterator[str]]
Timed = TypeVar("Timed", Block, PlacedMeeting)
NO_FACTS = CalendarFacts()


@dataclass(frozen=True)
class Check:
    request: TeamRequest
    facts: Mapping[str, CalendarFacts]
    raw: Plan  # as given; `plan` is the same with offset-less times read in the team's zone

    @cached_property
    def plan(self) -> Plan:
        return with_offsets(self.raw, self.zone)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.request.timezone)

    @cached_property
    def weeks(self) -> tuple[date, ...]:
        """The Mondays of the planned weeks: `request.weeks` of them from `request.week`."""
        return tuple(self.request.week + timedelta(weeks=n) for n in range(self.request.weeks))

    @cached_property
    def days(self) -> tuple[date, ...]:
        """Every day of the horizon; rules skip the ones that are no workday themselves."""
        return tuple(day for monday in self.weeks for day in week_days(monday))

    def week_of(self, day: date) -> date:
        """The Monday of `day`'s week, counted from the planned week (also outside the horizon)."""
        return self.request.week + timedelta(weeks=(day - self.request.week).days // 7)

    def in_week(self, monday: date) -> str:
        """'this week' for a one-week plan, else 'the week of Mon 7 Dec'."""
        return (gettext("this week") if self.request.weeks == 1
                else gettext("in the week of %(day)s", day=day_label(monday)))

    @cached_property
    def members(self) -> dict[str, Member]:
        return {m.id: m for m in self.request.members}

    @cached_property
    def requests(self) -> dict[str, MeetingRequest]:
        return {r.id: r for r in self.request.meetings}

    def name(self, member_id: str) -> str:
        """The member as messages name them (`TeamRequest.name_of`): a manager reads these."""
        return self.request.name_of(member_id)

    def day_of(self, moment: datetime) -> date:
        return local_day(moment, self.zone)

    def calendar(self, member_id: str) -> CalendarFacts:
        return self.facts.get(member_id, NO_FACTS)

    def busy(self, member_id: str) -> tuple[Interval, ...]:
        """Calendar and inline busy time; once each, as a caller may have merged them already."""
        if member_id not in self._busy:
            member = self.members.get(member_id)
            inline = member.busy if member else ()
            self._busy[member_id] = tuple(dict.fromkeys(self.calendar(member_id).busy + inline))
        return self._busy[member_id]

    @cached_property
    def _busy(self) -> dict[str, tuple[Interval, ...]]:
        """`busy`, remembered: rules ask it for every block and meeting of a member."""
        return {}

    def works(self, member_id: str, day: date) -> bool:
        return self.why_not_working(member_id, day) is None

    def why_not_working(self, member_id: str, day: date) -> str | None:
        """Why the member does not work on `day` (a phrase for a message), or None if they do."""
        if day not in self.days:
            return gettext("%(day)s is outside the planned %(horizon)s", day=day_label(day),
                           horizon=self.horizon)
        if weekday(day) not in self.request.rules.workdays:
            return gettext("%(weekday)s is not a workday", weekday=weekday_name(day))
        if day in self.calendar(member_id).off_days:
            return gettext("%(name)s is off that day", name=self.name(member_id))
        return None

    @property
    def horizon(self) -> str:
        return gettext("week") if self.request.weeks == 1 else gettext("weeks")

    def location(self, member_id: str, day: date) -> Location | None:
        """Where the member's calendar says they are that day, if it says so."""
        return self.calendar(member_id).locations.get(day)

    def at_office(self, member_id: str, day: date) -> bool:
        return day in self.plan.office_days.get(member_id, ())

    def in_working_hours(self, member_id: str, span: Span) -> bool:
        """Inside the member's working hours, read on the member's own clock."""
        member = self.members[member_id]
        zone, hours = ZoneInfo(member.timezone), member.working_hours
        own_day = local_day(span.start, zone)
        for day in (own_day - timedelta(days=1), own_day):
            start, end = at(day, hours.start, zone), at(day, hours.end, zone)
            # Hours like 22:00-06:00 run past midnight, into the next day.
            if inside(span, start, end if end > start else end + timedelta(days=1)):
                return True
        return False

    def hours_label(self, member_id: str) -> str:
        """'Ana's working hours 09:00-17:00', with the zone when it is not the team's."""
        member = self.members[member_id]
        zone = "" if member.timezone == self.request.timezone else f" ({member.timezone})"
        return gettext("%(name)s's working hours %(hours)s%(zone)s", name=self.name(member_id),
                       hours=clock_range(member.working_hours), zone=zone)

    def meetings_of(self, member_id: str) -> list[PlacedMeeting]:
        """The placed meetings the member must attend (optional invitations block nothing)."""
        return list(self._meetings_by_member.get(member_id, ()))

    def lunches_of(self, member_id: str) -> list[Block]:
        return list(self._lunches_by_member.get(member_id, ()))

    def focus_of(self, member_id: str) -> list[Block]:
        return list(self._focus_by_member.get(member_id, ()))

    # Each member's meetings and blocks in plan order, sorted out once: rules ask for them
    # member-day by member-day and block by block.
    @cached_property
    def _meetings_by_member(self) -> dict[str, list[PlacedMeeting]]:
        mine: dict[str, list[PlacedMeeting]] = {}
        for meeting in self.plan.meetings:
            for member_id in dict.fromkeys(meeting.attendees):
                mine.setdefault(member_id, []).append(meeting)
        return mine

    @cached_property
    def unplaced_blocks_of(self) -> dict[tuple[str, str], list[MissingBlock]]:
        """(kind, member) -> the plan's unplaced blocks of that kind for the member, in order."""
        mine: dict[tuple[str, str], list[MissingBlock]] = {}
        for block in self.plan.unplaced_blocks:
            mine.setdefault((block.kind, block.member), []).append(block)
        return mine

    @cached_property
    def _lunches_by_member(self) -> dict[str, list[Block]]:
        return _by_member(self.plan.lunches)

    @cached_property
    def _focus_by_member(self) -> dict[str, list[Block]]:
        return _by_member(self.plan.focus)

    def label(self, meeting: PlacedMeeting) -> str:
        """'design#1 (Design session) on Mon 30 Nov 13:00-13:55'."""
        return gettext("%(id)s (%(title)s) on %(when)s", id=meeting.id, title=meeting.title,
                       when=self.when(meeting))

    def when(self, span: Span) -> str:
        """'Mon 30 Nov 13:00-13:55'; a span past midnight names both days itself."""
        first, last = self.day_of(span.start), self.day_of(span.end)
        label = span_label(span, self.zone)
        return label if first != last else f"{day_label(first)} {label}"


def _by_member(blocks: tuple[Block, ...]) -> dict[str, list[Block]]:
    mine: dict[str, list[Block]] = {}
    for block in blocks:
        mine.setdefault(block.member, []).append(block)
    return mine


def with_offsets(plan: Plan, zone: ZoneInfo) -> Plan:
    """The plan with every offset-less time read in `zone`, so rules can compare them all."""

    def fix(moment: datetime) -> datetime:
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)

    def fixed(item: Timed) -> Timed:
        return replace(item, start=fix(item.start), end=fix(item.end))

    def maybe(moment: datetime | None) -> datetime | None:
        return moment and fix(moment)

    return replace(
        plan,
        meetings=tuple(fixed(m) for m in plan.meetings),
        lunches=tuple(fixed(b) for b in plan.lunches),
        focus=tuple(fixed(b) for b in plan.focus),
        exceptions=tuple(replace(e, original=maybe(e.original), moved_to=maybe(e.moved_to))
                         for e in plan.exceptions),
    )
