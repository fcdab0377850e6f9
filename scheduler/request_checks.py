"""What the v1 request means beyond its shape: one check per contract rule, in order.

Each check reads a `Draft` (the decoded JSON plus the places where the schema found it
broken) and yields `(path, message)` findings. A check reads only parts the schema
passed, so one typo does not hide a contradiction elsewhere: a person sees every
problem at once instead of fixing them one run at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path

from scheduler.request_draft import (
    DAY_NAMES,
    FEEDS,
    Draft,
    Finding,
    clock_range,
    is_known_zone,
    parse_instant,
    show,
)


def week_is_a_monday(d: Draft) -> Iterator[Finding]:
    """A week is named by its Monday, so every plan starts on the same weekday."""
    if not d.clean("week"):
        return
    text = d.data["week"]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        yield ("week",), f"{text} is not a date"
        return
    if day.weekday() != 0:
        yield ("week",), f"{text} is a {DAY_NAMES[day.weekday()]}, not a Monday"


def time_zones_are_known(d: Draft) -> Iterator[Finding]:
    """Every clock time is read in a zone; a misspelt zone would shift the whole week."""
    zones = [(("timezone",), d.data["timezone"])] if d.clean("timezone") else []
    zones += [(("members", i, "timezone"), m["timezone"])
              for i, m in d.items("members", needs=("timezone",)) if "timezone" in m]
    for path, name in zones:
        if not is_known_zone(name):
            yield path, f"{show(name)} is not a known IANA time zone"


def clock_ranges_run_forward(d: Draft) -> Iterator[Finding]:
    """Meeting hours, lunch and working hours lie within one day: start before end."""
    ranges = [(("rules", name), got[0]) for name in ("meeting_hours", "lunch")
              if (got := d.rules(name)) is not None]
    ranges += [(("members", i, "working_hours"), clock_range(m["working_hours"]))
               for i, m in d.items("members", needs=("working_hours",)) if "working_hours" in m]
    for path, span in ranges:
        if span.start >= span.end:
            yield path, f"end {span.end:%H:%M} is not after start {span.start:%H:%M}"


def lunch_fits_its_window(d: Draft) -> Iterator[Finding]:
    """A lunch longer than its window could never be placed on any day."""
    got = d.rules("lunch")
    if got is None:
        return
    (lunch,) = got
    window = _minutes(lunch.end) - _minutes(lunch.start)
    if 0 < window < lunch.minutes:
        yield (("rules", "lunch", "minutes"), f"{lunch.minutes} is longer than the lunch window "
               f"{lunch.start:%H:%M}-{lunch.end:%H:%M} ({window} minutes)")


def office_days_fit_workdays(d: Draft) -> Iterator[Finding]:
    """Office-day bounds the workdays cannot meet contradict each other: refused, not solved."""
    got = d.rules("office_days", "workdays")
    if got is None:
        return
    office, workdays = got
    if office.min > office.max:
        yield ("rules", "office_days"), f"min {office.min} is more than max {office.max}"
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


def member_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """Attendees and office days name members by id, so an id must name one person."""
    yield from _used_twice(d, "members")


def office_days_are_workdays(d: Draft) -> Iterator[Finding]:
    """office.never and office.always only mean something on a day the team works."""
    got = d.rules("workdays")
    if got is None:
        return
    for i, member in d.items("members", needs=("office",)):
        for kind, days in member.get("office", {}).items():
            for j, day in enumerate(days):
                if day not in got[0]:
                    yield ("members", i, "office", kind, j), f"{show(day)} is not a workday"


def office_never_and_always_differ(d: Draft) -> Iterator[Finding]:
    """A day cannot be both an office day and a home day for the same person."""
    for i, member in d.items("members", needs=("office",)):
        office = member.get("office", {})
        for j, day in enumerate(office.get("always", [])):
            if day in office.get("never", []):
                yield ("members", i, "office", "always", j), f"{show(day)} is also in office.never"


def office_always_fits_max(d: Draft) -> Iterator[Finding]:
    """More fixed office days than rules.office_days.max allows is a contradiction."""
    got = d.rules("office_days")
    if got is None:
        return
    for i, member in d.items("members", needs=("id", "office")):
        always = member.get("office", {}).get("always", [])
        if len(always) > got[0].max:
            yield (("members", i, "office", "always"), f"{len(always)} days for {member['id']} "
                   f"is more than rules.office_days.max ({got[0].max})")


def office_never_leaves_min(d: Draft) -> Iterator[Finding]:
    """A member kept home on too many workdays could never reach rules.office_days.min."""
    got = d.rules("office_days", "workdays")
    if got is None:
        return
    office, workdays = got
    for i, member in d.items("members", needs=("id", "office")):
        never = member.get("office", {}).get("never", [])
        left = len([day for day in workdays if day not in never])
        if never and left < office.min:
            yield (("members", i, "office", "never"), f"leaves {member['id']} {left} office "
                   f"day{'s' * (left != 1)}, fewer than rules.office_days.min ({office.min})")


def busy_times_are_moments(d: Draft) -> Iterator[Finding]:
    """Busy times must pin a moment (with offset) and run forward, or blocking them is a guess."""
    for i, _ in d.items("members", needs=()):
        for j, busy in d.items("members", i, "busy"):
            path = ("members", i, "busy", j)
            moments = []
            for key in ("start", "end"):
                try:
                    moments.append(parse_instant(busy[key]))
                except ValueError as problem:
                    yield (*path, key), str(problem)
            if len(moments) == 2 and moments[0] >= moments[1]:
                yield path, f"end {busy['end']} is not after start {busy['start']}"


def calendar_sources_are_known(d: Draft) -> Iterator[Finding]:
    """Each calendar names a source a connector reads; a path needs a folder to be read from."""
    for i, _ in d.items("members", needs=()):
        for j, ref in d.items("members", i, "calendars"):
            if isinstance(ref, str):
                message = _calendar_problem(ref, d.base_dir)
                if message:
                    yield ("members", i, "calendars", j), message


def meeting_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """Placed meetings are numbered `<id>#<n>`, so an id must name one meeting request."""
    yield from _used_twice(d, "meetings")


def meeting_lengths_are_allowed(d: Draft) -> Iterator[Finding]:
    """The contract refuses a meeting whose length is not one of rules.meeting_lengths."""
    got = d.rules("meeting_lengths")
    if got is None:
        return
    allowed = ", ".join(str(n) for n in got[0])
    for i, meeting in d.items("meetings", needs=("minutes",)):
        if meeting["minutes"] not in got[0]:
            yield (("meetings", i, "minutes"),
                   f"{meeting['minutes']} is not an allowed length ({allowed})")


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
                    yield ("meetings", i, kind, j), f"{show(name)} is not a member"


def optional_attendees_are_not_required(d: Draft) -> Iterator[Finding]:
    """Optional never blocks a meeting, required always does: one person cannot be both."""
    for i, meeting in d.items("meetings", needs=("attendees", "optional")):
        required = meeting["attendees"]
        for j, name in enumerate(meeting.get("optional", [])):
            if isinstance(required, list) and name in required:
                yield ("meetings", i, "optional", j), f"{show(name)} is also a required attendee"


def meetings_have_a_required_attendee(d: Draft) -> Iterator[Finding]:
    """With "all", every member not optional is required; all optional would leave nobody."""
    ids = d.member_ids()
    for i, meeting in d.items("meetings", needs=("attendees", "optional")):
        if ids and meeting["attendees"] == "all" and set(ids) <= set(meeting.get("optional", [])):
            yield ("meetings", i, "attendees"), '"all" leaves nobody: every member is optional'


def start_grid_divides_the_day(d: Draft) -> Iterator[Finding]:
    """Starts repeat every day at the same clock times only if the grid divides the day."""
    got = d.rules("start_every_minutes")
    if got is not None and (24 * 60) % got[0]:
        yield (("rules", "start_every_minutes"),
               f"{got[0]} does not divide a day into whole steps (try 5, 10, 15, 20, 30 or 60)")


def room_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """The plan names a meeting's room by id, so an id must name one room."""
    yield from _used_twice(d, "rooms")


