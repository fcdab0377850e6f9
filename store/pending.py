"""Data work a migration leaves to the code that knows how: rows rewritten by today's rules.

A migration must do the same to the same rows whatever the code around it becomes, so it
imports nothing of rhythm (tests/test_layers.py). Rewriting stored calendars by the reader's
current reduction needs the connectors, a layer above the store. Such a migration records a
`PendingTask` by name instead; whoever upgrades the database with the connectors at hand (the
web app's `upgrade`, on every `rhythm serve` start) runs each task it has a handler for, once,
in the same transaction that removes the task. A task without a handler stays until one runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base

Handler = Callable[[Session], None]


class PendingTask(Base):
    __tablename__ = "pending_tasks"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)


def run_pending(db: Session, handlers: Mapping[str, Handler]) -> list[str]:
    """Run every pending task that has a handler; the names of those run."""
    done = []
    for task in db.scalars(select(PendingTask).order_by(PendingTask.name)).all():
        handler = handlers.get(task.name)
        if handler is None:
            continue
        handler(db)
        db.delete(task)
        db.commit()
        done.append(task.name)
    return done
