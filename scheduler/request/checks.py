"""What the v1 request means beyond its shape: one check per contract rule, in order.

Each check reads a `Draft` (the decoded JSON plus the places where the schema found it
broken) and yields `(path, message)` findings. A check reads only parts the schema
passed, so one typo does not hide a contradiction elsewhere: a person sees every
problem at once instead of fixing them one run at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from typing import Any

from i18n import formats, gettext
from scheduler.domain import TimeRange
from scheduler.request.draft import (
    DAY_NAMES,
    Draft,
    Finding,
    JsonPath,
    clock_range,
    is_known_zone,
    show,
    used_twice,
)
from scheduler.request.member_checks import (
    busy_times_are_moments,
    calendar_sources_are_known,
    lunch_fits_working_hours,
    member_ids_are_unique,
    office_always_fits_max,
    office_days_are_workdays,
    office_never_and_always_differ,
)


def week_is_a_monday(d: Draft) -> Iterator[Finding]:
    """A week is named by its Monday, so every plan starts on the same weekday."""
    if not d.clean("week"):
        return
    text = d.data["week"]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        yield ("week",), gettext("%(text)s is not a date", text=text)
        return
    if day.weekday() != 0:
        yield ("week",), gettext("%(text)s is a %(day)s, not a Monday", text=text,
                                  day=formats.weekday(DAY_NAMES[day.weekday()]))


def time_zones_are_known(d: Draft) -> Iterator[Finding]:
    """Every clock time is read in a zone; a misspelt zone would shift the whole week."""
    zones: list[tuple[JsonPath, Any]] = [(("timezone",), d.data["timezone"])] if d.clean("timezone") else []
    zones += [(("members", i, "timezone"), m["timezone"])
              for i, m in d.items("members", needs=("timezone",)) if "timezone" in m]
    for path, name in zones:
        if not is_known_zone(name):
            yield path, gettext("%(name)s is not a known IANA time zone", name=show(name))


def clock_ranges_run_forward(d: Draft) -> Iterator[Finding]:
    """Meeting hours, lunch and working hours lie within one day: start before end."""
    ranges: list[tuple[JsonPath, TimeRange]] = [
        (("rules", name), got[0]) for name in ("meeting_hours", "lunch")
        if (got := d.rules(name)) is not None]
    ranges += [(("members", i, "working_hours"), clock_range(m["working_hours"]))
               for i, m in d.items("members", needs=("working_hours",)) if "working_hours" in m]
    for path, span in ranges:
        if span.start >= span.end:
            yield path, gettext("end %(end)s is not after start %(start)s", end=f"{span.end:%H:%M}",
                               start=f"{span.start:%H:%M}")


def lunch_fits_its_window(d: Draft) -> Iterator[Finding]:
    """A lunch longer than its window could never be placed on any day."""
    got = d.rules("lunch")
    if got is None:
        return
    (lunch,) = got
    window = _minutes(lunch.end) - _minutes(lunch.start)
    if 0 < window < lunch.minutes:
        yield (("rules", "lunch", "minutes"), gettext(
            "%(minutes)s is longer than the lunch window %(start)s-%(end)s (%(window)s minutes)",
            minutes=lunch.minutes, start=f"{lunch.start:%H:%M}", end=f"{lunch.end:%H:%M}", window=window))


def office_days_fit_workdays(d: Draft) -> Iterator[Finding]:
    """Office-day bounds the workdays cannot meet contradict each other: refused, not solved."""
    got = d.rules("office_days", "workdays")
    if got is None:
        return
    office, workdays = got
    if office.min > office.max:
        yield ("rules", "office_days"), gettext("min %(min)s is more than max %(max)s", min=office.min,
                                                max=office.max)
    for bound, value in (("min", office.min), ("max", office.max)):
        if value > len(workdays):
            yield ("rules", "office_days", bound), _more_than_workdays(value, workdays)


def focus_fits_workdays(d: Draft) -> Iterator[Finding]:
    """Focus blocks are spread one a day at most, so a week holds no more than its workdays."""
    got = d.rules("focus", "workdays")
    if got is None or got[0] is None:
        return
    focus, workdays = got
    if focus.blocks_per_week > len(workdays):
        path = ("rules", "focus", "blocks_per_week")
        yield path, _more_than_workdays(focus.blocks_per_week, workdays)
















def meeting_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """Placed meetings are numbered `<id>#<n>`, so an id must name one meeting request."""
    yield from used_twice(d, "meetings")


def meeting_lengths_are_allowed(d: Draft) -> Iterator[Finding]:
    """The contract refuses a meeting whose length is not one of rules.meeting_lengths."""
    got = d.rules("meeting_lengths")
    if got is None:
        return
    allowed = ", ".join(str(n) for n in got[0])
    for i, meeting in d.items("meetings", needs=("minutes",)):
        if meeting["minutes"] not in got[0]:
            yield (("meetings", i, "minutes"),
                   gettext("%(minutes)s is not an allowed length (%(allowed)s)", minutes=meeting["minutes"],
                           allowed=allowed))


def attendees_are_members(d: Draft) -> Iterator[Finding]:
    """Required and optional attendees are member ids: a stranger's calendar is unknown."""
    ids = d.member_ids()
    if ids is None:
        return
    for i, meeting in d.items("meetings", needs=("attendees", "optional")):
        for kind in ("attendees", "optional"):
            names = meeting.get(kind, [])
            for j, name in enumerate(names if isinstance(names, list) else []):
                if name not in ids:
                    yield ("meetings", i, kind, j), gettext("%(name)s is not a member", name=show(name))


