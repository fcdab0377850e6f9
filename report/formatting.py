"""How figures read, in one place: the terminal table, the web pages and the report all show
durations through `duration`, in the language in use (`i18n.formats`)."""

from __future__ import annotations

from i18n.formats import duration

__all__ = ["duration"]
