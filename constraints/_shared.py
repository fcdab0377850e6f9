"""Small model-building pieces that several rules share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from scheduler.model.minutes import Span
from scheduler.model.variables import Variables

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def at_most_one_at_a_time(
    model: cp_model.CpModel, items: Sequence[tuple[cp_model.IntVar, Span]]
) -> None:
    """No two of these blocks at the same minute: one constraint per maximal clash set."""
    points = sorted({p for _, (a, b) in items for p in (a, b)})
    starting: dict[int, list[int]] = defaultdict(list)
    ending: dict[int, list[int]] = defaultdict(list)
    for var, (a, b) in items:
        if a < b:
            starting[a].append(var.index)
            ending[b].append(var.index)
    # Between two neighbouring points a block is either there throughout or not at all:
    # sweep the points, keeping the blocks there (a count per variable, which may repeat).
    there: dict[int, int] = {}
    present: list[frozenset[int]] = []
    for point in points[:-1]:
        for index in ending.get(point, ()):
            there[index] -= 1
            if not there[index]:
                del there[index]
        for index in starting.get(point, ()):
            there[index] = there.get(index, 0) + 1
        present.append(frozenset(there))
    sets = {clash for clash in present if len(clash) > 1}
    # A block's minutes are one run of neighbouring stretches, so a set that lies inside
    # another lies inside the nearest different set beside one of its stretches.
    runs = [clash for clash, _ in groupby(present)]
    inside = {clash for i, clash in enumerate(runs)
              if (i and clash < runs[i - 1]) or (i + 1 < len(runs) and clash < runs[i + 1])}
    for clash in sets:
        if clash not in inside:  # straight into the proto: `add_at_most_one` took as long as the sweep
            model.proto.constraints.add().at_most_one.literals.extend(sorted(clash))


def slot_items(v: Variables, member_id: str, day: int, within: Span) -> list[tuple[cp_model.IntVar, Span]]:
    """The member's meeting slots that day overlapping `within`, as blocks that lunch and focus
    must keep clear of. Slots outside it cannot clash with those blocks: leaving them out keeps
    a long day on a fine grid from costing a variable per slot."""
    spans = ((slot, (v.slots.starts[slot], v.slots.starts[slot] + v.slots.step))
             for slot in v.busy_slots(member_id, day))
    return [(v.occupied(member_id, day, slot), span) for slot, span in spans
            if span[0] < within[1] and within[0] < span[1]]
