"""The organisation's stored weeks: summaries for the organisation page and the history of
coffee rounds, in the web app's database (`store.models`, migrated by Alembic), so a round
planned on the command line shows in the web app and the next round's pairs are new."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from store.engine import make_engine, upgrade
from store.models import CoffeePair, OrgWeek

NO_REPEAT_ROUNDS = 6  # a pair does not meet again within this many rounds


def open_history(url: str) -> sessionmaker[Session]:
    """Sessions on the database at `url`, brought to the newest schema first."""
    engine = make_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def earlier_rounds(db: Session, organisation: str, week: date, rounds: int = NO_REPEAT_ROUNDS) -> list[date]:
    """The weeks of the last `rounds` rounds before `week`, newest first."""
    weeks = db.scalars(
        select(CoffeePair.week)
        .where(CoffeePair.organisation == organisation, CoffeePair.week < week)
        .group_by(CoffeePair.week)
        .order_by(CoffeePair.week.desc())
        .limit(rounds)
    )
    return list(weeks)


def recent_pairs(db: Session, organisation: str, week: date) -> set[frozenset[str]]:
    weeks = earlier_rounds(db, organisation, week)
    if not weeks:
        return set()
    rows = db.execute(
        select(CoffeePair.person_a, CoffeePair.person_b).where(
            CoffeePair.organisation == organisation, CoffeePair.week.in_(weeks)
        )
    )
    return {frozenset(row) for row in rows}


def store_round(
    db: Session,
    organisation: str,
    week: date,
    pairs: Iterable[Mapping[str, Any]],
    emails: Mapping[str, str | None],
) -> None:
    """The round of `week`, replacing one stored before for the same week (a re-plan)."""
    db.execute(delete(CoffeePair).where(CoffeePair.organisation == organisation, CoffeePair.week == week))
    # One executemany of plain rows: an ORM object per date took 2 of the run's last seconds
    # at 10,000 people (5,000 dates; bench/RESULTS.md).
    rows = [
        {
            "organisation": organisation,
            "week": week,
            "person_a": pair["people"][0],
            "person_b": pair["people"][1],
            "email_a": _lower(emails.get(pair["people"][0])),
            "email_b": _lower(emails.get(pair["people"][1])),
            "name_a": pair["names"][0],
            "name_b": pair["names"][1],
            "building": pair["building"],
            "start": _utc(pair["start"]),
            "end": _utc(pair["end"]),
        }
        for pair in pairs
    ]
    if rows:
        db.execute(insert(CoffeePair), rows)


def store_summary(db: Session, organisation: str, week: date, summary: Mapping[str, Any],
                  viewers: Iterable[str] = ()) -> None:
    """The week's summary, with the addresses that may open it in the web app."""
    db.execute(delete(OrgWeek).where(OrgWeek.organisation == organisation, OrgWeek.week == week))
    db.add(OrgWeek(organisation=organisation, week=week, summary_json=json.dumps(summary),
                   viewers=sorted(viewers)))


def rounds_stored(db: Session, organisation: str) -> int:
    return (
        db.scalar(
            select(func.count(func.distinct(CoffeePair.week))).where(CoffeePair.organisation == organisation)
        )
        or 0
    )


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)


def _lower(email: str | None) -> str | None:
    return email.lower() if email else None
