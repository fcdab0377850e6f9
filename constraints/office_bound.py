"""The most office pairs any week could have, computed exactly, to prove plans optimal.

Leave out everything but who may come on which day, how many days each may come and how
many seats each day has: the day loads that remain possible form a polymatroid, whose
rank f(S) (the most office days that fit on the days S) follows from max-flow/min-cut.
A convex, increasing score like sum C(n, 2) peaks at a greedy vertex: fill the days in
some order, each as full as f allows. Trying every order of the (at most seven) days
gives the exact maximum of this relaxation, a bound CP-SAT's linear relaxation is far
from finding by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import combinations, permutations


def most_office_pairs(possible: Sequence[frozenset[int]], most_days: Sequence[int],
                      seats: Sequence[int]) -> int:
    """Max of sum C(n_d, 2) when member m may come on days `possible[m]`, on at most
    `most_days[m]` of them, and day d seats `seats[d]`."""
    days = range(len(seats))

    @cache
    def rank(chosen: frozenset[int]) -> int:
        # Min cut: for each split of the chosen days into cut (T) and kept, the seats of
        # T plus, per member, what fits on the kept days.
        best = None
        for size in range(len(chosen) + 1):
            for cut in combinations(sorted(chosen), size):
                kept = chosen - frozenset(cut)
                value = sum(seats[d] for d in cut) + sum(
                    min(most, len(able & kept)) for able, most in zip(possible, most_days, strict=True)
                )
                best = value if best is None else min(best, value)
        return best or 0

    best = 0
    for order in permutations(days):
        pairs, filled = 0, 0
        for i in range(len(order)):
            total = rank(frozenset(order[: i + 1]))
            present, filled = total - filled, total
            pairs += present * (present - 1) // 2
        best = max(best, pairs)
    return best
