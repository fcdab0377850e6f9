"""The report's headline numbers: one row per figure, one column per plan."""

from __future__ import annotations

from collections.abc import Callable
from math import comb

from .figures import Figures


def summary(figures: list[Figures]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    def row(name: str, value: Callable[[Figures], object]) -> tuple[str, ...]:
        shown = [value(f) for f in figures]
        return (name, *(f"{v:g}" if isinstance(v, float) else str(v) for v in shown))

    rows = [
        row("Meetings placed", lambda f: f.meetings_placed if f.meetings_requested is None
            else f"{f.meetings_placed} of {f.meetings_requested}"),
        row("Hours in meetings (all members)", lambda f: round(sum(m.meeting_hours for m in f.members), 2)),
        row("Back-to-back runs", lambda f: sum(m.back_to_back for m in f.members)),
        row("Focus hours (blocks of 2 h or more)", lambda f: round(sum(m.focus_hours for m in f.members), 2)),
        row("Free gaps under 30 minutes", lambda f: sum(m.fragments for m in f.members)),
        row("Office pair days", lambda f: sum(comb(d.at_office, 2) for d in f.days)),
        row("Pairs never at the office together", lambda f: len(f.never_overlap())),
    ]
    return ("", *(f.label for f in figures)), rows
