"""Pushing a plan into a member's calendar, the same way for every calendar service.

A plan becomes `DesiredEvent`s, each with a stable `key` that the sink stores inside the
event it writes (an extended property, an X- property). Syncing compares what should be
there with what rhythm wrote before, by key, and only then touches the calendar:
created, updated (moved or changed), deleted, or left alone. Events rhythm did not write
are never read as ours, so they are never changed. Running the same sync twice changes
nothing; a sync cut off half way is completed by running it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from scheduler.domain import Weekday
from scheduler.plan import Person, PlacedMeeting, Plan

from .ics_series import Series, weekly_series

Kind = Literal["meeting", "lunch", "focus", "office"]
CATEGORIES: dict[Kind, str] = {
    "meeting": "Meeting", "lunch": "Lunch", "focus": "Focus", "office": "Office day",
}


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    required: bool = True


@dataclass(frozen=True)
class Override:
    """A week of a series that does not happen as the series says: moved, or elsewhere."""

    original: date  # the slot's date that week: how the calendar finds the occurrence
    start: datetime
    end: datetime
    location: str | None = None
    online: bool = False


@dataclass(frozen=True)
class Recurrence:
    """A weekly series over the plan's weeks (only for sinks that write series)."""

    weekday: Weekday
    first: date  # the slot's date in the first week, even if that week is moved or skipped
    weeks: int  # occurrences before exceptions: one a week
    skipped: tuple[date, ...] = ()
    overrides: tuple[Override, ...] = ()

    def content(self) -> list[object]:
        return [self.weekday, self.first.isoformat(), self.weeks, [d.isoformat() for d in self.skipped],
                [(o.original.isoformat(), o.start.isoformat(), o.end.isoformat(), o.location, o.online)
                 for o in self.overrides]]


@dataclass(frozen=True)
class DesiredEvent:
    """One block of the plan as it should stand in one member's calendar."""

    key: str  # stable across re-exports and re-plans: "<team>/<week>/<kind>/<id>"
    kind: Kind
    title: str
    start: datetime | date  # a date for all-day events (office days)
    end: datetime | date
    busy: bool = True
    attendees: tuple[Attendee, ...] = ()
    location: str | None = None
    online: bool = False
    body: str = ""
    recurrence: Recurrence | None = None  # a series: start/end are its first week's slot

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def category(self) -> str:
        return CATEGORIES[self.kind]

    def fingerprint(self) -> str:
        """Changes whenever anything a person would see changes; stored beside the key."""
        content = [self.kind, self.title, self.start.isoformat(), self.end.isoformat(), self.busy,
                   [(a.email, a.required) for a in self.attendees], self.location, self.online,
                   self.body]
        if self.recurrence is not None:  # added only for series: single events keep their prints
            content.append(self.recurrence.content())
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class WrittenEvent:
    """An event rhythm wrote earlier, as the sink reads it back."""

    key: str
    remote_id: str  # the service's own id (Graph event id, CalDAV href)
    fingerprint: str
    title: str = ""
    start: datetime | date | None = None


@dataclass
class Changes:
    create: list[DesiredEvent] = field(default_factory=list)
    update: list[tuple[WrittenEvent, DesiredEvent]] = field(default_factory=list)
    delete: list[WrittenEvent] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.delete)

    def describe(self) -> list[str]:
        """What a dry run shows: one line per change."""
        lines = [f"create  {_when(e.start)}  {e.title}" for e in self.create]
        lines += [f"update  {_when(new.start)}  {new.title} (was {_when(old.start)} {old.title})"
                  for old, new in self.update]
        lines += [f"delete  {_when(e.start)}  {e.title}" for e in self.delete]
        lines.append(f"{len(self.create)} to create, {len(self.update)} to update, "
                     f"{len(self.delete)} to delete, {self.unchanged} unchanged")
        return lines


class CalendarSink(Protocol):
    """A member's calendar that rhythm can write to (Outlook, CalDAV, ...).

    A sink with a true `writes_series` attribute gets a plan's recurring slots as one
    `DesiredEvent` per slot with a `recurrence`; any other sink gets each week's occurrence
    as its own event, as before.
    """

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        """Events rhythm wrote whose key starts with `prefix`, overlapping [start, end)."""

    def create(self, event: DesiredEvent) -> None: ...

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None: ...

    def delete(self, old: WrittenEvent) -> None: ...


def changes_between(desired: Iterable[DesiredEvent], written: Iterable[WrittenEvent]) -> Changes:
    wanted = {e.key: e for e in desired}
    changes = Changes()
    seen: set[str] = set()
    for old in written:
        new = wanted.get(old.key)
        if new is None or old.key in seen:  # a duplicate left by a cut-off run goes too
            changes.delete.append(old)
        elif old.fingerprint != new.fingerprint():
            changes.update.append((old, new))
        else:
            changes.unchanged += 1
        seen.add(old.key)
    changes.create = [e for key, e in wanted.items() if key not in seen]
    return changes


def sync(sink: CalendarSink, plan: Plan, member_id: str, *, dry_run: bool = False) -> Changes:
    """Bring the member's calendar in line with the plan; with `dry_run`, only say how."""
    desired = desired_events(plan, member_id, series=bool(getattr(sink, "writes_series", False)))
    start, end = week_window(plan)
    changes = changes_between(desired, sink.written(start, end, key_prefix(plan)))
    if not dry_run:
        # Creates first, deletes last: a run cut off half way never leaves a member with
        # fewer blocks than before, and the next run removes what is left over.
        for event in changes.create:
            sink.create(event)
        for old, new in changes.update:
            sink.update(old, new)
        for old in changes.delete:
            sink.delete(old)
    return changes


def key_prefix(plan: Plan) -> str:
    return f"{plan.team}/{plan.week.isoformat()}/"


def week_window(plan: Plan) -> tuple[datetime, datetime]:
    """Every planned week: a re-sync must find what it wrote in week 2 and on."""
    start = datetime.combine(plan.week, datetime.min.time(), tzinfo=ZoneInfo(plan.timezone))
    return start, start + timedelta(days=7 * plan.weeks)


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
    for kind, blocks, title in (("lunch", plan.lunches, "Lunch"), ("focus", plan.focus, "Focus time")):
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
                     title="Office day", start=day, end=day + timedelta(days=1), busy=False,
                     location="Office")
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
        attendees=tuple(people), location="Office" if meeting.where == "office" else None,
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
    # The master shows the slot as most weeks hold it (as in ics_series): a week kept at
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


def _when(moment: datetime | date | None) -> str:
    if isinstance(moment, datetime):
        return moment.strftime("%a %d %b %H:%M")
    return moment.strftime("%a %d %b (all day)") if moment else "?"