def per_week_fits_meeting_days(d: Draft) -> Iterator[Finding]:
    """Occurrences fall on different days, so they cannot outnumber the days with meetings."""
    got = d.rules("workdays", "meetingless_days")
    if got is None:
        return
    days = len([day for day in got[0] if day not in got[1]])
    for i, meeting in d.items("meetings", needs=("per_week",)):
        if meeting.get("per_week", 1) > days:
            yield (("meetings", i, "per_week"), f"{meeting['per_week']} is more than the {days} "
                   "days with meetings (workdays that are not meetingless_days)")


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
    office_never_leaves_min,
    busy_times_are_moments,
    calendar_sources_are_known,
    meeting_ids_are_unique,
    meeting_lengths_are_allowed,
    attendees_are_members,
    optional_attendees_are_not_required,
    meetings_have_a_required_attendee,
    per_week_fits_meeting_days,
    start_grid_divides_the_day,
    room_ids_are_unique,
)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _more_than_workdays(value: int, workdays: tuple[str, ...]) -> str:
    return f"{value} is more than the {len(workdays)} workdays"


def _used_twice(d: Draft, key: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, entry in d.items(key, needs=("id",)):
        if entry["id"] in seen:
            yield (key, i, "id"), f"{show(entry['id'])} is used twice"
        seen.add(entry["id"])


def _calendar_problem(ref: str, base_dir: Path | None) -> str | None:
    """What is wrong with a calendar address or path, if anything."""
    scheme, colon, rest = ref.partition(":")
    if ref.startswith(FEEDS) or (scheme == "outlook" and rest):
        return None
    if scheme == "outlook":
        return '"outlook:" names no account; write outlook:me or outlook:<address>'
    if scheme == "caldav":
        url_ok = rest.startswith(("http://", "https://"))
        return None if url_ok else f"{show(ref)} needs a URL after caldav:, e.g. caldav:https://..."
    if colon and len(scheme) > 1 and scheme.isalnum():  # a one-letter scheme is a drive: C:\
        return (f"{show(ref)} is not a calendar source; use a file path, https://, webcal://, "
                "outlook: or caldav:")
    if base_dir is None:
        return ("file paths are not accepted here; send the calendar inline as {\"ics\": ...} "
                "or as an address")
    if not (base_dir / ref).is_file():
        return f"{ref} is not a file (looked in {base_dir})"
    return None
