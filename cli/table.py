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

from i18n import N_, _, formats, ngettext
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
STATUSES = {"optimal": N_("optimal"), "feasible": N_("feasible"), "infeasible": N_("infeasible")}

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
    title = _("%(team)s: %(week)s, %(timezone)s", team=plan.team, week=formats.week_of(plan.week),
              timezone=plan.timezone)
    blocks = [line for m in request.members for line in ["", *_member_block(view, m, days, width)]]
    return "\n".join(fit([title, *blocks, "", *_office_lines(view, days), *_status_lines(view),
                          *_unplaced_lines(view), *change_lines(plan, request)], width))


def _member_block(view: _View, member: Member, days: list[date], width: int) -> Lines:
    figures = member_week(view.plan, view.frame, member.id, view.calendars)
    off = ngettext(", %(num)d day off", ", %(num)d days off", figures.days_off) if figures.days_off else ""
    header = _("%(name)s: %(office)s, meetings %(meetings)s, focus %(focus)s%(off)s", name=member.name,
               office=ngettext("%(num)d office day", "%(num)d office days", figures.office_days),
               meetings=duration(figures.meeting_minutes), focus=duration(figures.focus_minutes), off=off)
    return [header, *block_rows([_row(view, member.id, day) for day in days], width)]


def _row(view: _View, member_id: str, day: date) -> Row:
    """Where the member is that day, then their meetings, lunch and focus in time order."""
    plan = view.plan
    if view.calendars.off(member_id, day):
        return _day(day), _("day off"), []
    items: list[tuple[datetime, str]] = []
    for meeting in plan.meetings:
        start, end = view.local(meeting.start), view.local(meeting.end)
        if start.date() == day and member_id in (*meeting.attendees, *meeting.optional):
            optional = _(" (optional)") if member_id not in meeting.attendees else ""
            text = f"{meeting.title}{_with(view, meeting, member_id)}{optional}{_room(meeting)}"
            items.append((start, f"{_span(start, end)} {text}"))
    for kind, blocks in ((_("lunch"), plan.lunches), (_("focus"), plan.focus)):
        for block in blocks:
            start, end = view.local(block.start), view.local(block.end)
            if block.member == member_id and start.date() == day:
                items.append((start, f"{_span(start, end)} {kind}"))
    where = _("office") if day in office_days(plan, member_id, view.calendars) else _("home")
    missing = [_("no lunch") if b.kind == "lunch" else _("no focus")
               for b in missing_blocks(plan, view.calendars) if b.member == member_id and b.date == day]
    return _day(day), where, [*(text for _start, text in sorted(items)), *missing]


def _with(view: _View, meeting: PlacedMeeting, member_id: str) -> str:
    """A 1:1 names the other person, unless its title already does."""
    if len(meeting.attendees) != 2 or member_id not in meeting.attendees:
        return ""
    other = view.name(next(a for a in meeting.attendees if a != member_id))
    first = other.split()[:1]  # a name may be empty or blank
    named = first and first[0].lower() in meeting.title.lower()
    return "" if named or not first else _(" with %(name)s", name=other.replace(" ", KEEP))


def _rhythm(view: _View, rhythm: Rhythm, width: int) -> Lines:
    """The repeating week as a block per member, then one-offs, figures, exceptions and changes."""
    plan, request = view.plan, view.request
    weekdays = sorted(request.rules.workdays, key=WEEKDAYS.index)
    blocks = []
    for m in request.members:
        rows = [(formats.weekday(w, "abbreviated"), *rhythm_cell(rhythm, request, m.id, w)) for w in weekdays]
        blocks += ["", m.name, *block_rows(rows, width)]
    return [rhythm_title(plan), *blocks, "", *rhythm_office_lines(rhythm, request, weekdays),
            *one_off_lines(plan, request), *_status_lines(view), *_unplaced_lines(view), "",
            *exception_lines(plan, request), *change_lines(plan, request)]


def _workdays(request: TeamRequest) -> list[date]:
    return [request.week + timedelta(days=WEEKDAYS.index(d))
            for d in sorted(request.rules.workdays, key=WEEKDAYS.index)]


def _day(day: date) -> str:
    return formats.day(day, padded=True)  # "Tue 01 Dec": the days of a block line up


def _span(start: datetime, end: datetime) -> str:
    return formats.span(start, end)


def _office_lines(view: _View, days: list[date]) -> Lines:
    """Per day: who is at the office, and how many pairs of colleagues meet there."""
    lines = [_("At the office:")]
    for day in days:
        count = sum(day in office_days(view.plan, m.id, view.calendars) for m in view.request.members)
        pairs = comb(count, 2)
        quiet = _(" (no meetings)") if weekday_of(day) in view.request.rules.meetingless_days else ""
        lines.append("  " + _("%(day)s%(quiet)s: %(count)d at the office, %(pairs)s", day=_day(day),
                              quiet=quiet, count=count,
                              pairs=ngettext("%(num)d office pair", "%(num)d office pairs", pairs)))
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
    together = _("Office pair days: %(pairs)s", pairs=formats.number(pair_days))
    if efficiency is not None:
        # How close the week is to the best any choice of days could give these counts.
        together += _(" (%(share)s of the most these office days could give)",
                      share=formats.percent(efficiency))
    full = ", ".join(_day(d) for d in plan.full_office_days)
    capacity = view.request.rules.office_capacity
    focus = sum(member_week(plan, view.frame, m.id, view.calendars).focus_minutes
                for m in view.request.members)
    over = _(" over %(weeks)d weeks", weeks=plan.weeks) if plan.weeks > 1 else ""
    return [together,
            *([_("Office full on %(days)s: capacity %(capacity)s kept someone home.", days=full,
                 capacity=capacity)] if full else []),
            _("Focus time (free stretches of 2 h or more, days off left out): %(focus)s for the team"
              "%(over)s.", focus=duration(focus), over=over),
            _("Status: %(status)s. Meetings placed: %(placed)s of %(requested)s.",
              status=_(STATUSES[plan.status]), placed=formats.number(placed),
              requested=formats.number(requested))]


def _unplaced_lines(view: _View) -> Lines:
    titles = {m.id: m.title for m in view.request.meetings}
    lines = [f"  {titles.get(u.request, u.request)} #{u.occurrence}: {u.reason}"
             for u in view.plan.unplaced]
    for block in missing_blocks(view.plan, view.calendars):
        when = _(" on %(day)s", day=_day(block.date)) if block.date else ""
        kind = _("Lunch") if block.kind == "lunch" else _("Focus")
        lines.append("  " + _("%(kind)s for %(name)s%(when)s: %(reason)s", kind=kind,
                              name=view.name(block.member), when=when, reason=block.reason))
    return [_("Not placed:"), *lines] if lines else [_("Everything requested is placed.")]


def _room(meeting: PlacedMeeting) -> str:
    return f" @{meeting.room}" if meeting.room else ""
