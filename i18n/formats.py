"""Dates, times, weeks and durations as the current language writes them, through Babel's CLDR
data: `ma 30 nov` / `Mon 30 Nov`, `week 49`, always 24-hour `14:05`, `1 u 05` / `1 h 05`.

Week numbers are ISO 8601 (Monday first, the week with the year's first Thursday is week 1):
what Dutch offices say, and the same in English, so a team never sees two numbers for one week
(CLDR's `w` follows the locale: en-US would count from Sunday).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_decimal, format_percent

from . import _, current

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the contract's names


def day(value: date, *, padded: bool = False) -> str:
    """A day in a table or a title: `ma 30 nov`, `Mon 30 Nov`; `padded` for a column of days
    (`di 01 dec`)."""
    return format_date(value, "EEE dd MMM" if padded else "EEE d MMM", locale=current())


def day_column(value: date) -> str:
    """A day in a column of days, the day of the month right-aligned: `Tue  1 Dec`, `di  1 dec`."""
    return (f"{format_date(value, 'EEE', locale=current())} {value.day:>2} "
            f"{format_date(value, 'MMM', locale=current())}")


def long_day(value: date) -> str:
    """A day in a sentence: `maandag 30 november 2026`, `Monday 30 November 2026`."""
    return format_date(value, "EEEE d MMMM y", locale=current())


def date_words(value: date) -> str:
    """A date in words without its weekday: `30 november 2026`, `30 November 2026`."""
    return format_date(value, "d MMMM y", locale=current())


def week_number(value: date) -> int:
    return value.isocalendar().week


def week(value: date) -> str:
    """The ISO week a day falls in: `week 49`."""
    return _("week %(number)d", number=week_number(value))


def week_of(value: date) -> str:
    """A week by its number and its Monday: `week 49 (ma 30 nov 2026)`."""
    monday = date.fromisocalendar(*value.isocalendar()[:2], 1)
    return _("week %(number)d (%(monday)s)", number=week_number(value),
             monday=format_date(monday, "EEE d MMM y", locale=current()))


def clock(value: time | datetime) -> str:
    """A time of day on the 24-hour clock in every language: `14:05`."""
    return format_time(value, "HH:mm", locale=current())


def span(start: time | datetime, end: time | datetime) -> str:
    return f"{clock(start)}-{clock(end)}"


def weekday(name: str, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide") -> str:
    """A weekday of the contract (`"mon"`, or `"monday"`) in words: `maandag`/`Monday`, or
    `ma`/`Mon` with `width="abbreviated"`."""
    return get_day_names(width, locale=current())[WEEKDAYS.index(name[:3].lower())]


def duration(minutes: int | float) -> str:
    """Minutes as hours and minutes: 65 -> `1 u 05` in Dutch, `1 h 05` in English (never `1.08`)."""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 60)
    return sign + _("%(hours)d h %(minutes)02d", hours=hours, minutes=rest)


def number(value: float) -> str:
    """A count or figure as the language writes it: `2.5` / `2,5`, no trailing `.0`."""
    return format_decimal(value, "#,##0.##", locale=current())


def percent(share: float) -> str:
    """A share with one decimal: `87.5%` / `87,5%`."""
    return format_percent(share, "#,##0.0%", locale=current())
