"""What changed since the previous plan: meetings moved, added or removed.

Meetings are compared by request and by weekday and time, not by occurrence id: the engine
numbers occurrences by day, so "sync#1" moving from Monday to Thursday renumbers the rest.
Weekday and time (not date) are compared, so next week's plan is read against this week's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from i18n import N_, _, formats
from scheduler.domain import WEEKDAYS, Plan

KINDS = (N_("moved"), N_("added"), N_("removed"))  # shown as the change's tag

Slot = tuple[int, str]  # (weekday number, HH:MM) in the team's zone


@dataclass(frozen=True)
class Change:
    kind: str  # moved, added, removed
    text: str


def plan_changes(old: Plan | None, new: Plan) -> list[Change]:
    if old is None:
        return []
    before, after = _slots(old), _slots(new)
    titles = {m.request: m.title for m in (*old.meetings, *new.meetings)}
    found: list[Change] = []
    for request in sorted(set(before) | set(after)):
        gone = sorted(set(before.get(request, [])) - set(after.get(request, [])))
        came = sorted(set(after.get(request, [])) - set(before.get(request, [])))
        title = titles[request]
        for was, now in zip(gone, came, strict=False):
            found.append(Change("moved", _("%(title)s moved from %(before)s to %(after)s", title=title,
                                           before=_show(was), after=_show(now))))
        found += [Change("removed", _("%(title)s on %(when)s is gone", title=title, when=_show(s)))
                  for s in gone[len(came):]]
        found += [Change("added", _("%(title)s added on %(when)s", title=title, when=_show(s)))
                  for s in came[len(gone):]]
    return found


def _slots(plan: Plan) -> dict[str, list[Slot]]:
    zone = ZoneInfo(plan.timezone)
    slots: dict[str, list[Slot]] = {}
    for meeting in plan.meetings:
        local: datetime = meeting.start.astimezone(zone)
        slots.setdefault(meeting.request, []).append((local.weekday(), f"{local:%H:%M}"))
    return slots


def _show(slot: Slot) -> str:
    day, clock = slot
    return f"{formats.weekday(WEEKDAYS[day], 'abbreviated')} {clock}"
