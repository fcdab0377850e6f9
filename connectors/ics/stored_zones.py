"""The zones of the stored copy: each TZID the events use, as the reader read it.

- Read from the calendar's own VTIMEZONE: that block, rebuilt from what a zone is made of
  (each STANDARD and DAYLIGHT part's DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE and RDATE; no
  TZNAME, X-LIC-LOCATION, comment or anything nested). Its name stays when it is a zone's
  name (IANA, Windows), so a block that disagrees with its name is still told apart; a
  vendor's prefix is dropped; any other name becomes `rhythm-zone-N`.
- Read as a tzdata zone (its name, or a block too costly to walk): that zone's IANA name.
- Read at the offset its name states: a block of that one offset, `rhythm-zone-N`.
- Read as a time without a zone: no TZID.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Component, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..timezones import iana_name, is_iana_name, zone_named
from .checked import CheckedCalendar
from .stored_values import add_rules, add_times, add_unreadable, each
from .zones import DATE_PROPERTIES, zone_from_name

_PARTS = {"STANDARD": TimezoneStandard, "DAYLIGHT": TimezoneDaylight}


@dataclass
class StoredZones:
    """Original TZID -> stored TZID (None: a time without a zone), the blocks to store, and
    for each stored block the original TZID it came from."""

    names: dict[str, str | None] = field(default_factory=dict)
    blocks: list[Timezone] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)


def used_zones(checked: CheckedCalendar) -> list[str]:
    """The TZIDs the events' times name, in the order they first do."""
    found: dict[str, None] = {}
    for event, _ in checked.events:
        for name in DATE_PROPERTIES:
            for value in each(event.get(name)):
                tzid = str(getattr(value, "params", {}).get("TZID") or "").strip('"')
                if tzid:
                    found.setdefault(tzid)
    return list(found)


def stored_zones(checked: CheckedCalendar, tzids: Iterable[str], floating: str | None = None) -> StoredZones:
    """`floating`: the zone to write times without one in (None: leave them without)."""
    zones = StoredZones(names={"": floating})
    blocks, offsets = [], []
    for tzid in tzids:
        own = checked.own.get(tzid)
        if tzid in checked.costly:
            known = zone_named(tzid)  # what the reader falls back to
            zones.names[tzid] = known.key if known else None
        elif own is not None:
            blocks.append(tzid)
        else:
            zone = zone_named(tzid) or zone_from_name(tzid)[0]
            if isinstance(zone, ZoneInfo):
                zones.names[tzid] = zone.key
            elif isinstance(zone, timezone):
                offsets.append((tzid, zone.utcoffset(None)))
            else:
                zones.names[tzid] = None
    taken = {name for name in zones.names.values() if name}
    for tzid in blocks:
        name = _block_name(tzid, taken, zones)
        zones.blocks.append(_rebuilt(checked.own[tzid].block, name))
    for tzid, offset in offsets:
        name = _block_name(tzid, taken, zones, neutral=True)
        zones.blocks.append(_fixed(name, offset))
    return zones


def _block_name(tzid: str, taken: set[str], zones: StoredZones, *, neutral: bool = False) -> str:
    exact = tzid if is_iana_name(tzid) or tzid in WINDOWS_TO_OLSON else iana_name(tzid)
    name = exact if exact and not neutral and exact not in taken else f"rhythm-zone-{len(zones.blocks) + 1}"
    taken.add(name)
    zones.names[tzid], zones.origins[name] = name, tzid
    return name


def _rebuilt(block: Timezone, name: str) -> Timezone:
    zone = Timezone()
    zone.add("TZID", name)
    for part in block.subcomponents:
        if part.name in _PARTS:
            zone.add_component(_part(part))
    return zone


def _part(part: Component) -> Component:
    kept = _PARTS[str(part.name)]()  # _rebuilt passes only STANDARD and DAYLIGHT
    add_times(kept, "DTSTART", part, {})
    for name in ("TZOFFSETFROM", "TZOFFSETTO"):
        for value in each(part.get(name)):
            if isinstance(getattr(value, "td", None), timedelta):
                kept.add(name, value.td)
            else:
                add_unreadable(kept, name)
    add_rules(kept, "RRULE", part)
    add_times(kept, "RDATE", part, {})
    return kept


def _fixed(name: str, offset: timedelta | None) -> Timezone:
    zone, part = Timezone(), TimezoneStandard()
    zone.add("TZID", name)
    part.add("DTSTART", datetime(1970, 1, 1))  # one part: dateutil uses it for every time
    part.add("TZOFFSETFROM", offset or timedelta(0))
    part.add("TZOFFSETTO", offset or timedelta(0))
    zone.add_component(part)
    return zone
