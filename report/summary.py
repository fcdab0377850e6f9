"""The report's headline numbers (one row per figure, one column per plan) and, beside a
second plan, the one sentence that says what this plan gave up focus time for."""

from __future__ import annotations

from collections.abc import Callable
from math import comb

from i18n import _, ngettext

from .figures import Figures
from .formatting import duration

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def summary(figures: list[Figures]) -> Table:
    def row(name: str, value: Callable[[Figures], object]) -> tuple[str, ...]:
        return (name, *(str(value(f)) for f in figures))

    rows = [
        row(_("Meetings placed"), lambda f: f.meetings_placed if f.meetings_requested is None
            else _("%(placed)s of %(requested)s", placed=f.meetings_placed, requested=f.meetings_requested)),
        row(_("Time in meetings (all members)"), lambda f: duration(f.meeting_minutes)),
        row(_("Back-to-back runs"), lambda f: sum(m.back_to_back for m in f.members)),
        row(_("Focus time (free stretches of 2 h or more)"), lambda f: duration(f.focus_minutes)),
        row(_("Free gaps under 30 minutes"), lambda f: sum(m.fragments for m in f.members)),
        row(_("Office pair days"), office_pairs),
        row(_("Pairs never at the office together"), lambda f: len(f.never_overlap())),
        row(_("Days off (left out of these figures)"), lambda f: sum(m.days_off for m in f.members)),
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
    who = _names([m.name for m, _theirs in less])
    lost = duration(sum(o.focus_minutes - m.focus_minutes for m, o in less))
    gains = []
    if (more := mine.meetings_placed - other.meetings_placed) > 0:
        gains.append(ngettext("%(num)d more meeting placed", "%(num)d more meetings placed", more))
    if (pairs := office_pairs(mine) - office_pairs(other)) > 0:
        gains.append(_("%(more)d more office pair days (%(mine)d against %(theirs)d)", more=pairs,
                       mine=office_pairs(mine), theirs=office_pairs(other)))
    values = {"who": who, "lost": lost, "other": other.label}
    joined = f" {_('and')} ".join(gains)
    if not gains:
        return ngettext("%(who)s has %(lost)s less focus time here than %(other)s, with no more meetings "
                        "placed and no more time together at the office in exchange.",
                        "%(who)s have %(lost)s less focus time here than %(other)s, with no more meetings "
                        "placed and no more time together at the office in exchange.", len(less), **values)
    return ngettext("%(who)s has %(lost)s less focus time here than %(other)s: this plan ranks placing "
                    "meetings and the team's time together at the office above free time, and has "
                    "%(gains)s for it.",
                    "%(who)s have %(lost)s less focus time here than %(other)s: this plan ranks placing "
                    "meetings and the team's time together at the office above free time, and has "
                    "%(gains)s for it.", len(less), gains=joined, **values)


def _names(names: list[str]) -> str:
    if len(names) > 4:
        return ngettext("%(num)d member", "%(num)d members", len(names))
    return names[0] if len(names) == 1 else _("%(names)s and %(last)s", names=", ".join(names[:-1]),
                                              last=names[-1])
