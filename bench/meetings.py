"""Generated meetings: sub-teams of 5-9 with their rituals, then cross-team contact.

Meetings are taken in priority order until exactly the asked number of occurrences is
reached: every sub-team's sync and planning first, then design sessions, then the lead's
one-to-ones, then cross-team meetings (tribe leads, guilds, koffiedates, knowledge
sessions, refinements) as long as occurrences are left. A budget smaller than the rituals
cuts the last meeting's `per_week` and stops.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import count
from math import ceil, floor
from typing import Any

Json = dict[str, Any]
Team = tuple[str, list[str]]  # (name, member ids, the lead first)

TEAM_NAMES = (
    "atlas", "beacon", "comet", "delta", "ember", "fjord", "gamma", "harbor", "iris",
    "juniper", "kite", "lumen", "meridian", "nova", "orbit", "pixel", "quartz", "ripple",
    "summit", "tide", "unity", "vertex", "willow", "zenith",
)
GUILDS = ("frontend", "data", "security", "testing", "accessibility", "cloud", "api", "ux")


def split_teams(rng: random.Random, member_ids: list[str]) -> list[Team]:
    """Consecutive sub-teams of 5 to 9 members (one team when there are 9 or fewer)."""
    n = len(member_ids)
    k = 1 if n <= 9 else min(max(round(n / rng.uniform(6.0, 8.0)), ceil(n / 9)), floor(n / 5))
    sizes = [n // k + (i < n % k) for i in range(k)]
    for _ in range(k):  # uneven teams are more realistic than equal ones
        i, j = rng.randrange(k), rng.randrange(k)
        if i != j and sizes[i] > 5 and sizes[j] < 9:
            sizes[i], sizes[j] = sizes[i] - 1, sizes[j] + 1
    teams, first = [], 0
    for i, size in enumerate(sizes):
        rounds, index = divmod(i, len(TEAM_NAMES))
        name = TEAM_NAMES[index] + (f"{rounds + 1}" if rounds else "")
        teams.append((name, member_ids[first:first + size]))
        first += size
    return teams


def meetings_for(rng: random.Random, teams: list[Team], occurrences: int) -> list[Json]:
    """Meetings in priority order whose `per_week` add up to exactly `occurrences`."""
    whole_team = len(teams) == 1
    chosen: list[Json] = []
    left = occurrences
    for meeting in _in_priority(rng, teams, whole_team):
        if left <= 0:
            break
        meeting["per_week"] = min(meeting.get("per_week", 1), left)
        left -= meeting["per_week"]
        chosen.append(meeting)
    return chosen


def _in_priority(rng: random.Random, teams: list[Team], whole_team: bool) -> Iterator[Json]:
    for name, ids in teams:
        yield {"id": f"{name}-sync", "title": f"{name.title()} sync", "minutes": 25,
               "attendees": "all" if whole_team else list(ids),
               "per_week": rng.choice((2, 3)), "where": rng.choice(("online", "any"))}
    for name, ids in teams:
        yield {"id": f"{name}-planning", "title": f"{name.title()} planning", "minutes": 55,
               "attendees": "all" if whole_team else list(ids),
               "where": rng.choice(("any", "any", "office"))}
    for name, ids in teams:
        yield _design(rng, name, ids)
    for i in range(1, max(len(ids) for _, ids in teams)):
        for name, ids in teams:  # round-robin, so a small budget spreads over the teams
            if i < len(ids):
                yield {"id": f"{name}-1on1-{ids[i]}", "title": f"1:1 {ids[0]} / {ids[i]}",
                       "minutes": 25, "attendees": [ids[0], ids[i]],
                       "where": rng.choice(("any", "any", "online", "office"))}
    yield from _cross_team(rng, teams)


def _design(rng: random.Random, name: str, ids: list[str]) -> Json:
    """A creative session, so at the office: the lead, 2-3 members and maybe a listener."""
    members = ids[1:]
    required = [ids[0], *rng.sample(members, min(len(members), rng.randint(2, 3)))]
    others = [m for m in members if m not in required]
    meeting: Json = {"id": f"{name}-design", "title": f"{name.title()} design session",
                     "minutes": 55, "attendees": required, "where": "office"}
    if others and rng.random() < 0.6:
        meeting["optional"] = [rng.choice(others)]
    return meeting


def _cross_team(rng: random.Random, teams: list[Team]) -> Iterator[Json]:
    """Endless cross-team meetings: the seeds' cure for seeing only your own team."""
    leads = [ids[0] for _, ids in teams]
    if len(leads) >= 3:
        for t, first in enumerate(range(0, len(leads), 5), start=1):
            yield {"id": f"tribe{t}-leads", "title": f"Tribe {t} leads", "minutes": 25,
                   "attendees": leads[first:first + 5], "where": "online"}
    everyone = [m for _, ids in teams for m in ids]
    team_of = {m: name for name, ids in teams for m in ids}
    refinements = iter(teams)
    kinds = ("guild", "koffie", "refinement", "koffie", "knowledge")
    for n in count(1):
        kind = kinds[n % len(kinds)]
        if kind == "guild":
            yield _guild(rng, n, everyone)
        elif kind == "koffie":
            yield _koffie(rng, n, everyone, team_of)
        elif kind == "knowledge":
            yield _knowledge(rng, n, everyone)
        elif (team := next(refinements, None)) is not None:
            name, ids = team
            yield {"id": f"{name}-refinement", "title": f"{name.title()} refinement",
                   "minutes": 55, "attendees": list(ids), "where": "any"}


def _guild(rng: random.Random, n: int, everyone: list[str]) -> Json:
    people = rng.sample(everyone, min(len(everyone), rng.randint(5, 8)))
    cut = min(len(people) - 1, rng.randint(3, 5))
    guild = GUILDS[n % len(GUILDS)]
    return {"id": f"guild-{guild}-{n}", "title": f"{guild.title()} guild", "minutes": 55,
            "attendees": people[:cut], "optional": people[cut:],
            "where": rng.choice(("any", "any", "office", "online"))}


def _koffie(rng: random.Random, n: int, everyone: list[str], team_of: dict[str, str]) -> Json:
    """A koffiedate: two colleagues, preferably from different teams."""
    first = rng.choice(everyone)
    others = [m for m in everyone if team_of[m] != team_of[first]] or [
        m for m in everyone if m != first]
    second = rng.choice(others)
    return {"id": f"koffie-{n}", "title": f"Koffiedate {first} / {second}", "minutes": 25,
            "attendees": [first, second], "where": rng.choice(("any", "office"))}


def _knowledge(rng: random.Random, n: int, everyone: list[str]) -> Json:
    """A lunch-and-learn style session: a few required, many invited."""
    people = rng.sample(everyone, min(len(everyone), rng.randint(6, 12)))
    return {"id": f"knowledge-{n}", "title": f"Knowledge session {n}", "minutes": 55,
            "attendees": people[:2], "optional": people[2:], "where": "online"}
