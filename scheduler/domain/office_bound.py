"""The most office pairs any week could have, computed exactly, to prove plans optimal.

Leave out everything but who may come on which day, how many days each may come and how
many seats each day has: the day loads that remain possible form a polymatroid, whose
rank f(S) (the most office days that fit on the days S) follows from max-flow/min-cut.
A convex, increasing score like sum C(n, 2) peaks at a greedy vertex: fill the days in
some order, each as full as f allows. Trying every order of the (at most seven) days
gives the exact maximum of this relaxation, a bound CP-SAT's linear relaxation is far
from finding by itself. It lives in the core, not in `constraints/`, because the plan
reports its overlap efficiency against it and the validator checks that figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from math import comb

from scheduler.domain import TeamRequest, weekday_of


def most_office_pairs(possible: Sequence[frozenset[int]], most_days: Sequence[int],
                      seats: Sequence[int]) -> int:
    """Max of sum C(n_d, 2) when member m may come on days `possible[m]`, on at most
    `most_days[m]` of them, and day d seats `seats[d]`."""
    return _best_chains(_kinds(possible, most_days), tuple(seats))[-1]


def best_office_loads(possible: Sequence[frozenset[int]], most_days: Sequence[int],
                      seats: Sequence[int]) -> tuple[int, frozenset[tuple[int, ...]]]:
    """`most_office_pairs`, and every count of members per day that reaches it.

    The score is strictly convex, so each count that reaches the maximum is a vertex of the
    polymatroid (a midpoint of two others would score less than one of them), and its
    vertices are the greedy fills of a prefix of some order of the days: a week whose office
    pair days reach the bound has one of these counts, which the model states to tighten its
    linear relaxation (`constraints/overlap.py`)."""
    kinds, days = _kinds(possible, most_days), len(seats)
    rank, best = _ranks(kinds, tuple(seats)), _best_chains(kinds, tuple(seats))
    most, loads = best[-1], set()

    def walk(chosen: int, load: tuple[int, ...]) -> None:
        # Back along every chain that reaches best[chosen]: the day added last, and the rest.
        if chosen == 0:
            loads.add(load)
            return
        for d in range(days):
            before = chosen & ~(1 << d)
            if chosen >> d & 1 and best[before] + _pairs(rank[chosen] - rank[before]) == best[chosen]:
                walk(before, (*load[:d], rank[chosen] - rank[before], *load[d + 1:]))

    for chosen in range(len(best)):  # a prefix of an order is a vertex too (the rest at 0)
        if best[chosen] == most:
            walk(chosen, (0,) * days)
    return most, frozenset(loads)


Kinds = tuple[tuple[tuple[int, int], int], ...]  # ((days as bits, most days), members), sorted


def _kinds(possible: Sequence[frozenset[int]], most_days: Sequence[int]) -> Kinds:
    # Members alike in days and count cut alike: a team of 200 has a few dozen kinds.
    kinds = Counter(zip(possible, most_days, strict=True))
    return tuple(sorted(((sum(1 << d for d in able), most), n) for (able, most), n in kinds.items()))


# Remembered: the model, the plan's figure and the validator ask the same of one team.
@lru_cache(maxsize=256)
def _ranks(kinds: Kinds, seats: tuple[int, ...]) -> list[int]:
    """The rank f(S) of every set of days as bits (day d is bit d)."""
    everything = (1 << len(seats)) - 1
    subsets = range(everything + 1)
    # What the members can fill of the days K, and what the days T seat.
    fill = [sum(n * min(most, (able & kept).bit_count()) for (able, most), n in kinds) for kept in subsets]
    seated = [sum(s for d, s in enumerate(seats) if cut >> d & 1) for cut in subsets]
    # By min cut: for each split of S into cut (T) and kept, the seats of T plus, per member,
    # what fits on the kept days.
    return [min(seated[cut] + fill[chosen & ~cut] for cut in _subsets_of(chosen)) for chosen in subsets]


@lru_cache(maxsize=256)
def _best_chains(kinds: Kinds, seats: tuple[int, ...]) -> list[int]:
    """The best greedy vertex over every order of the days: an order's prefixes are a chain
    of subsets, so the best chain ending at S extends the best one ending at S minus a day."""
    rank, everything = _ranks(kinds, seats), (1 << len(seats)) - 1
    best = [0] * (everything + 1)
    for chosen in range(1, everything + 1):
        best[chosen] = max(best[chosen & ~(1 << d)] + _pairs(rank[chosen] - rank[chosen & ~(1 << d)])
                           for d in range(len(seats)) if chosen >> d & 1)
    return best


def _subsets_of(chosen: int) -> Iterable[int]:
    sub = chosen
    while True:
        yield sub
        if sub == 0:
            return
        sub = (sub - 1) & chosen


def _pairs(present: int) -> int:
    return present * (present - 1) // 2


def office_efficiency(request: TeamRequest, office_days: Mapping[str, Iterable[date]],
                      possible: Callable[[str, date], bool]) -> float:
    """office_pair_days over the most any choice of days could give, each member keeping the
    number of office days they got each week (`possible`: could they be in that day at all);
    1.0 when no pair is possible. Rounded to four places: the figure a plan states and the
    validator recomputes with its own `possible`."""
    pairs, bound = 0, 0
    present = people_per_day(office_days)
    for monday in (request.week + timedelta(weeks=n) for n in range(request.weeks)):
        days = [monday + timedelta(days=i) for i in range(7)
                if weekday_of(monday + timedelta(days=i)) in request.rules.workdays]
        got = {m.id: sum(1 for d in set(office_days.get(m.id, ())) if d in days) for m in request.members}
        able = [frozenset(i for i, d in enumerate(days) if possible(m.id, d)) for m in request.members]
        capacity = request.rules.office_capacity
        seats = [len(request.members) if capacity is None else capacity] * len(days)
        bound += most_office_pairs(able, [got[m.id] for m in request.members], seats)
        pairs += sum(comb(present[d], 2) for d in days)
    return round(pairs / bound, 4) if bound else 1.0


def full_office_days(request: TeamRequest, office_days: Mapping[str, Iterable[date]],
                     possible: Callable[[str, date], bool]) -> tuple[date, ...]:
    """The days capacity kept someone home: the office is full and a member who could have come
    that day (`possible`) is not in. An office as large as the team is full with everyone in,
    and that is no limit at all (issue 20: "Office full" read like a problem there)."""
    capacity = request.rules.office_capacity
    if capacity is None:
        return ()
    present = {d: {m for m, days in office_days.items() if d in set(days)}
               for d in people_per_day(office_days)}
    return tuple(sorted(d for d, there in present.items() if len(there) >= capacity
                        and any(possible(m.id, d) for m in request.members if m.id not in there)))


def people_per_day(office_days: Mapping[str, Iterable[date]]) -> Counter[date]:
    """How many members the plan puts at the office, per day."""
    return Counter(d for days in office_days.values() for d in set(days))
