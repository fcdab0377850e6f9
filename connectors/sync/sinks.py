"""Calendars rhythm writes plans into, by address: `outlook:me`, `caldav:https://...`.

Each scheme's module is imported only when used, so the planning core and the ICS path
never load Microsoft's or CalDAV's libraries. A module offers
`open_sink(address: str, member_id: str) -> CalendarSink`.
"""

from __future__ import annotations

import importlib

from scheduler.errors import RhythmError

from .. import CalendarSink

SINK_MODULES = {"outlook": "connectors.outlook.push", "caldav": "connectors.caldav.push"}


def open_sink(address: str, member_id: str) -> CalendarSink:
    scheme, _, rest = address.partition(":")
    module_name = SINK_MODULES.get(scheme.lower())
    if module_name is None or not rest:
        known = ", ".join(f"{s}:..." for s in SINK_MODULES)
        raise RhythmError(f"--to {address!r}: not a calendar rhythm can write to (use {known})")
    return importlib.import_module(module_name).open_sink(address, member_id)
