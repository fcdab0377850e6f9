"""A plan over several weeks as text: the repeating week, its exceptions, and what changed.

The repeating week is drawn like a planned week (`cli/table.py`), a block per member with a
line per weekday: each member's office weekdays and the slots of the recurring meetings they
attend. Lunch
and focus move from week to week, so they are left to the calendars. Below the table come
the one-off meetings, the exceptions grouped by week ("week 50 (Mon 7 Dec 2026):"), and for a
re-plan the changes since the plan in use; dates read "Mon 7 Dec" ("ma 7 dec" in Dutch).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from itertools import groupby
from math import comb
from zoneinfo import ZoneInfo

from i18n import _, formats, ngettext
from scheduler.domain import (
    WEEKDAYS,
    Change,
    PatternException,
    Plan,
    Rhythm,
    TeamRequest,
    Weekday,
    weekday_of,
)

DASH = " — "

Lines = list[str]


def rhythm_title(plan: Plan) -> str:
    return _("%(team)s: rhythm of %(weeks)d weeks from %(week)s, %(timezone)s", team=plan.team,
             weeks=plan.weeks, week=formats.week_of(plan.week), timezone=plan.timezone)


def rhythm_cell(rhythm: Rhythm, request: TeamRequest, member_id: str,
                weekday: Weekday) -> tuple[str, list[str]]:
    """Where the member usually is that weekday, and the meeting slots they attend, from start
    to end."""
    asked = {m.id: m for m in request.meetings}
    items = []
    for slot in rhythm.meetings:
        meeting = asked.get(slot.request)
        if slot.weekday != weekday or meeting is None:
            continue
        if member_id in (*meeting.attendees, *meeting.optional):
            optional = _(" (optional)") if member_id not in meeting.attendees else ""
            items.append(f"{formats.span(slot.start, slot.end)} {meeting.title}{optional}")
    return _("office") if weekday in rhythm.office_days.get(member_id, ()) else _("home"), sorted(items)


def rhythm_office_lines(rhythm: Rhythm, request: TeamRequest, weekdays: list[Weekday]) -> Lines:
    lines = [_("At the office, most weeks:")]
    for weekday in weekdays:
        count = sum(weekday in rhythm.office_days.get(m.id, ()) for m in request.members)
        pairs = comb(count, 2)
        quiet = _(" (no meetings)") if weekday in request.rules.meetingless_days else ""
        lines.append("  " + _("%(day)s%(quiet)s: %(count)d at the office, %(pairs)s",
                              day=formats.weekday(weekday, "abbreviated"), quiet=quiet, count=count,
                              pairs=ngettext("%(num)d office pair", "%(num)d office pairs", pairs)))
    return lines


def one_off_lines(plan: Plan, request: TeamRequest) -> Lines:
    """Meetings that are no part of the rhythm (recurring: false), each with its time."""
    zone, recurring = ZoneInfo(plan.timezone), {m.id for m in request.meetings if m.recurring}
    lines = [f"  {m.title}: {_when(m.start, zone)}" for m in sorted(plan.meetings, key=lambda m: m.start)
             if m.request not in recurring]
    note = _("Lunch and focus time move from week to week: see each member's calendar (--ics).")
    return [_("One-off meetings:"), *lines, note] if lines else [note]


def exception_lines(plan: Plan, request: TeamRequest) -> Lines:
    """The weeks that do not keep the rhythm, grouped by week, each with its reason."""
    if not plan.exceptions:
        return [_("Exceptions: none, every week keeps the rhythm.")]
    forced = sum(e.forced_by_calendar for e in plan.exceptions)
    lines = [_("Exceptions (%(count)d, %(forced)d forced by the calendars):", count=len(plan.exceptions),
               forced=forced)]
    for week, items in groupby(sorted(plan.exceptions, key=lambda e: e.week), key=lambda e: e.week):
        lines.append("  " + _("%(week)s:", week=formats.week_of(week)))
        lines += [f"    {text}" for text in _exceptions(plan, request, list(items))]
    return lines


def _exceptions(plan: Plan, request: TeamRequest, items: list[PatternException]) -> Iterator[str]:
    zone = ZoneInfo(plan.timezone)
    titles = {m.id: m.title for m in request.meetings}
    names = {m.id: m.name for m in request.members}
    for item in items:
        if item.kind == "office":
            usual = plan.rhythm.office_days.get(item.member or "", ()) if plan.rhythm else ()
            days = ", ".join(_weekday(d) for d in sorted(item.office_days)) or _("no day")
            rhythm = ", ".join(formats.weekday(w, "abbreviated")
                               for w in sorted(usual, key=WEEKDAYS.index)) or _("none")
            who = names.get(item.member or "", item.member)
            yield _("%(who)s at the office %(days)s (rhythm: %(rhythm)s)", who=who, days=days,
                    rhythm=rhythm) + DASH + item.reason
            continue
        title = titles.get(item.request or "", item.request)
        was = _slot(item.original, item.week, zone)
        if item.kind == "moved" and item.moved_to is not None:
            yield _("%(title)s %(was)s moved to %(to)s", title=title, was=was,
                    to=_slot(item.moved_to, item.week, zone)) + DASH + item.reason
        else:
            yield _("%(title)s %(was)s skipped", title=title, was=was) + DASH + item.reason


def change_lines(plan: Plan, request: TeamRequest) -> Lines:
    """After a blank line, what a re-plan moved, added or removed, when, and why; or nothing."""
    if not plan.changes:
        return []
    zone, titles = ZoneInfo(plan.timezone), {m.id: m.title for m in request.meetings}
    names = {m.id: m.name for m in request.members}
    return ["", _("Changes since the plan in use:"),
            *(f"  {_subject(c, titles, names)} {_change(c, zone)}{DASH}{c.reason}"
              for c in plan.changes)]


def _subject(change: Change, titles: dict[str, str], names: dict[str, str]) -> str:
    """The meeting's title, or whose lunch or focus block."""
    if change.request is not None:
        return titles.get(change.request, change.request)
    member = change.member or "?"
    name = names.get(member, member)
    if change.block == "focus":
        return _("%(name)s's focus block", name=name)
    return _("%(name)s's lunch", name=name)


def _change(change: Change, zone: ZoneInfo) -> str:
    before = change.before and _when(change.before, zone)
    after = change.after and _when(change.after, zone)
    if change.kind == "moved":
        return _("moved from %(before)s to %(after)s", before=before or "?", after=after or "?")
    if change.kind == "added":
        return _("added %(when)s", when=after) if after else _("added")
    return _("removed from %(when)s", when=before) if before else _("removed")


def _slot(moment: datetime | None, week: date, zone: ZoneInfo) -> str:
    """'Thu 10:30' within the exception's week (the week heads the group), else with a date."""
    if moment is None:
        return _("(time unknown)")
    local = moment.astimezone(zone)
    if 0 <= (local.date() - week).days < 7:
        return f"{_weekday(local.date())} {formats.clock(local)}"
    return _when(moment, zone)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{formats.day(local.date())} {formats.clock(local)}"


def _weekday(day: date) -> str:
    return formats.weekday(weekday_of(day), "abbreviated")
