"""What a re-plan changed in each member's lunches and focus blocks, with reasons.

A re-plan keeps every lunch and focus block of the plan in use that nothing forces to move
(`constraints.stability`), so each change here names what forced it: the member's calendar,
a meeting that now takes the time, or the member's other block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Literal

from scheduler.domain import Block, Change
from scheduler.model.candidates import Slots, focus_starts, lunch_starts
from scheduler.model.minutes import Span, overlaps
from scheduler.model.solution import Solution
from scheduler.model.week import Week
from scheduler.plan.explain import missing_lunch_reason
from scheduler.plan.rhythm import clock_of

Kind = Literal["lunch", "focus"]
Times = tuple[datetime, datetime]  # a block's start and end


def block_changes(week: Week, slots: Slots, solution: Solution) -> list[Change]:
    """Each lunch and focus block of the plan in use that is not where it was, and each new one."""
    assert week.current is not None
    rules = week.request.rules
    kinds: list[tuple[Kind, Iterable[Block], dict[tuple[str, int], int], int]] = [
        ("lunch", week.current.lunches, solution.lunch, rules.lunch.minutes)]
    if rules.focus is not None:
        kinds.append(("focus", week.current.focus, solution.focus, rules.focus.minutes))
    changes: list[Change] = []
    for kind, in_use, chosen, minutes in kinds:
        before = {(b.member, b.start, b.end) for b in in_use if _date(week, b.start) in week.days}
        after = {(m, week.local(d, s), week.local(d, s) + timedelta(minutes=minutes))
                 for (m, d), s in chosen.items()}
        for member in sorted({b[0] for b in before ^ after}):
            gone = sorted(b[1:] for b in before - after if b[0] == member)
            came = sorted(b[1:] for b in after - before if b[0] == member)
            explain = _Explain(week, slots, solution, kind, member)
            for was, now in _paired(week, kind, gone, came):
                changes.append(explain.change(was, now))
    return changes


def _paired(week: Week, kind: Kind, gone: list[Times], came: list[Times],
            ) -> list[tuple[Times | None, Times | None]]:
    """Each block gone with the one that came in its place: on the same day, else (a focus
    block) in the same week; those left over were removed or added."""
    rules: list[Callable[[date, date], bool]] = [lambda a, b: a == b]
    if kind == "focus":
        rules.append(lambda a, b: (a - week.request.week).days // 7 == (b - week.request.week).days // 7)
    pairs: list[tuple[Times | None, Times | None]] = []
    for same in rules:
        for was in list(gone):
            now = next((c for c in came if same(_date(week, was[0]), _date(week, c[0]))), None)
            if now is not None:
                pairs.append((was, now))
                gone.remove(was)
                came.remove(now)
    return pairs + [(was, None) for was in gone] + [(None, now) for now in came]


class _Explain:
    """Why one member's lunch or focus block changed."""

    def __init__(self, week: Week, slots: Slots, solution: Solution, kind: Kind, member: str) -> None:
        self.week, self.slots, self.solution, self.kind, self.member = week, slots, solution, kind, member

    def change(self, was: Times | None, now: Times | None) -> Change:
        if was is None:
            assert now is not None
            day = f"{_date(self.week, now[0]):%a %d %b}"
            return self._said("added", f"a lunch fits on {day} now" if self.kind == "lunch"
                              else "another focus block could be placed", after=now[0])
        why = self.why_lost(was)
        if now is not None:
            return self._said("moved", why, before=was[0], after=now[0])
        if self.kind == "lunch" and self.week.at(self.member, self._day(was)).works:
            why = missing_lunch_reason(self.week, self.member)  # no lunch start left that day
        elif self.kind == "focus":
            why += "; no other time is free for it that week"
        return self._said("removed", why, before=was[0])

    def _said(self, kind: Literal["moved", "added", "removed"], reason: str, *,
              before: datetime | None = None, after: datetime | None = None) -> Change:
        return Change(kind, None, reason, before=before, after=after, block=self.kind, member=self.member)

    def why_lost(self, was: Times) -> str:
        """Why the block is not at its old time any more, from the first obstacle met."""
        week, name, day = self.week, self.week.request.name_of(self.member), self._day(was)
        local = was[0].astimezone(week.zone)
        start = local.hour * 60 + local.minute
        span = (start, start + int((was[1] - was[0]).total_seconds()) // 60)
        label, member_day = f"{week.days[day]:%a %d %b}", week.at(self.member, day)
        if not member_day.works:
            return f"{name} is off on {label}"
        clash = next(((b, e) for b, e in member_day.busy if b < span[1] and span[0] < e), None)
        if clash:
            return f"{name} is busy {clock_of(clash[0])}-{clock_of(clash[1])} on {label}"
        starts = (lunch_starts if self.kind == "lunch" else focus_starts)(week, self.member, day)
        if start not in starts:
            hours = "lunch window" if self.kind == "lunch" else "working hours"
            return f"{clock_of(start)} is outside {name}'s {hours} on {label}"
        return self._taken(day, span) or "the rest of the plan moved around it"

    def _day(self, block: Times) -> int:
        day = self.week.day_index(_date(self.week, block[0]))
        assert day is not None  # blocks of the plan in use outside the planned days are left out
        return day

    def _taken(self, day: int, span: Span) -> str | None:
        """What of the new plan now holds the member at that time, if anything."""
        for meeting in self.week.request.meetings:
            if self.member not in meeting.attendees:
                continue
            for d, slot in self.solution.starts[meeting.id]:
                begin = self.slots.starts[slot]  # the break after the meeting is held too
                held = (begin, begin + len(self.slots.taken(slot, meeting.minutes)) * self.slots.step)
                if d == day and overlaps([held], *span):
                    return f"{meeting.title} now takes that time"
        other, name = ((self.solution.focus, "focus block") if self.kind == "lunch"
                       else (self.solution.lunch, "lunch"))
        rules = self.week.request.rules
        length = rules.lunch.minutes if self.kind == "focus" else rules.focus.minutes if rules.focus else 0
        their = other.get((self.member, day))
        if their is not None and overlaps([(their, their + length)], *span):
            return f"{self.week.request.name_of(self.member)}'s {name} now takes that time"
        return None


def _date(week: Week, moment: datetime) -> date:
    return moment.astimezone(week.zone).date()
