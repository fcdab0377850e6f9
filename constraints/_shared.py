"""Small model-building pieces that several rules share."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from scheduler.model.minutes import Span
from scheduler.model.variables import Variables

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def at_most_one_at_a_time(
    model: cp_model.CpModel, items: Sequence[tuple[cp_model.IntVar, Span]]
) -> None:
    """No two of these blocks at the same minute: one constraint per maximal clash set."""
    by_index = {var.index: var for var, _ in items}
    points = sorted({p for _, (a, b) in items for p in (a, b)})
    sets: set[frozenset[int]] = set()
    for left, right in pairwise(points):
        present = frozenset(var.index for var, (a, b) in items if a < right and left < b)
        if len(present) > 1:
            sets.add(present)
    for clash in sets:
        if not any(clash < other for other in sets):
            model.add_at_most_one(by_index[i] for i in sorted(clash))


def slot_items(v: Variables, member_id: str, day: int, within: Span) -> list[tuple[cp_model.IntVar, Span]]:
    """The member's meeting slots that day overlapping `within`, as blocks that lunch and focus
    must keep clear of. Slots outside it cannot clash with those blocks: leaving them out keeps
    a long day on a fine grid from costing a variable per slot."""
    spans = ((slot, (v.slots.starts[slot], v.slots.starts[slot] + v.slots.step))
             for slot in v.busy_slots(member_id, day))
    return [(v.occupied(member_id, day, slot), span) for slot, span in spans
            if span[0] < within[1] and within[0] < span[1]]
