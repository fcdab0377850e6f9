"""The Content-Disposition of a download, whatever the names it is made of hold.

A file name is made of a team's name and a member's key; a line break in a header value is a
500 (werkzeug refuses it), and a quote or non-Latin-1 letter breaks the header for browsers.
Only letters, digits, '.', '_' and '-' go into the name; anything else becomes '-'.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attachment(*parts: str, suffix: str) -> dict[str, str]:
    """The header that offers a download named after `parts`, e.g. `platform-ana.ics`."""
    stem = "-".join(_UNSAFE.sub("-", part).strip("-.") for part in parts) or "rhythm"
    return {"Content-Disposition": f'attachment; filename="{stem}{suffix}"'}
