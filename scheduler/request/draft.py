"""The decoded request while it is being checked, and the small value readers the checks share."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from i18n import gettext
from scheduler.domain import Focus, Rules, TimeRange

JsonPath = tuple[str | int, ...]


Finding = tuple[JsonPath, str]


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


FEEDS = ("https://", "http://", "webcal://")


def format_path(path: JsonPath) -> str:
    """`("meetings", 3, "minutes")` -> `meetings[3].minutes`, the way the contract names fields."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def show(value: object) -> str:
    """A value as the person wrote it in JSON, cut short so a message stays one line."""
    if isinstance(value, dict | list):
        return "an object" if isinstance(value, dict) else "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + '..."'


def clock(text: str) -> time:
    return time.fromisoformat(text)


def clock_range(raw: dict[str, str]) -> TimeRange:
    return TimeRange(clock(raw["start"]), clock(raw["end"]))


def parse_instant(text: str) -> datetime:
    """A moment in ISO 8601; a time without offset is refused, as its zone would be a guess."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(gettext("%(text)s is not an ISO 8601 date and time", text=show(text))) from None
    if moment.utcoffset() is None:
        raise ValueError(gettext("%(text)s has no UTC offset; add one, e.g. +01:00 or Z", text=text))
    return moment


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # unknown key, malformed key, or a tz folder
        return False
    return True


# Each turns a given rule into its domain value; objects given in part keep the default's
# other fields ("may be left out in part"). int(): JSON Schema counts 25.0 as an integer.
_RULE_VALUES: dict[str, Callable[[Any, Any], Any]] = {
    "meeting_hours": lambda raw, default: replace(default, **_clock_fields(raw)),
    "meeting_lengths": lambda raw, _: tuple(int(n) for n in raw),
    "workdays": lambda raw, _: tuple(raw),
    "meetingless_days": lambda raw, _: tuple(raw),
    "lunch": lambda raw, default: replace(default, **_clock_fields(raw)),
    "office_days": lambda raw, default: replace(default, **{k: int(v) for k, v in raw.items()}),
    "office_capacity": lambda raw, _: None if raw is None else int(raw),
    "focus": lambda raw, _: raw and Focus(int(raw["minutes"]), int(raw["blocks_per_week"])),
    "start_every_minutes": lambda raw, _: int(raw),
    "freeze_hours": lambda raw, _: int(raw),
}


RULE_NAMES = tuple(f.name for f in fields(Rules))


@dataclass(frozen=True)
class Draft:
    """The decoded request and the paths where the schema found it broken."""

    data: Any
    broken: tuple[JsonPath, ...] = ()
    base_dir: Path | None = None
    # The broken paths, and every path leading to one, as sets: each question costs the
    # length of its path, not the number of problems (20,000 broken attendees once made
    # every check walk all of them for each entry).
    _broken: frozenset[JsonPath] = field(init=False, repr=False, compare=False)
    _around: frozenset[JsonPath] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_broken", frozenset(self.broken))
        object.__setattr__(self, "_around", frozenset(b[:n] for b in self.broken for n in range(len(b) + 1)))

    def intact(self, *path: str | int) -> bool:
        """Nothing broken at this path or around it (its parents can be read)."""
        # A valid request (nothing broken) answers at once: the checks ask this for every
        # busy time of every member, 1.5 million times for an organisation of 10,000.
        return not self._broken or not any(path[:n] in self._broken for n in range(len(path) + 1))

    def clean(self, *path: str | int) -> bool:
        """Intact, and nothing inside it broken either."""
        return not self._broken or (self.intact(*path) and path not in self._around)

    def items(
        self, *path: str | int, needs: tuple[str, ...] | None = None
    ) -> Iterator[tuple[int, Any]]:
        """The entries of the list at `path` (none when absent) that are clean, or whose
        fields named in `needs` are: a typo in a meeting's title hides no problem in its length.
        """
        if not self.intact(*path):
            return
        value = self.data
        for part in path:
            value = value.get(part, []) if isinstance(value, dict) else value[part]
        if not self._broken:
            yield from enumerate(value)
            return
        for index, item in enumerate(value):
            parts = [(*path, index, f) for f in needs] if needs is not None else [(*path, index)]
            if self.intact(*path, index) and all(self.clean(*part) for part in parts):
                yield index, item

    def rules(self, *names: str) -> tuple[Any, ...] | None:
        """The named rules as domain values (defaults where left out); None if one is broken."""
        if not all(self.clean("rules", name) for name in names):
            return None
        given = self.data.get("rules", {})
        return tuple(
            _RULE_VALUES[name](given[name], getattr(Rules(), name)) if name in given
            else getattr(Rules(), name)
            for name in names
        )

    def member_ids(self) -> list[str] | None:
        """Every member's id in order, or None when one cannot be read."""
        if not self.intact("members"):
            return None
        members = self.data["members"]
        if not all(self.clean("members", i, "id") for i in range(len(members))):
            return None
        return [member["id"] for member in members]


def _clock_fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: clock(v) if isinstance(v, str) else int(v) for key, v in raw.items()}

def used_twice(d: Draft, key: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, entry in d.items(key, needs=("id",)):
        if entry["id"] in seen:
            yield (key, i, "id"), gettext("%(id)s is used twice", id=show(entry["id"]))
        seen.add(entry["id"])
