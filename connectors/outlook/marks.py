"""How rhythm recognises the events it wrote, in the organiser's calendar and in invitations.

- In the calendar rhythm writes to: a string single-value extended property (a MAPI named
  property Outlook keeps with the event but never shows) holding `<key>|<fingerprint>`,
  the stable `DesiredEvent.key` and what the event looked like when written. Graph filters
  on it server-side (`startswith(ep/value, '<team>/<week>/')`).
- In attendees' calendars: extended properties stay with the organiser's copy, so the
  invitation copy is recognised by the same two values written as the last lines of the
  event's body, which Outlook sends along with the invitation.
"""

from __future__ import annotations

import re

# Our own property set GUID: a MAPI named property is (GUID, name); nobody else uses this pair.
KEY_PROPERTY = "String {2bdb3d1f-9b39-4a2a-9e0d-9b6f73698639} Name rhythmKey"
_MARKER = re.compile(r"^rhythm-key: (?P<key>.+?)\s*\r?\n\s*rhythm-fingerprint: (?P<fp>[0-9a-f]{16})\s*$",
                     re.MULTILINE)

Mark = tuple[str, str]  # (key, fingerprint)


def property_value(key: str, fingerprint: str) -> str:
    return f"{key}|{fingerprint}"


def body_marker(key: str, fingerprint: str) -> str:
    return f"Planned by rhythm.\nrhythm-key: {key}\nrhythm-fingerprint: {fingerprint}"


def expand_key_property() -> str:
    """The `$expand` that makes Graph return rhythm's property with each event."""
    return f"singleValueExtendedProperties($filter=id eq '{KEY_PROPERTY}')"


def filter_by_prefix(prefix: str) -> str:
    """The `$filter` for events rhythm wrote whose key starts with `prefix`."""
    quoted = prefix.replace("'", "''")  # OData doubles quotes inside a string literal
    return (f"singleValueExtendedProperties/Any(ep: ep/id eq '{KEY_PROPERTY}' "
            f"and startswith(ep/value, '{quoted}'))")


def property_mark(event: dict) -> Mark | None:
    """rhythm's key and fingerprint from the extended property, if the event has it."""
    for prop in event.get("singleValueExtendedProperties") or ():
        if prop.get("id", "").lower() == KEY_PROPERTY.lower():
            key, bar, fingerprint = str(prop.get("value", "")).rpartition("|")
            if bar and key:
                return key, fingerprint
    return None


def body_mark(event: dict) -> Mark | None:
    """rhythm's key and fingerprint from the body (an invitation copy), if it has them."""
    content = str((event.get("body") or {}).get("content") or "")
    found = _MARKER.search(content)
    return (found["key"], found["fp"]) if found else None


def key_of(event: dict) -> str | None:
    """The key rhythm wrote the event under, if it did (its own copy or an invitation)."""
    mark = property_mark(event) or body_mark(event)
    return mark[0] if mark else None


def is_block_of_week(event: dict, week: str) -> bool:
    """Whether rhythm wrote this event for the week `week` (any team): a re-plan of that
    week must not read rhythm's own earlier blocks as busy time."""
    key = key_of(event)
    return bool(key and re.search(f"/{re.escape(week)}/(meeting|lunch|focus|office)/", "/" + key))
