"""What time it is for the service: the clock, or `NOW` when a test sets it, so "this week",
the feed's window and the weekly cycle can be driven by a controlled clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import current_app

import i18n


def now() -> datetime:
    """The current moment, timezone-aware."""
    fixed: datetime | None = current_app.config.get("NOW")
    return fixed or datetime.now(UTC)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def this_monday(timezone: str, moment: datetime | None = None) -> date:
    """The Monday of the current week in the zone given."""
    return monday_of((moment or now()).astimezone(ZoneInfo(timezone)).date())


def iso_label(week: date) -> str:
    """"Week 50, 7 to 13 Dec 2026": the ISO week number people see in their calendar apps."""
    sunday = week + timedelta(days=6)
    language = i18n.current()
    return i18n.gettext("Week %(number)d, %(monday)s to %(sunday)s", number=week.isocalendar().week,
                        monday=format_date(week, "d MMM", locale=language),
                        sunday=format_date(sunday, "d MMM y", locale=language))


def picked_week(text: str | None, timezone: str) -> tuple[date, str | None]:
    """The week a page was asked for ("2026-W50", as a browser's week field sends it, or a
    Monday "2026-12-07"), or this week with the reason when the text is no week."""
    if not text:
        return this_monday(timezone), None
    try:
        if "W" in text.upper():
            year, number = text.upper().split("-W")
            return date.fromisocalendar(int(year), int(number), 1), None
        return monday_of(date.fromisoformat(text)), None
    except ValueError:
        problem = i18n.gettext("%(text)r is not a week (write it as 2026-W50); showing this week.", text=text)
        return this_monday(timezone), problem