def optional_attendees_are_not_required(d: Draft) -> Iterator[Finding]:
    """Optional never blocks a meeting, required always does: one person cannot be both."""
    for i, meeting in d.items("meetings", needs=("attendees", "optional")):
        required = meeting["attendees"]
        for j, name in enumerate(meeting.get("optional", [])):
            if isinstance(required, list) and name in required:
                yield ("meetings", i, "optional", j), gettext("%(name)s is also a required attendee",
                                                              name=show(name))


def meetings_have_a_required_attendee(d: Draft) -> Iterator[Finding]:
    """With "all", every member not optional is required; all optional would leave nobody."""
    ids = d.member_ids()
    for i, meeting in d.items("meetings", needs=("attendees", "optional")):
        if ids and meeting["attendees"] == "all" and set(ids) <= set(meeting.get("optional", [])):
            yield ("meetings", i, "attendees"), gettext('"all" leaves nobody: every member is optional')


def start_grid_divides_the_day(d: Draft) -> Iterator[Finding]:
    """Starts repeat every day at the same clock times only if the grid divides the day."""
    got = d.rules("start_every_minutes")
    if got is not None and (24 * 60) % got[0]:
        yield (("rules", "start_every_minutes"),
               gettext("%(minutes)s does not divide a day into whole steps (try 5, 10, 15, 20, 30 or 60)",
                       minutes=got[0]))


def room_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """The plan names a meeting's room by id, so an id must name one room."""
    yield from used_twice(d, "rooms")


def per_week_fits_meeting_days(d: Draft) -> Iterator[Finding]:
    """Occurrences fall on different days, so they cannot outnumber the days with meetings."""
    got = d.rules("workdays", "meetingless_days")
    if got is None:
        return
    days = len([day for day in got[0] if day not in got[1]])
    meetings = list(d.items("meetings", needs=("per_week",)))
    if days == 0 and meetings:
        # Not one meeting's fault: the rule leaves no day for any of them.
        yield (("rules", "meetingless_days"), gettext(
            "covers every workday, so no meeting has a day to be held on (%(requested)s requested)",
            requested=len(meetings)))
        return
    for i, meeting in meetings:
        per_week = meeting.get("per_week", 1)  # the contract's default when left out
        if per_week > days:
            yield (("meetings", i, "per_week"), gettext(
                "%(per_week)s is more than the %(days)s days with meetings (workdays that are not "
                "meetingless_days)", per_week=per_week, days=days))


CHECKS: tuple[Callable[[Draft], Iterator[Finding]], ...] = (
    week_is_a_monday,
    time_zones_are_known,
    clock_ranges_run_forward,
    lunch_fits_its_window,
    office_days_fit_workdays,
    focus_fits_workdays,
    member_ids_are_unique,
    office_days_are_workdays,
    office_never_and_always_differ,
    office_always_fits_max,
    busy_times_are_moments,
    calendar_sources_are_known,
    meeting_ids_are_unique,
    meeting_lengths_are_allowed,
    attendees_are_members,
    optional_attendees_are_not_required,
    meetings_have_a_required_attendee,
    per_week_fits_meeting_days,
    lunch_fits_working_hours,
    start_grid_divides_the_day,
    room_ids_are_unique,
)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _more_than_workdays(value: int, workdays: tuple[str, ...]) -> str:
    return gettext("%(value)s is more than the %(workdays)s workdays", value=value, workdays=len(workdays))




