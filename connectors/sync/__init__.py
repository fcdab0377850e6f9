"""Pushing a plan into members' calendars: the desired events, the sync by key, the sinks.

`core.sync` is the one way every sink is written; `sinks.open_sink` picks the sink by
address. The sink's shape, `CalendarSink`, is stated in `connectors/__init__.py`.
"""

from .core import (
    CATEGORIES,
    Attendee,
    Changes,
    DesiredEvent,
    Kind,
    Override,
    Recurrence,
    WrittenEvent,
    changes_between,
    desired_events,
    key_prefix,
    sync,
    week_window,
)

__all__ = [
    "CATEGORIES", "Attendee", "Changes", "DesiredEvent", "Kind", "Override", "Recurrence",
    "WrittenEvent", "changes_between", "desired_events", "key_prefix", "sync", "week_window",
]
