"""Checks of the request's members: ids, office never/always days, busy times, calendars."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from pathlib import Path

from i18n import gettext
from scheduler.domain import Member
from scheduler.request.draft import FEEDS, Draft, Finding, clock_range, parse_instant, show, used_twice

DEFAULT_HOURS = Member.working_hours  # the domain's default, for members who leave it out


def member_ids_are_unique(d: Draft) -> Iterator[Finding]:
    """Attendees and office days name members by id, so an id must name one person."""
    yield from used_twice(d, "members")


def office_days_are_workdays(d: Draft) -> Iterator[Finding]:
    """office.never and office.always only mean something on a day the team works."""
    got = d.rules("workdays")
    if got is None:
        return
    for i, member in d.items("members", needs=("office",)):
        for kind, days in member.get("office", {}).items():
            for j, day in enumerate(days):
                if day not in got[0]:
                    yield (("members", i, "office", kind, j),
                           gettext("%(day)s is not a workday", day=show(day)))


def office_never_and_always_differ(d: Draft) -> Iterator[Finding]:
    """A day cannot be both an office day and a home day for the same person."""
    for i, member in d.items("members", needs=("office",)):
        office = member.get("office", {})
        for j, day in enumerate(office.get("always", [])):
            if day in office.get("never", []):
                yield ("members", i, "office", "always", j), gettext("%(day)s is also in office.never",
                                                                     day=show(day))


def office_always_fits_max(d: Draft) -> Iterator[Finding]:
    """More fixed office days than rules.office_days.max allows is a contradiction."""
    got = d.rules("office_days")
    if got is None:
        return
    for i, member in d.items("members", needs=("id", "office")):
        always = member.get("office", {}).get("always", [])
        if len(always) > got[0].max:
            who = member.get("name") or member["id"]
            yield (("members", i, "office", "always"), gettext(
                "%(days)s days for %(who)s is more than rules.office_days.max (%(max)s)",
                days=len(always), who=who, max=got[0].max))


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
                yield path, gettext("end %(end)s is not after start %(start)s", end=busy["end"],
                                    start=busy["start"])


def lunch_fits_working_hours(d: Draft) -> Iterator[Finding]:
    """A lunch is taken during the working day: a window outside a member's working hours
    would plan their lunch when they are not at work. Both are read on the member's own
    clock (the lunch window moves with the member's zone), so the clock times compare as given."""
    got = d.rules("lunch")
    if got is None:
        return
    (lunch,) = got
    if minutes_of(lunch.end) - minutes_of(lunch.start) < lunch.minutes:
        return  # clock_ranges_run_forward or lunch_fits_its_window says so
    for i, member in d.items("members", needs=("working_hours",)):
        hours = clock_range(member["working_hours"]) if "working_hours" in member else DEFAULT_HOURS
        if hours.start >= hours.end:
            continue
        overlap = minutes_of(min(lunch.end, hours.end)) - minutes_of(max(lunch.start, hours.start))
        if overlap < lunch.minutes:
            shown = f"{hours.start:%H:%M}-{hours.end:%H:%M}"
            yield (("members", i, "working_hours"),
                   gettext("%(hours)s leaves %(overlap)s minutes of the lunch window %(start)s-%(end)s "
                           "(rules.lunch, on this member's own clock) for a %(minutes)s-minute lunch",
                           hours=shown if "working_hours" in member
                           else gettext("%(hours)s (the default)", hours=shown),
                           overlap=max(overlap, 0), start=f"{lunch.start:%H:%M}", end=f"{lunch.end:%H:%M}",
                           minutes=lunch.minutes))


def calendar_sources_are_known(d: Draft) -> Iterator[Finding]:
    """Each calendar names a source a connector reads; a path needs a folder to be read from."""
    for i, _ in d.items("members", needs=()):
        for j, ref in d.items("members", i, "calendars"):
            if isinstance(ref, str):
                message = _calendar_problem(ref, d.base_dir)
                if message:
                    yield ("members", i, "calendars", j), message


def _calendar_problem(ref: str, base_dir: Path | None) -> str | None:
    """What is wrong with a calendar address or path, if anything."""
    scheme, colon, rest = ref.partition(":")
    if ref.startswith(FEEDS) or (scheme == "outlook" and rest):
        return None
    if scheme == "outlook":
        return gettext('"outlook:" names no account; write outlook:me or outlook:<address>')
    if scheme == "caldav":
        url_ok = rest.startswith(("http://", "https://"))
        return None if url_ok else gettext("%(ref)s needs a URL after caldav:, e.g. caldav:https://...",
                                           ref=show(ref))
    if colon and len(scheme) > 1 and scheme.isalnum():  # a one-letter scheme is a drive: C:\
        return gettext("%(ref)s is not a calendar source; use a file path, https://, webcal://, "
                       "outlook: or caldav:", ref=show(ref))
    if base_dir is None:
        return gettext("file paths are not accepted here; send the calendar inline as {\"ics\": ...} "
                       "or as an address")
    if not (base_dir / ref).is_file():
        return gettext("%(ref)s is not a file (looked in %(dir)s)", ref=ref, dir=base_dir)
    return None


def minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute
