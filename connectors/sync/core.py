"""Pushing a plan into a member's calendar, the same way for every calendar service.

A plan becomes `DesiredEvent`s, each with a stable `key` that the sink stores inside the
event it writes (an extended property, an X- property). Syncing compares what should be
there with what rhythm wrote before, by key, and only then touches the calendar:
created, updated (moved or changed), deleted, or left alone. Events rhythm did not write
are never read as ours, so they are never changed. Running the same sync twice changes
nothing; a sync cut off half way is completed by running it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Plan

from .. import CalendarSink
from .blocks import CATEGORIES, Attendee, DesiredEvent, Kind, Override, Recurrence, WrittenEvent
from .desired import desired_events, key_prefix

__all__ = [
    "CATEGORIES", "Attendee", "Changes", "DesiredEvent", "Kind", "Override",
    "Recurrence", "WrittenEvent", "changes_between", "desired_events", "key_prefix", "sync",
    "week_window",
]


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


def week_window(plan: Plan) -> tuple[datetime, datetime]:
    """Every planned week: a re-sync must find what it wrote in week 2 and on."""
    start = datetime.combine(plan.week, datetime.min.time(), tzinfo=ZoneInfo(plan.timezone))
    return start, start + timedelta(days=7 * plan.weeks)


def _when(moment: datetime | date | None) -> str:
    if isinstance(moment, datetime):
        return moment.strftime("%a %d %b %H:%M")
    return moment.strftime("%a %d %b (all day)") if moment else "?"
