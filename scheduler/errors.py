"""Errors a user sees: each names the field, file or line that is wrong."""

from __future__ import annotations

from dataclasses import dataclass


class RhythmError(Exception):
    """Base of every error rhythm reports to a person instead of a traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: the field's path and what is wrong with it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class RequestError(RhythmError):
    """A request that breaks the contract; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class CalendarError(RhythmError):
    """A calendar that cannot be read: names the source (file, URL) and the problem."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.problem = message
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")


class PlanError(RhythmError):
    """A plan file that is not a v1 plan (for `rhythm check` on a hand-edited plan)."""
