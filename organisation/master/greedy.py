"""A building's office days without the solver, for when CP-SAT finds no plan in its time.

On 100,000 people (bench/RESULTS.md) a 33,000-person building's models were still in
CP-SAT's presolve when their time ran out, whole days, per person and once more with four
times the time: the run failed. This plans every team per person, as the exact fallback
does, in one pass: everyone's fixed days first, then each newcomer with their buddy, then
everyone else (fewest possible days first) on their team's best days that still have desks
and team places, up to their least days. The plan is checked against the same hard rules
(desks, capacities, each person's least and most days, buddies) and given up if any fails.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.domain import Weekday

from ..domain import OrgRequest
from ..presence import TeamDays
from .hints import _alone_choice
from .rules import can_buddy, day_range
from .soft import _together


class _Desks:
    """Desks left per day in the building and places left per team-day, as people are placed."""

    def __init__(self, org: OrgRequest, teams: Mapping[str, TeamDays]) -> None:
        building = org.building(next(iter(teams.values())).building)
        days = {d for td in teams.values() for d in td.workdays}
        self.left = dict.fromkeys(days, building.desks)
        self.places = {(t, d): td.capacity for t, td in teams.items() if td.capacity is not None
                       for d in td.workdays}
        self.counted: dict[str, list[str]] = {}  # person -> teams whose capacity counts them
        for name, td in teams.items():
            for person in (*td.states, *td.guests):
                self.counted.setdefault(person, []).append(name)
        self.at: dict[str, set[Weekday]] = {}
        self.wanted: dict[str, int] = {}  # newcomer -> the office days onboarding wants of them

    def room(self, person: str, day: Weekday) -> bool:
        return self.left[day] > 0 and all(self.places.get((t, day), 1) > 0 for t in self.counted[person])

    def take(self, person: str, days: set[Weekday] | list[Weekday]) -> None:
        mine = self.at.setdefault(person, set())
        for day in days:
            if day not in mine:
                mine.add(day)
                self.left[day] -= 1
                for t in self.counted[person]:
                    if (t, day) in self.places:
                        self.places[t, day] -= 1


def greedy_days(
    org: OrgRequest, teams: Mapping[str, TeamDays]
) -> tuple[dict[str, tuple[Weekday, ...]], dict[str, tuple[Weekday, ...]], dict[str, str | None]] | None:
    """(team -> days any of it comes, person -> office days, newcomer -> buddy), or None."""
    from ..onboarding import newcomers

    home = {p: td for td in teams.values() for p in td.states}
    desks = _Desks(org, teams)
    ranked = {t: _ranked(td) for t, td in teams.items()}
    for person, td in home.items():  # they come in any case
        desks.take(person, [d for d, s in td.states[person].items() if s is True])
    buddies: dict[str, str | None] = {}
    if org.onboarding is not None:
        for name, td in teams.items():
            buddies |= _newcomers(org, td, newcomers(org, org.team(name)), ranked[name], desks)
    # Teams over their capacity first (their places are the tightest), then everyone with
    # the fewest possible days first.
    order = sorted(home, key=lambda p: (not _grouped(home[p]), sum(1 for s in home[p].states[p].values()
                                                                  if s is not False)))
    for person in order:
        if person in desks.wanted:  # a newcomer's days are their buddy's too: none added alone
            continue
        td = home[person]
        least, _ = day_range(org, td, person)
        free = [d for d in ranked[td.team] if td.states[person].get(d, False) is None]
        mine = desks.at.get(person, set())
        room = [d for d in free if d not in mine and desks.room(person, d)]
        if _grouped(td):
            # A team over its capacity comes in groups: the days with the most places first,
            # or the first groups fill the best days and the last find one day left.
            room.sort(key=lambda d: -desks.places[td.team, d])
        desks.take(person, room[: max(0, least - len(mine))])
    if not _holds(org, teams, home, desks):
        return None
    people = {p: tuple(d for d in home[p].workdays if d in desks.at.get(p, ())) for p in home}
    days = {t: tuple(d for d in td.workdays if any(d in desks.at.get(p, ()) for p in td.states))
            for t, td in teams.items()}
    return days, people, buddies


def _ranked(td: TeamDays) -> list[Weekday]:
    """The team's days, best first: those it would choose alone, then by its pairs together."""
    alone = _alone_choice(td)
    return sorted(td.workdays, key=lambda d: (d not in alone, -_together(td, d)))


def _grouped(td: TeamDays) -> bool:
    return td.capacity is not None and td.capacity < td.size + len(td.guests)  # guests take places too


def _newcomers(
    org: OrgRequest, td: TeamDays, new: list[str], ranked: list[Weekday], desks: _Desks
) -> dict[str, str | None]:
    """As `rules.newcomers_with_buddies` chooses: the same want and the same first buddy who
    can; the newcomer's days the buddy can come, the buddy's own fixed days first."""
    assert org.onboarding is not None
    taken: set[str] = set()
    found: dict[str, str | None] = {}
    for person in new:
        states = td.states[person]
        possible = [d for d in ranked if states.get(d, False) is not False]
        least, most = day_range(org, td, person)
        want = max(min(least, len(possible)), min(org.onboarding.office_days, most, len(possible)))
        buddy = next((m for m in td.states if m not in new and m not in taken and len(org.teams_of[m]) == 1
                      and can_buddy(states, td.states[m], want, day_range(org, td, m)[1])), None)
        found[person] = buddy
        forced = [d for d in possible if states[d] is True]
        if buddy is not None:
            taken.add(buddy)
            theirs = td.states[buddy]
            both = [d for d in possible if theirs.get(d) is not False]
            possible = [d for d in both if theirs.get(d) is True] + [d for d in both if theirs.get(d) is None]
        days = forced + [d for d in possible if d not in forced and desks.room(person, d)]
        desks.take(person, days[: max(want, len(forced))])
        desks.wanted[person] = want
        if buddy is not None:
            desks.take(buddy, desks.at[person])
    return found


def _holds(
    org: OrgRequest, teams: Mapping[str, TeamDays], home: Mapping[str, TeamDays], desks: _Desks
) -> bool:
    """The hard rules the solver's per-person model keeps (`rules.py`)."""
    if any(n < 0 for n in desks.left.values()):
        return False
    for (team, day), n in desks.places.items():
        if n < 0 and any(teams[team].states[p].get(day, False) is not False for p in teams[team].states):
            return False
    for person, td in home.items():
        least, most = day_range(org, td, person)
        possible = sum(1 for s in td.states[person].values() if s is not False)
        least = max(min(least, possible), desks.wanted.get(person, 0))
        if not least <= len(desks.at.get(person, ())) <= most:
            return False
    return True
