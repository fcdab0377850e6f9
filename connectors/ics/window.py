"""Several planned weeks of one member as one calendar: what a subscription (webcal) serves.

Each week's events are the ones `member_calendar` exports for that week's plan, so their UIDs
are the same as in a download of the week and stay the same as the window moves on. The
calendar's own name and UID depend on the team and the member only: a calendar app keeps the
subscription's name from week to week.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from icalendar import Calendar

from scheduler.domain import Plan, TeamRequest

from .export import PRODID, member_calendar


def window_calendar(weeks: Sequence[tuple[Plan, TeamRequest]], member_id: str, name: str) -> bytes:
    """The member's events of every (plan, request) given, one VTIMEZONE per zone, named `name`."""
    name = " ".join(name.split())  # a line break in a stored name cannot end the property
    stable = hashlib.sha256(name.encode()).hexdigest()[:16]
    calendar = Calendar.new(name=name, prodid=PRODID, method="PUBLISH", uid=f"feed.{stable}@rhythm")
    zones: set[str] = set()
    for plan, request in weeks:
        week = Calendar.from_ical(member_calendar(plan, request, member_id))
        for zone in week.walk("VTIMEZONE"):
            if str(zone["TZID"]) not in zones:
                zones.add(str(zone["TZID"]))
                calendar.add_component(zone)
            if "X-WR-TIMEZONE" not in calendar:
                calendar.add("X-WR-TIMEZONE", plan.timezone)
        for event in week.walk("VEVENT"):
            calendar.add_component(event)
    return calendar.to_ical()
