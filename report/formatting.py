"""How figures read, in one place: the terminal table, the web pages and the report all show
durations through `duration`, so a later translation (Babel) changes them once."""

from __future__ import annotations


def duration(minutes: int | float) -> str:
    """Minutes as hours and minutes: 185 -> "3 h 05", 45 -> "0 h 45" (never "3.08")."""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    whole, rest = divmod(abs(total), 60)
    return f"{sign}{whole} h {rest:02d}"
