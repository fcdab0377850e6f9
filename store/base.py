"""The declarative base every table derives from, and the one clock the tables keep.

Times are naive UTC (`utcnow`): SQLite keeps no offsets, so one convention for both databases.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import DeclarativeBase


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass
