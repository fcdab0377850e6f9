"""The planned week as a plain-text table: where each member is and what fills their days.

One row per member, one column per team workday; times are in the team's time zone.
Below the table: office attendance per day, the plan's status and figures, and everything
the plan could not place, with the reason. A plan over several weeks is drawn as its
rhythm, the week it repeats, followed by its exceptions (`table_rhythm.py`); a re-plan
ends with the changes since the plan in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import comb
from zoneinfo import ZoneInfo

from scheduler.domain import WEEKDAYS, PlacedMeeting, Plan, Rhythm, TeamRequest, weekday_of

from .table_rhythm import (
    change_lines,
    exception_lines,
    one_off_lines,
    rhythm_cell,
    rhythm_office_lines,
    rhythm_title,
    weekday_header,
)

SEP = " | "
NAME_MAX = 16  # with CELL_MAX: six members by five days fit in 160 columns
CELL_MAX = 25
CELL_MIN = 17  # still fits "13:00-15:00 focus"
# Not strftime: %a and %b follow the process locale, and the table should read the same everywhere.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Lines = list[str]


@dataclass(frozen=True)
class _View:
    plan: Plan
    request: TeamRequest
    zone: ZoneInfo

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def name(self, member_id: str) -> str:
        return next((m.name for m in self.request.members if m.id == member_id), member_id)


def render_week(plan: Plan, request: TeamRequest, *, width: int | None = None) -> str:
    """The week as text, one line per string row, no trailing spaces.

    width=None keeps titles short (cells up to 25 characters); a width makes the columns
    share that many characters, shortening titles as needed, but never narrower than 17:
    a team with many workdays is then simply wider.
    """
    view = _View(plan, request, ZoneInfo(plan.timezone))
    if plan.rhythm is not None:
        return "\n".join(_rhythm(view, plan.rhythm, width))
    days = _workdays(request)
    header = [["member"], *(_day_header(request, day) for day in days)]
    rows = [[[m.name], *(_cell(view, m.id, day) for day in days)] for m in request.members]
    widths = _widths([header, *rows], width)
    title = f"{plan.team}: week of {_day(plan.week)} {plan.week.year} ({plan.timezone})"
    return "\n".join([title, "", *_draw(header, rows, widths), "",
                      *_office_lines(view, days), *_status_lines(view),
                      *_unplaced_lines(view), *change_lines(plan, request)])


def _rhythm(view: _View, rhythm: Rhythm, width: int | None) -> Lines:
    """The repeating week as the table, then one-offs, figures, exceptions and changes."""
    plan, request = view.plan, view.request
    weekdays = sorted(request.rules.workdays, key=WEEKDAYS.index)
    header = [["member"], *(weekday_header(request, w) for w in weekdays)]
    rows = [[[m.name], *(rhythm_cell(rhythm, request, m.id, w) for w in weekdays)]
            for m in request.members]
    return [rhythm_title(plan), "", *_draw(header, rows, _widths([header, *rows], width)), "",
            *rhythm_office_lines(rhythm, request, weekdays), *one_off_lines(plan, request),
            *_status_lines(view), *_unplaced_lines(view), "", *exception_lines(plan, request),
            *change_lines(plan, request)]


def _workdays(request: TeamRequest) -> list[date]:
    return [request.week + timedelta(days=WEEKDAYS.index(d))
            for d in sorted(request.rules.workdays, key=WEEKDAYS.index)]


def _day(day: date) -> str:
    return f"{weekday_of(day).capitalize()} {day.day:02d} {MONTHS[day.month - 1]}"


def _day_header(request: TeamRequest, day: date) -> Lines:
    if weekday_of(day) in request.rules.meetingless_days:
        return [_day(day), "no meetings"]
    return [_day(day)]


def _cell(view: _View, member_id: str, day: date) -> Lines:
    """Where the member is that day, then their meetings, lunch and focus in time order."""
    plan = view.plan
    items: list[tuple[datetime, str]] = []
    for meeting in plan.meetings:
        start = view.local(meeting.start)
        if start.date() == day and member_id in meeting.attendees:
            items.append((start, f"{start:%H:%M} {meeting.title}{_room(meeting)}"))
        elif start.date() == day and member_id in meeting.optional:
            items.append((start, f"{start:%H:%M} (opt) {meeting.title}{_room(meeting)}"))
    for block in plan.lunches:
        start = view.local(block.start)
        if block.member == member_id and start.date() == day:
            items.append((start, f"{start:%H:%M} lunch"))
    for block in plan.focus:
        start, end = view.local(block.start), view.local(block.end)
        if block.member == member_id and start.date() == day:
            items.append((start, f"{start:%H:%M}-{end:%H:%M} focus"))
    where = "[office]" if day in plan.office_days.get(member_id, ()) else "home"
    missing = [f"no {b.kind}" for b in plan.unplaced_blocks
               if b.member == member_id and b.date == day]
    return [where, *(text for _, text in sorted(items)), *missing]


def _widths(table: list[list[Lines]], width: int | None) -> list[int]:
    """Column widths: the name column, then the day columns, capped to fit `width`."""
    natural = [max(len(line) for row in table for line in row[col]) for col in range(len(table[0]))]
    name = min(natural[0], NAME_MAX)
    days = natural[1:]
    if width is None:
        return [name, *(min(w, CELL_MAX) for w in days)]
    room = width - name - len(SEP) * len(days)
    cap = max(days, default=0)
    # Shrink the widest columns first: short columns keep their full text.
    while cap > CELL_MIN and sum(min(w, cap) for w in days) > room:
        cap -= 1
    return [name, *(min(w, cap) for w in days)]


def _draw(header: list[Lines], rows: list[list[Lines]], widths: list[int]) -> Lines:
    rule = "-+-".join("-" * w for w in widths)
    out = _draw_row(header, widths)
    for row in rows:
        out += [rule, *_draw_row(row, widths)]
    return out


def _draw_row(row: list[Lines], widths: list[int]) -> Lines:
    height = max(len(cell) for cell in row)
    padded = [cell + [""] * (height - len(cell)) for cell in row]
    return [SEP.join(_fit(cell[i], w).ljust(w) for cell, w in zip(padded, widths, strict=True))
            .rstrip() for i in range(height)]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _office_lines(view: _View, days: list[date]) -> Lines:
    """Per day: who is at the office, and how many pairs of colleagues meet there."""
    lines = ["At the office:"]
    for day in days:
        count = sum(day in view.plan.office_days.get(m.id, ()) for m in view.request.members)
        pairs = comb(count, 2)
        lines.append(f"  {_day(day)}: {count} at the office, "
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
    return [together, *([f"Office full (capacity binds): {full}"] if full else []),
            f"Status: {plan.status}. Meetings placed: {placed:g} of {requested:g}."]


def _unplaced_lines(view: _View) -> Lines:
    titles = {m.id: m.title for m in view.request.meetings}
    lines = [f"  {titles.get(u.request, u.request)} #{u.occurrence}: {u.reason}"
             for u in view.plan.unplaced]
    for block in view.plan.unplaced_blocks:
        when = f" on {_day(block.date)}" if block.date else ""
        lines.append(f"  {block.kind.capitalize()} for {view.name(block.member)}{when}: "
                     f"{block.reason}")
    return ["Not placed:", *lines] if lines else ["Everything requested is placed."]


def _room(meeting: PlacedMeeting) -> str:
    return f" @{meeting.room}" if meeting.room else ""
