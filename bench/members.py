"""Generated team members: names, working hours, office habits and a busy calendar.

Busy time is what a real calendar holds: a few events at the same time every day (another
project's stand-up), then chunks of 30 to 120 minutes on the half hour (sometimes the
quarter) until about `busy_fraction` of the member's working hours are taken.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Span = tuple[int, int]  # [start, end) in minutes after local midnight
Json = dict[str, Any]

FIRST_NAMES = (
    "Ana", "Bram", "Cas", "Dewi", "Eva", "Femke", "Gijs", "Hanna", "Ilse", "Joost", "Kim",
    "Lars", "Mila", "Noor", "Olaf", "Pien", "Quinten", "Roos", "Sem", "Tess", "Umut", "Vera",
    "Wouter", "Xander", "Yara", "Zoë", "Anouk", "Bas", "Daan", "Emma", "Fleur", "Hugo", "Iris",
    "Jesse", "Lotte", "Mees", "Nina", "Ruben", "Sanne", "Thijs", "Fatima", "Mohammed", "Priya",
)
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder", "de Boer", "Meijer", "Bos",
    "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Kok", "Verhoeven", "van den Berg", "Yilmaz", "El Amrani", "Sharma", "Wong", "Smith",
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
OTHER_ZONE = "Europe/London"
# (weight, working hours in the member's own zone); None keeps the default 09:00-17:00.
HOURS: tuple[tuple[int, tuple[str, str] | None], ...] = (
    (70, None),
    (10, ("08:00", "16:00")),
    (8, ("09:30", "18:00")),
    (7, ("08:30", "17:00")),
    (5, ("09:00", "14:00")),  # a part-timer: mornings and early afternoons only
)
CHUNK_MINUTES = (30, 30, 45, 60, 60, 90, 120)


def make_member(
    rng: random.Random, used_ids: set[str], week: date, team_zone: str, busy_fraction: float
) -> Json:
    """One member as the v1 request writes it, with inline `busy` for the five workdays."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    member_id = _unique(_slug(f"{first}.{last}"), used_ids)
    member: Json = {"id": member_id, "name": f"{first} {last}", "email": f"{member_id}@example.com"}
    zone = team_zone
    if rng.random() < 0.08:  # a colleague in the UK office: an hour behind the team
        zone = OTHER_ZONE
        member["timezone"] = zone
    hours = rng.choices([h for _, h in HOURS], weights=[w for w, _ in HOURS])[0]
    if hours is not None:
        member["working_hours"] = {"start": hours[0], "end": hours[1]}
    office = _office_habits(rng)
    if office:
        member["office"] = office
    working = _minutes(hours[0]) if hours else 9 * 60, _minutes(hours[1]) if hours else 17 * 60
    member["busy"] = busy_week(rng, week, ZoneInfo(zone), working, busy_fraction)
    return member


def busy_week(
    rng: random.Random, week: date, zone: ZoneInfo, working: Span, fraction: float
) -> list[Json]:
    """Busy intervals over the five workdays, about `fraction` of the working hours each day."""
    recurring = _recurring(rng, working)
    intervals = []
    for offset, weekday in enumerate(WEEKDAYS):
        day = week + timedelta(days=offset)
        # Days differ: some are packed, some nearly empty; the week averages `fraction`.
        target = fraction * (working[1] - working[0]) * rng.uniform(0.6, 1.4)
        taken = [span for days, span in recurring if weekday in days]
        _fill(rng, taken, working, target)
        intervals += [_interval(day, zone, span) for span in sorted(taken)]
    return intervals


def _recurring(rng: random.Random, working: Span) -> list[tuple[tuple[str, ...], Span]]:
    """0-2 events that repeat at the same time on several days."""
    events: list[tuple[tuple[str, ...], Span]] = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        length = rng.choice((15, 30, 30, 60))
        start = working[0] + 30 * rng.randrange((working[1] - working[0] - length) // 30 + 1)
        days = WEEKDAYS if rng.random() < 0.5 else tuple(sorted(
            rng.sample(WEEKDAYS, rng.randint(2, 4)), key=WEEKDAYS.index))
        span = (start, start + length)
        if not any(_clash(span, [other]) for _, other in events):
            events.append((days, span))
    return events


def _fill(rng: random.Random, taken: list[Span], working: Span, target: float) -> None:
    """Add chunks that overlap nothing already taken until `target` minutes are busy."""
    for _ in range(60):
        left = target - sum(b - a for a, b in taken)
        if left < 15:
            return
        lengths = [m for m in CHUNK_MINUTES if m <= max(30, left + 15)]
        length = rng.choice(lengths)
        grid = 30 if rng.random() < 0.85 else 15
        first = -(-working[0] // grid) * grid
        choices = (working[1] - length - first) // grid + 1
        if choices <= 0:
            continue
        start = first + grid * rng.randrange(choices)
        span = (start, start + length)
        if not _clash(span, taken):
            taken.append(span)


def _office_habits(rng: random.Random) -> Json:
    """Most members follow the team's rules; some never come in on a day, a few always do."""
    roll = rng.random()
    if roll < 0.15:
        return {"never": rng.choice((["fri"], ["mon"], ["wed"], ["mon", "fri"]))}
    if roll < 0.20:
        return {"always": rng.choice((["tue"], ["thu"], ["mon"]))}
    return {}


def _clash(span: Span, others: list[Span]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in others)


def _interval(day: date, zone: ZoneInfo, span: Span) -> Json:
    midnight = datetime.combine(day, time(), tzinfo=zone)
    start, end = (midnight + timedelta(minutes=m) for m in span)
    return {"start": start.isoformat(), "end": end.isoformat()}


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z.]+", "", ascii_text.lower().replace(" ", ""))


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}{n}", n + 1
    used.add(candidate)
    return candidate
