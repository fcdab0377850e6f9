"""Read a member's week from Outlook: `read_outlook("outlook:ana@example.com", context)`.

1. The calendar view of the week (`GET <mailbox>/calendar/calendarView`): Graph expands
   recurring series into their occurrences there, and answers in the team's zone because
   rhythm sends `Prefer: outlook.timezone`. Events rhythm itself wrote for this week are
   left out, so a re-plan is free to move them; read after the week
   (`context.plan_events`), they stay, and the keys and UIDs found are the facts' `received`.
2. Where the signed-in user may not read that calendar (403 ErrorAccessDenied), free/busy
   instead (`freebusy`).
3. With the member's own sign-in, the hybrid work plan (`workplan`) fixes each day's
   location and time off, before any all-day "working elsewhere" event.
Busy time comes back in the team's zone, clipped to the week and merged, like the ICS reader.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, Interval
from scheduler.errors import CalendarError, RhythmError

from .. import ReadingContext
from ..intervals import Window, busy_in_window
from ..tolerance import Tolerance
from .access import Mailbox, connect, mailbox_to_read
from .busy import facts_from_items, item_from_event
from .errors import GraphError
from .freebusy import read_free_busy
from .graph import GraphClient
from .marks import expand_key_property, is_block_of_week, key_of
from .settings import settings_from_env
from .times import TimeError, odata_instant, prefer_zone
from .workplan import work_plan_facts

log = logging.getLogger(__name__)
EVENT_FIELDS = "subject,start,end,isAllDay,showAs,isCancelled,location,body,type,iCalUId"
_NO_WORK_PLAN = (400, 403, 404, 501)  # not in this cloud or tenant: go by events instead


def read_outlook(ref: str, context: ReadingContext, mailbox: Mailbox | None = None) -> CalendarFacts:
    """What the Outlook calendar at `ref` says about the week; errors name `ref`. `mailbox`:
    read with that sign-in (the web app's choice), else as `access.mailbox_to_read` says."""
    try:
        return read_week(ref, context, mailbox)
    except CalendarError:
        raise
    except RhythmError as error:
        raise CalendarError(ref, str(error)) from None


def read_week(ref: str, context: ReadingContext, mailbox: Mailbox | None = None) -> CalendarFacts:
    settings = settings_from_env()
    window = Window(context.week, context.days, ZoneInfo(context.timezone))
    mailbox = mailbox or mailbox_to_read(ref)
    client = connect(mailbox, settings, context.timezone)
    try:
        facts = read_events(client, mailbox, window, tentative_busy=settings.tentative_busy,
                            source=ref, strict=context.strict, plan_events=context.plan_events)
    except GraphError as error:
        if mailbox.own or error.status != 403:
            raise
        log.info("%s: calendar not shared with %s, reading free/busy", ref, mailbox.user)
        facts = read_free_busy(client, mailbox.address, window, tentative_busy=settings.tentative_busy)
    if mailbox.own:
        facts = facts.merged(read_work_plan(client, window))  # the plan's locations win
    return replace(facts, busy=busy_in_window(facts.busy, window))


def read_events(client: GraphClient, mailbox: Mailbox, window: Window, *,
                tentative_busy: bool, source: str = "outlook", strict: bool = False,
                plan_events: frozenset[str] = frozenset()) -> CalendarFacts:
    """The week's events as facts. An event rhythm cannot read is skipped with a warning
    naming its iCalendar UID (strict: the calendar is refused), as in the ICS reader."""
    params = {
        "startDateTime": odata_instant(window.start),
        "endDateTime": odata_instant(window.end),
        "$select": EVENT_FIELDS,
        "$expand": expand_key_property(),
        "$top": "100",
    }
    prefer = (prefer_zone(window.zone), 'outlook.body-content-type="text"')
    week = window.first_day.isoformat()
    items, tolerance, received = [], Tolerance(strict), set[str]()
    for event in client.pages(f"{mailbox.resource}/calendar/calendarView", params, prefer=prefer):
        if plan_events:
            received.update(plan_events & {key_of(event), event.get("iCalUId")})
        elif is_block_of_week(event, week):
            continue
        uid = str(event.get("iCalUId") or event.get("id") or "") or None
        try:
            item = item_from_event(event, window)
        except (TimeError, KeyError, TypeError, ValueError) as error:
            problem = f"event {uid!r} cannot be read: {_reason(error)}; skipped"
            tolerance.report(CalendarError(source, problem), uid)
            continue
        if item is not None and item.span.end < item.span.start:
            problem = f"event {uid!r} ends before it starts; read from the earlier time to the later"
            tolerance.report(CalendarError(source, problem), uid, skipped=False)
            item = replace(item, span=Interval(item.span.end, item.span.start))
        if item is not None:
            items.append(item)
    facts = facts_from_items(items, window, tentative_busy=tentative_busy)
    return replace(facts, warnings=tuple(tolerance.warnings), received=frozenset(received))


def read_work_plan(client: GraphClient, window: Window) -> CalendarFacts:
    start, end = odata_instant(window.start), odata_instant(window.end)
    path = (f"me/settings/workHoursAndLocations/occurrencesView"
            f"(startDateTime='{start}',endDateTime='{end}')")
    try:
        occurrences = list(client.pages(path, {"$top": "100"}))
    except GraphError as error:
        if error.status not in _NO_WORK_PLAN:
            raise
        log.info("no hybrid work plan for %s (%s): going by events", client.who, error)
        return CalendarFacts()
    try:
        return work_plan_facts(occurrences, window)
    except (TimeError, KeyError) as error:
        raise RhythmError(f"work plan: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    return f"no {error.args[0]!r} field" if isinstance(error, KeyError) else str(error)
