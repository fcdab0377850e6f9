"""Property values of the stored copy, written from what icalendar parsed, never copied as text.

A time is written from its value (the wall clock, with the stored name of its zone), a rule
from its known parts, a number as a number. What icalendar could not read is written as
`unreadable` (`FREQ=UNREADABLE` for a rule), and a rule's parts dateutil does not know as one
`X-RHYTHM-UNKNOWN=1`: the reader then fails on the stored copy exactly where it failed on the
file, and says so, while no word of the file is kept. Only the parameters that change a
reading are written (`TZID`, `VALUE`, `RANGE=THISANDFUTURE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Component, Parameters, vDDDTypes, vRecur, vText
from icalendar.prop import vBroken

UNREADABLE = "unreadable"
# The parts dateutil reads (its rrulestr has a handler for each); any other fails the series.
RULE_PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSETPOS", "BYMONTH", "BYMONTHDAY", "BYYEARDAY",
              "BYEASTER", "BYWEEKNO", "BYWEEKDAY", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST")
UNKNOWN_PART = "X-RHYTHM-UNKNOWN"


def each(value: Any) -> Iterator[Any]:
    """A property's values: icalendar gives a list for one written more than once."""
    yield from value if isinstance(value, list) else ([] if value is None else [value])


def add_unreadable(component: Component, name: str) -> None:
    """A value icalendar cannot read either (`RRULE:unreadable` would read as an empty rule)."""
    marker = f"FREQ={UNREADABLE.upper()}" if name in ("RRULE", "EXRULE") else UNREADABLE
    component.add(name, vText(marker), encode=False)


def add_times(component: Component, name: str, source: Component, zones: Mapping[str, str | None]) -> None:
    """DTSTART, DTEND, RECURRENCE-ID, EXDATE, RDATE, DURATION (each time it is written)."""
    for value in each(source.get(name)):
        if isinstance(value, vBroken) or (not hasattr(value, "dt") and not hasattr(value, "dts")):
            add_unreadable(component, name)
            continue
        tzid = str(value.params.get("TZID") or "").strip('"')
        stored = zones.get(tzid)  # "": the zone times without one are written in, if any
        items = [one.dt for one in value.dts] if hasattr(value, "dts") else [value.dt]
        written = [_time(item, bool(tzid)) for item in items]
        parameters = {"TZID": stored} if stored and any(_wall_clock(w) for w in written) else {}
        if written and all(type(w) is date for w in written):
            parameters["VALUE"] = "DATE"
        elif written and all(isinstance(w, tuple) for w in written):
            parameters["VALUE"] = "PERIOD"
        if name == "RECURRENCE-ID" and value.params.get("RANGE") == "THISANDFUTURE":
            parameters["RANGE"] = "THISANDFUTURE"
        component.add(name, _Written(",".join(_text(w) for w in written), parameters), encode=False)


def _time(value: Any, zoned: bool) -> Any:
    """The wall clock where a TZID says the zone (the stored TZID is written beside it); a
    time in UTC stays in UTC; a period is two such times, or a time and a duration."""
    if isinstance(value, tuple):
        return tuple(_time(part, zoned) for part in value)
    if not isinstance(value, datetime) or value.tzinfo is None:
        return value
    if zoned:
        return value.replace(tzinfo=None)
    return value.astimezone(UTC)


class _Written:
    """A value as rhythm writes it: icalendar's period type refuses a period that ends before
    it starts, which the file may hold and the reader reads past."""

    def __init__(self, text: str, parameters: dict[str, str]) -> None:
        self.text, self.params = text, Parameters(parameters)

    def to_ical(self) -> bytes:
        return self.text.encode("ascii")


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return "/".join(_text(part) for part in value)
    written = vDDDTypes(value).to_ical()  # bytes, but str for a time of day
    return written.decode("ascii") if isinstance(written, bytes) else written


def _wall_clock(value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_wall_clock(part) for part in value)
    return isinstance(value, datetime) and value.tzinfo is None


def add_rules(component: Component, name: str, source: Component) -> None:
    """RRULE (or a VTIMEZONE part's) with its known parts; unknown ones fail as they did."""
    for value in each(source.get(name)):
        if not isinstance(value, vRecur):
            add_unreadable(component, name)
            continue
        parts = {key: value[key] for key in RULE_PARTS if key in value and _writes(key, value[key])}
        if len(parts) < len(value):  # a part dateutil does not know, or one icalendar cannot write
            parts[UNKNOWN_PART] = ["1"]
        component.add(name, vRecur(parts))


def _writes(key: str, value: Any) -> bool:
    try:
        vRecur({key: value}).to_ical()
    except (ValueError, TypeError, AttributeError):  # an UNTIL that is a time of day, say
        return False
    return True


def add_numbers(component: Component, name: str, source: Component) -> None:
    """SEQUENCE: recurring-ical-events orders a series' changes by it."""
    for value in each(source.get(name)):
        if isinstance(value, int) and not isinstance(value, bool):
            component.add(name, int(value))
        else:
            add_unreadable(component, name)


def add_words(component: Component, name: str, source: Component, word: Callable[[str], str]) -> None:
    """STATUS, TRANSP: each written value as the one word of its meaning to the reader."""
    for value in each(source.get(name)):
        component.add(name, word(str(value)))
