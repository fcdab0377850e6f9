"""Which blocks of a plan belong in one member's calendar, each with its stable key."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from i18n import _
from scheduler.domain import Block, Person, PlacedMeeting, Plan

from ..ics.series import Series, weekly_series
from .blocks import Attendee, DesiredEvent, Kind, Override, Recurrence


def key_prefix(plan: Plan) -> str:
    return f"{plan.team}/{plan.week.isoformat()}/"


def desired_events(plan: Plan, member_id: str, *, series: bool = False) -> list[DesiredEvent]:
    """Every block of the plan that belongs in this member's calendar.

    With `series`, each rhythm slot of a plan over several weeks is one weekly series
    (grouped as the ICS export groups them); its other meetings stay single events.
    """
    prefix = key_prefix(plan)
    grouped, singles = weekly_series(plan) if series else ([], list(plan.meetings))
    events = [_series_event(plan, s, key) for s, key in _series_keys(grouped, prefix)
              if s.attended_by(member_id)]
    events += [_meeting_event(plan, meeting, f"{prefix}meeting/{meeting.id}")
               for meeting in singles if member_id in meeting.attendees + meeting.optional]
    # Titles in the language in use (`i18n.use`: the team's).
    kinds: tuple[tuple[Kind, tuple[Block, ...], str], ...] = (
        ("lunch", plan.lunches, _("Lunch")), ("focus", plan.focus, _("Focus time")))
    for kind, blocks, title in kinds:
        # Keyed by day, not time: a lunch moved to 12:30 is the same lunch, updated.
        mine = sorted((b for b in blocks if b.member == member_id), key=lambda b: b.start)
        numbered = [(b, sum(1 for o in mine[:i] if o.start.date() == b.start.date()))
                    for i, b in enumerate(mine)]
        events += [
            DesiredEvent(key=f"{prefix}{kind}/{member_id}/{b.start.date().isoformat()}/{n}",
                         kind=kind, title=title, start=b.start, end=b.end)
            for b, n in numbered
        ]
    events += [
        DesiredEvent(key=f"{prefix}office/{member_id}/{day.isoformat()}", kind="office",
                     title=_("Office day"), start=day, end=day + timedelta(days=1), busy=False,
                     location=_("Office"))
        for day in plan.office_days.get(member_id, ())
    ]
    return events


def _meeting_event(plan: Plan, meeting: PlacedMeeting, key: str) -> DesiredEvent:
    members = {p.id: p for p in plan.members}
    people = [Attendee(_email(members.get(a), a, plan.team), _name(members.get(a), a),
                       a in meeting.attendees)
              for a in meeting.attendees + meeting.optional]
    return DesiredEvent(
        key=key, kind="meeting", title=meeting.title, start=meeting.start, end=meeting.end,
        attendees=tuple(people), location=_("Office") if meeting.where == "office" else None,
        online=meeting.where in ("online", "hybrid"),
    )


def _series_keys(found: list[Series], prefix: str) -> list[tuple[Series, str]]:
    """Keyed by request and weekday, not time: a slot re-planned to 11:00 is the same
    series, updated. A second slot of the request on the same weekday gets a number.
    Under `meeting/`, as every meeting key, so a re-plan still knows it as rhythm's own."""
    keyed, seen = [], dict[str, int]()
    for s in found:
        base = f"{prefix}meeting/{s.slot.request}@{s.slot.weekday}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        keyed.append((s, base if n == 0 else f"{base}/{n}"))
    return keyed


def _series_event(plan: Plan, series: Series, key: str) -> DesiredEvent:
    # The master shows the slot as most weeks hold it (as in ics/series.py): a week kept at
    # the slot; weeks that differ in time or place become overrides.
    template = next((m for t, m in series.held if m.start == t), series.held[0][1])
    master = _meeting_event(plan, template, key)
    length = template.end - template.start
    overrides = []
    for original, meeting in series.held:
        own = _meeting_event(plan, meeting, key)
        if meeting.start != original or (own.location, own.online) != (master.location, master.online):
            overrides.append(Override(original.date(), meeting.start, meeting.end, own.location, own.online))
    recurrence = Recurrence(series.slot.weekday, series.first.date(), plan.weeks,
                            tuple(t.date() for t in series.skipped), tuple(overrides))
    return replace(master, start=series.first, end=series.first + length, recurrence=recurrence)


def _email(person: Person | None, member_id: str, team: str) -> str:
    # The same stand-in address the ICS export uses for members without an email.
    return (person and person.email) or f"{member_id}@{team}.invalid"


def _name(person: Person | None, member_id: str) -> str:
    return person.name if person else member_id
