"""Calendars stored as planning facts only: titles, descriptions, places and attendees dropped

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 03:58:00

Uploaded calendars (`members.ics_text`) and the inline calendars inside stored requests
(`plans.request_json`, `jobs.request_json`) are reduced to what planning reads, as new ones
are at the door (`connectors/ics/minimise.py`). A calendar that no longer reads is replaced
by an empty one: it could not be planned from anyway. There is no way back: the downgrade
changes nothing.

The reduction is a copy of the door's as it was at this revision, frozen here: a migration
must do the same to the same rows whatever the code around it becomes, so it imports no
module of rhythm. It reads as the door did: the whole text with icalendar, or, where that
fails, one component at a time (lines outside a VCALENDAR or that are no content line left
out, a cut-off file closed, a component that does not parse skipped).
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings

import sqlalchemy as sa
from alembic import op
from icalendar import Calendar, Component, Event
from icalendar.timezone import tzp

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

PRODID = "-//rhythm//planning facts only//EN"
EMPTY = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nEND:VCALENDAR\r\n"
BUSY_STATUS = "X-MICROSOFT-CDO-BUSYSTATUS"
EVENT_KEEPS = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
               "TRANSP", "STATUS", "SEQUENCE", BUSY_STATUS)
CALENDAR_KEEPS = ("VERSION", "CALSCALE", "X-WR-TIMEZONE")
OUT_OF_OFFICE = re.compile(r"\bout[ -]of[ -](the[ -])?office\b|\booo\b", re.IGNORECASE)
HOME = re.compile(r"\b(home|homeoffice|thuis\w*|wfh|remote)\b", re.IGNORECASE)
OFFICE = re.compile(r"\b(office|kantoor)\b", re.IGNORECASE)
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)
CONTENT_LINE = re.compile(r"^[A-Za-z0-9_-]+[;:]")


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        # Overwrite what is replaced, so the old text does not linger in the file's free pages.
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("ics_text", sa.Text))
    for row in connection.execute(sa.select(members.c.id, members.c.ics_text)
                                  .where(members.c.ics_text.is_not(None))):
        connection.execute(members.update().where(members.c.id == row.id)
                           .values(ics_text=_calendar(row.ics_text)))
    for name, key in (("plans", sa.Integer), ("jobs", sa.String)):
        table = sa.table(name, sa.column("id", key), sa.column("request_json", sa.Text))
        for row in connection.execute(sa.select(table.c.id, table.c.request_json)):
            connection.execute(table.update().where(table.c.id == row.id)
                               .values(request_json=_request(row.request_json)))


def downgrade() -> None:
    pass  # what was dropped is gone


def _request(text: str) -> str:
    data = json.loads(text)
    for member in data.get("members", []) if isinstance(data, dict) else []:
        calendars = member.get("calendars", []) if isinstance(member, dict) else []
        for j, ref in enumerate(calendars):
            if isinstance(ref, dict) and isinstance(ref.get("ics"), str):
                # Twice, as at this revision: each calendar on its own, then again with its
                # request (so their UIDs are hashed twice; they still pair a series' overrides).
                calendars[j] = {"ics": _calendar(_calendar(ref["ics"]))}
    return json.dumps(data)


def _calendar(text: str) -> str:
    caching = tzp.cache_timezone_component
    # While parsing, icalendar keeps no VTIMEZONE in its process-wide cache: one row's zone
    # must not stand for the same name in the next row, nor in what the process reads after.
    tzp.cache_timezone_component = lambda _component: None  # type: ignore[method-assign,assignment]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = _parsed(text.removeprefix("\ufeff"))
        return "".join(_minimised(calendar).to_ical().decode("utf-8") for calendar in calendars) or EMPTY
    except UNREADABLE:
        return EMPTY
    finally:
        tzp.cache_timezone_component = caching  # type: ignore[method-assign]


def _parsed(text: str) -> list[Calendar]:
    lines = _content_lines(text)
    begun = sum(line.strip().upper() == "BEGIN:VCALENDAR" for line in lines)
    try:
        whole = [c for c in Calendar.from_ical(text, multiple=True) if c.name == "VCALENDAR"]
        if len(whole) == begun:
            return whole
    except UNREADABLE:
        pass
    return _by_component(lines)


def _by_component(lines: list[str]) -> list[Calendar]:
    """Each VCALENDAR parsed one component at a time, for a text icalendar cannot parse whole."""
    calendars: list[Calendar] = []
    open_: list[str] = []  # the components open at this line, outermost first
    header: list[str] = []
    children: list[list[str]] = []
    for line in lines:
        key, _, value = line.partition(":")
        key, value = key.upper(), value.strip().upper()
        if not open_:
            if key == "BEGIN" and value == "VCALENDAR":
                open_, header, children = ["VCALENDAR"], [line], []
            continue
        if key == "END" and len(open_) == 1:
            calendars.append(_assembled(header, children))
            open_ = []
            continue
        if key == "BEGIN":
            open_.append(value)
            if len(open_) == 2:
                children.append([])
        (children[-1] if len(open_) > 1 else header).append(line)
        if key == "END":
            open_.pop()
    if open_:  # cut off: what is open is closed
        if len(open_) > 1:
            children[-1] += [f"END:{name}" for name in reversed(open_[1:])]
        calendars.append(_assembled(header, children))
    return calendars


def _content_lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in re.split(r"\r\n|\n|\r", text):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]  # a folded line goes on the one before
        elif CONTENT_LINE.match(line):
            lines.append(line)
    return lines


def _assembled(header: list[str], children: list[list[str]]) -> Calendar:
    try:
        calendar = Calendar.from_ical("\r\n".join([*header, "END:VCALENDAR"]))
    except UNREADABLE:
        calendar = Calendar()  # its own properties unreadable: what matters is inside
    for child in children:
        try:
            calendar.add_component(Component.from_ical("\r\n".join(child)))
        except UNREADABLE:
            continue  # the door skipped a component that does not parse
    return calendar


def _minimised(calendar: Calendar) -> Calendar:
    kept = Calendar()
    kept.add("PRODID", PRODID)
    for name in CALENDAR_KEEPS:
        if name in calendar:
            kept[name] = calendar[name]
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            kept.add_component(component)
        elif component.name == "VEVENT":
            kept.add_component(_event(component))
    return kept


def _event(event: Component) -> Event:
    kept = Event()
    for name in EVENT_KEEPS:
        if name in event:
            kept[name] = event[name]
    if "UID" in event:  # a UID may carry an address; its hash still pairs a series' overrides
        kept["UID"] = hashlib.sha256(str(event["UID"]).encode()).hexdigest()[:32] + "@rhythm"
    title = _title(event)
    if title:
        kept["SUMMARY"] = title
    return kept


def _title(event: Component) -> str | None:
    status = str(event.get(BUSY_STATUS, "")).strip().upper()
    if status == "OOF" or OUT_OF_OFFICE.search(str(event.get("SUMMARY", ""))):
        return "Out of office"
    for name in ("SUMMARY", "LOCATION"):
        # "Out of office" says nothing about the office, so it must not read as "office".
        text = OUT_OF_OFFICE.sub(" ", str(event.get(name, "")))
        if HOME.search(text):
            return "Home"  # checked first: "home office" is working from home
        if OFFICE.search(text):
            return "Office"
    return "Home" if status == "WORKINGELSEWHERE" else None
