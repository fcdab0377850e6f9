"""After each run of the weekly cycle, the new plan is written into the calendar of every
member who opted in ("Sync each new plan to my calendar", on their week): their Outlook, with
their own Microsoft sign-in, exactly as their "Sync to Outlook" button does, or the CalDAV
calendar of their calendar address. A member whose sign-in is gone or whose calendar cannot
be written is skipped and logged; the others go on, and the stored plan is never touched."""

from __future__ import annotations

import json
import logging

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

import i18n
from connectors import CalendarSink
from connectors.outlook.access import own_mailbox
from connectors.outlook.push import open_sink
from connectors.sync import sync
from scheduler.errors import RhythmError
from scheduler.plan.plan_json import plan_from_json
from store.models import CycleRun, Member, StoredPlan

from . import microsoft
from .db import sessions
from .linking import accounts_of

log = logging.getLogger("rhythm.web.auto_sync")


def sync_opted_in(app: Flask, run_id: int) -> list[str]:
    """Sync the run's plan for each member who opted in; the member ids synced."""
    done: list[str] = []
    with app.app_context(), sessions(app)() as db:
        run = db.get(CycleRun, run_id)
        if run is None or run.status != "done":
            return done
        stored = db.scalars(select(StoredPlan).where(StoredPlan.team_id == run.team_id,
                                                     StoredPlan.week == run.week)
                            .order_by(StoredPlan.id.desc()).limit(1)).first()
        members = db.scalars(select(Member).where(Member.team_id == run.team_id, Member.auto_sync)).all()
        if stored is None or not members:
            return done
        plan = plan_from_json(json.loads(stored.plan_json))
        planned = {p.id for p in plan.members}
        for member in members:
            if member.key not in planned:
                continue
            try:
                sink = _sink(db, member)
                if sink is None:
                    log.info("member %s of team %s opted in to sync but has no calendar rhythm may write",
                             member.key, run.team_id)
                    continue
                with i18n.use(member.team.language):  # the blocks' titles: the team's language
                    sync(sink, plan, member.key, dry_run=False)
                done.append(member.key)
            except RhythmError as error:
                log.warning("the sync of %s (team %s) did not finish: %s", member.key, run.team_id, error)
    return done


def _sink(db: Session, member: Member) -> CalendarSink | None:
    """Where the member's plan goes: their Outlook, with their own Microsoft sign-in, or else
    the CalDAV calendar their calendar address names (read and written with the server's
    CalDAV credentials for that host, RHYTHM_CALDAV_*)."""
    identity = next((i for user in accounts_of(db, member)
                     if (i := microsoft.identity_of(user)) is not None), None)
    if identity is not None:
        cache = microsoft.token_cache(identity)
        assert cache is not None
        return open_sink(f"outlook:{identity.mailbox}", member.key, own_mailbox(identity.mailbox, cache))
    if (member.calendar_address or "").startswith("caldav:"):
        from connectors.caldav.push import open_sink as caldav_sink

        return caldav_sink(member.calendar_address or "", member.key)
    return None


def register(app: Flask) -> None:
    app.extensions.setdefault("rhythm.after_cycle", []).append(sync_opted_in)
