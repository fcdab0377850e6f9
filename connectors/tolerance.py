"""Strict or tolerant: what the reader does with a part of a calendar it cannot read.

Calendar apps read what they can and skip the rest; so does rhythm by default, noting each
skipped or guessed part as a warning the plan and the web page show. Strict reading
(`rhythm busy --strict`, `rhythm plan --strict`) refuses the calendar at the first such part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scheduler.domain import CalendarWarning
from scheduler.errors import CalendarError


@dataclass
class Tolerance:
    """Collects the warnings of one reading, or raises the first problem when strict."""

    strict: bool = False
    warnings: list[CalendarWarning] = field(default_factory=list)
    # Tells a problem in other terms: a stored copy's in those of the file it was made from.
    translate: Callable[[CalendarError, str | None], tuple[CalendarError, str | None]] | None = None

    def report(self, error: CalendarError, uid: str | None = None, *, skipped: bool = True) -> None:
        """Refuse (strict) or note and go on (tolerant): the caller then skips the event
        (`skipped`) or reads it as the message says."""
        if self.translate is not None:
            error, uid = self.translate(error, uid)
        if self.strict:
            raise error
        warning = CalendarWarning(error.source, error.problem, error.line, uid, skipped)
        if warning not in self.warnings:
            self.warnings.append(warning)
