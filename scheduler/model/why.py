"""What a rule's reason text reads: the week, where meetings could start under the rules,
and what the plan chose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from i18n import formats
from scheduler.domain import TeamRequest
from scheduler.model.candidates import Candidates, Slots
from scheduler.model.solution import Solution
from scheduler.model.week import Week


@dataclass(frozen=True)
class Why:
    candidates: Candidates
    solution: Solution

    @property
    def week(self) -> Week:
        return self.candidates.week

    @property
    def slots(self) -> Slots:
        return self.candidates.slots

    @property
    def request(self) -> TeamRequest:
        return self.candidates.week.request

    def within(self, days: Sequence[int]) -> Why:
        """The same, with meetings considered on `days` only (one week of several)."""
        return Why(self.candidates.on_meeting_days(days), self.solution)

    def day_names(self, days: Sequence[int]) -> str:
        return ", ".join(formats.weekday(formats.WEEKDAYS[self.week.days[d].weekday()], "abbreviated")
                         for d in days)
