"""The report's headline numbers (one row per figure, one column per plan) and, beside a
second plan, the one sentence that says what this plan gave up focus time for."""

from __future__ import annotations

from collections.abc import Callable, Sized
from math import comb

from .figures import Figures
from .formatting import duration

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def summary(figures: list[Figures]) -> Table:
    def row(name: str, value: Callable[[Figures], object]) -> tuple[str, ...]:
        return (name, *(str(value(f)) for f in figures))

    rows = [
        row("Meetings placed", lambda f: f.meetings_placed if f.meetings_requested is None
            else f"{f.meetings_placed} of {f.meetings_requested}"),
        row("Time in meetings (all members)", lambda f: duration(f.meeting_minutes)),
        row("Back-to-back runs", lambda f: sum(m.back_to_back for m in f.members)),
        row("Focus time (free stretches of 2 h or more)", lambda f: duration(f.focus_minutes)),
        row("Free gaps under 30 minutes", lambda f: sum(m.fragments for m in f.members)),
        row("Office pair days", office_pairs),
        row("Pairs never at the office together", lambda f: len(f.never_overlap())),
        row("Days off (left out of these figures)", lambda f: sum(m.days_off for m in f.members)),
    ]
    return ("", *(f.label for f in figures)), rows


def office_pairs(figures: Figures) -> int:
    return sum(comb(d.at_office, 2) for d in figures.days)


def focus_trade(mine: Figures, other: Figures) -> str | None:
    """Who has less focus time in this plan than in `other`, and what the plan has instead."""
    theirs = {m.member: m for m in other.members}
    less = [(m, theirs[m.member]) for m in mine.members
            if m.member in theirs and m.focus_minutes < theirs[m.member].focus_minutes]
    if not less:
        return None
    who = _names([m.name for m, _ in less])
    lost = duration(sum(o.focus_minutes - m.focus_minutes for m, o in less))
    gains = []
    if (more := mine.meetings_placed - other.meetings_placed) > 0:
        gains.append(f"{more} more meeting{'s' if more != 1 else ''} placed")
    if (pairs := office_pairs(mine) - office_pairs(other)) > 0:
        gains.append(f"{pairs} more office pair days ({office_pairs(mine)} against {office_pairs(other)})")
    if not gains:
        return (f"{who} {_have(less)} {lost} less focus time here than {other.label}, with no more "
                "meetings placed and no more time together at the office in exchange.")
    return (f"{who} {_have(less)} {lost} less focus time here than {other.label}: this plan ranks "
            "placing meetings and the team's time together at the office above free time, and has "
            f"{' and '.join(gains)} for it.")


def _names(names: list[str]) -> str:
    if len(names) > 4:
        return f"{len(names)} members"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _have(less: Sized) -> str:
    return "has" if len(less) == 1 else "have"
