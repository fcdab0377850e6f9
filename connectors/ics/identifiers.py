"""The identifiers a calendar text gives its events: every UID, and the X-RHYTHM-KEY of the
events rhythm synced to CalDAV. Read from the lines, without parsing, so that even an event
the reader skips still shows that the calendar received it (`connectors/received.py`)."""

from __future__ import annotations

import re

from .read import decode

_FOLD = re.compile(r"\r?\n[ \t]")
_IDENTIFIER = re.compile(r"^(?:UID|X-RHYTHM-KEY)(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE | re.IGNORECASE)


def identifiers_in(data: bytes | str) -> frozenset[str]:
    return frozenset(v.strip() for v in _IDENTIFIER.findall(_FOLD.sub("", decode(data))))
