"""The exact office-pair bound equals brute force on small teams, so it never cuts a plan."""

from __future__ import annotations

import random
from itertools import combinations, product
from math import comb

from scheduler.domain.office_bound import best_office_loads, most_office_pairs


def brute_force(possible: list[frozenset[int]], most: list[int], seats: list[int]) -> int:
    return brute_force_loads(possible, most, seats)[0]


def brute_force_loads(possible: list[frozenset[int]], most: list[int],
                      seats: list[int]) -> tuple[int, set[tuple[int, ...]]]:
    """The best score and every count per day of a choice of days that reaches it."""
    choices = [
        [frozenset(c) for k in range(most[m] + 1) for c in combinations(sorted(possible[m]), k)]
        for m in range(len(possible))
    ]
    best, best_loads = -1, set()
    for picked in product(*choices):
        loads = tuple(sum(1 for p in picked if d in p) for d in range(len(seats)))
        if all(n <= s for n, s in zip(loads, seats, strict=True)):
            score = sum(comb(n, 2) for n in loads)
            if score > best:
                best, best_loads = score, set()
            if score == best:
                best_loads.add(loads)
    return best, best_loads


def random_team(rng: random.Random) -> tuple[list[frozenset[int]], list[int], list[int]]:
    """A small team of 2-5 members over 3-4 days: the days each can come, their most, the seats."""
    days = rng.choice([3, 4])
    members = rng.randint(2, 5)
    possible = [frozenset(d for d in range(days) if rng.random() < 0.7) for _ in range(members)]
    most = [rng.randint(0, days) for _ in range(members)]
    seats = [rng.randint(1, members) for _ in range(days)]
    return possible, most, seats


def test_the_bound_is_exactly_the_best_week_on_random_small_teams():
    rng = random.Random(7)
    for _ in range(60):
        possible, most, seats = random_team(rng)
        assert most_office_pairs(possible, most, seats) == brute_force(possible, most, seats)


def test_a_full_office_on_the_days_everyone_can_come():
    everyone = frozenset({0, 1, 2, 3, 4})
    assert most_office_pairs([everyone] * 6, [2] * 6, [6] * 5) == 2 * comb(6, 2)
    assert most_office_pairs([everyone] * 6, [2] * 6, [4] * 5) == 3 * comb(4, 2)


def test_every_count_per_day_that_reaches_the_bound_is_among_the_best_loads():
    """What the model states once a week's pairs reach the bound: never a count a plan could
    have left out (that would cut a plan), and only counts some plan has."""
    rng = random.Random(11)
    for _ in range(60):
        possible, most, seats = random_team(rng)
        best, loads = best_office_loads(possible, most, seats)
        assert (best, set(loads)) == brute_force_loads(possible, most, seats)
