"""The planned week as plain text: one block per member, so it fits a terminal at any size.

Each block opens with the member's name and figures (office days, meeting time, focus time:
counted by `report/counts.py`, as the web pages and the report count them), then one line per
workday: where the member is (office, home or day off) and the day's meetings, lunch and focus
from start to end (`10:00-10:25`). Items that do not fit wrap onto the next line, under each
other; nothing is cut, so a 1:1 always shows who it is with. Every line fits `width` (100
columns by default) whatever the team's size: a grid of a column per day was 123 columns for
six members and 242 for fifty (issue 20). Times are in the team's time zone.

Below the blocks: office attendance per day, the plan's status and figures, and everything
the plan could not place, with the reason. A plan over several weeks is drawn as its rhythm,
the week it repeats, followed by its exceptions (`table_rhythm.py`); a re-plan ends with the
changes since the plan in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import comb
from zoneinfo import ZoneInfo

from report.counts import Calendars, calendars_of, member_week, missing_blocks, office_days
from report.formatting import duration
from report.frame import Frame, frame_of
from scheduler.domain import WEEKDAYS, Member, PlacedMeeting, Plan, Rhythm, TeamRequest, weekday_of

from .table_lines import KEEP, Row, block_rows, fit
from .table_rhythm import (
    change_lines,
    exception_lines,
    one_off_lines,
    rhythm_cell,
    rhythm_office_lines,
    rhythm_title,
)

WIDTH = 100
# Not strftime: %a and %b follow the process locale, and the table should read the same everywhere.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Lines = list[str]


@dataclass(frozen=True)
class _View:
    plan: Plan
    request: TeamRequest
    zone: ZoneInfo
    frame: Frame
    calendars: Calendars

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def name(self, member_id: str) -> str:
        return next((m.name for m in self.request.members if m.id == member_id), member_id)


def render_week(plan: Plan, request: TeamRequest, *, width: int = WIDTH) -> str:
    """The week as text, one line per string row, none longer than `width` (bar a single word
    longer than the line), none ending in spaces."""
    view = _View(plan, request, ZoneInfo(plan.timezone), frame_of(plan, request),
                 calendars_of(plan, request))
    if plan.rhythm is not None:
        return "\n".join(fit(_rhythm(view, plan.rhythm, width), width))
    days = _workdays(request)
    title = f"{plan.team}: week of {_day(plan.week)} {plan.week.year} ({plan.timezone})"
    blocks = [line for m in request.members for line in ["", *_member_block(view, m, days, width)]]
    return "\n".join(fit([title, *blocks, "", *_office_lines(view, days), *_status_lines(view),
                          *_unplaced_lines(view), *change_lines(plan, request)], width))


def _member_block(view: _View, member: Member, days: list[date], width: int) -> Lines:
    figures = member_week(view.plan, view.frame, member.id, view.calendars)
    off = f", {figures.days_off} day{'s' if figures.days_off != 1 else ''} off" if figures.days_off else ""
    header = (f"{member.name}: {figures.office_days} office day{'s' if figures.office_days != 1 else ''}, "
              f"meetings {duration(figures.meeting_minutes)}, focus {duration(figures.focus_minutes)}{off}")
    return [header, *block_rows([_row(view, member.id, day) for day in days], width)]


def _row(view: _View, member_id: str, day: date) -> Row:
    """Where the member is that day, then their meetings, lunch and focus in time order."""
    plan = view.plan
    if view.calendars.off(member_id, day):
        return _day(day), "day off", []
    items: list[tuple[datetime, str]] = []
    for meeting in plan.meetings:
        start, end = view.local(meeting.start), view.local(meeting.end)
        if start.date() == day and member_id in (*meeting.attendees, *meeting.optional):
            optional = " (optional)" if member_id not in meeting.attendees else ""
            text = f"{meeting.title}{_with(view, meeting, member_id)}{optional}{_room(meeting)}"
            items.append((start, f"{_span(start, end)} {text}"))
    for kind, blocks in (("lunch", plan.lunches), ("focus", plan.focus)):
        for block in blocks:
            start, end = view.local(block.start), view.local(block.end)
            if block.member == member_id and start.date() == day:
                items.append((start, f"{_span(start, end)} {kind}"))
    where = "office" if day in office_days(plan, member_id, view.calendars) else "home"
    missing = [f"no {b.kind}" for b in missing_blocks(plan, view.calendars)
               if b.member == member_id and b.date == day]
    return _day(day), where, [*(text for _, text in sorted(items)), *missing]


def _with(view: _View, meeting: PlacedMeeting, member_id: str) -> str:
    """A 1:1 names the other person, unless its title already does."""
    if len(meeting.attendees) != 2 or member_id not in meeting.attendees:
        return ""
    other = view.name(next(a for a in meeting.attendees if a != member_id))
    first = other.split()[:1]  # a name may be empty or blank
    named = first and first[0].lower() in meeting.title.lower()
    return "" if named or not first else f" with {other.replace(' ', KEEP)}"


def _rhythm(view: _View, rhythm: Rhythm, width: int) -> Lines:
    """The repeating week as a block per member, then one-offs, figures, exceptions and changes."""
    plan, request = view.plan, view.request
    weekdays = sorted(request.rules.workdays, key=WEEKDAYS.index)
    blocks = []
    for m in request.members:
        rows = [(w.capitalize(), *rhythm_cell(rhythm, request, m.id, w)) for w in weekdays]
        blocks += ["", m.name, *block_rows(rows, width)]
    return [rhythm_title(plan), *blocks, "", *rhythm_office_lines(rhythm, request, weekdays),
            *one_off_lines(plan, request), *_status_lines(view), *_unplaced_lines(view), "",
            *exception_lines(plan, request), *change_lines(plan, request)]


def _workdays(request: TeamRequest) -> list[date]:
    return [request.week + timedelta(days=WEEKDAYS.index(d))
            for d in sorted(request.rules.workdays, key=WEEKDAYS.index)]


def _day(day: date) -> str:
    return f"{weekday_of(day).capitalize()} {day.day:02d} {MONTHS[day.month - 1]}"


def _span(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def _office_lines(view: _View, days: list[date]) -> Lines:
    """Per day: who is at the office, and how many pairs of colleagues meet there."""
    lines = ["At the office:"]
    for day in days:
        count = sum(day in office_days(view.plan, m.id, view.calendars) for m in view.request.members)
        pairs = comb(count, 2)
        quiet = " (no meetings)" if weekday_of(day) in view.request.rules.meetingless_days else ""
        lines.append(f"  {_day(day)}{quiet}: {count} at the office, "
                     f"{pairs} office pair{'' if pairs == 1 else 's'}")
    return lines


def _status_lines(view: _View) -> Lines:
    plan, metrics = view.plan, view.plan.metrics
    requested = metrics.get("meetings_requested",
                            sum(m.per_week for m in view.request.meetings))
    placed = metrics.get("meetings_placed", len(plan.meetings))
    pair_days = metrics.get("office_pair_days", sum(
        comb(sum(day in days for days in plan.office_days.values()), 2)
        for day in _workdays(view.request)))
    efficiency = metrics.get("office_efficiency")
    together = f"Office pair days: {pair_days:g}"
    if efficiency is not None:
        # How close the week is to the best any choice of days could give these counts.
        together += f" ({efficiency:.1%} of the most these office days could give)"
    full = ", ".join(_day(d) for d in plan.full_office_days)
    capacity = view.request.rules.office_capacity
    focus = sum(member_week(plan, view.frame, m.id, view.calendars).focus_minutes
                for m in view.request.members)
    return [together, *([f"Office full on {full}: capacity {capacity} kept someone home."] if full else []),
            f"Focus time (free stretches of 2 h or more, days off left out): {duration(focus)} "
            f"for the team{f' over {plan.weeks} weeks' if plan.weeks > 1 else ''}.",
            f"Status: {plan.status}. Meetings placed: {placed:g} of {requested:g}."]


def _unplaced_lines(view: _View) -> Lines:
    titles = {m.id: m.title for m in view.request.meetings}
    lines = [f"  {titles.get(u.request, u.request)} #{u.occurrence}: {u.reason}"
             for u in view.plan.unplaced]
    for block in missing_blocks(view.plan, view.calendars):
        when = f" on {_day(block.date)}" if block.date else ""
        lines.append(f"  {block.kind.capitalize()} for {view.name(block.member)}{when}: "
                     f"{block.reason}")
    return ["Not placed:", *lines] if lines else ["Everything requested is placed."]


def _room(meeting: PlacedMeeting) -> str:
    return f" @{meeting.room}" if meeting.room else ""
