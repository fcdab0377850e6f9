"""Members' calendar feeds, read for an organisation's week through the one guarded path
(`connectors/feeds/guarded.py`, with the web app's feed policy): never an address inside this
machine or its network, within the feed's size, redirect and time limits, and each team's
feeds within one job's reading time, as a team's own plan reads them.

Each feed is read once, by the web process, and travels on as its stored copy (planning
facts only, `connectors/ics/minimise.py`): the master, the team solves (in this process or
on a Celery worker) and the check read that copy and never fetch anything themselves. A
feed that cannot be read stops the organisation's plan with the team, the member and the
reason; nothing of what answered is quoted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import i18n
from connectors.budget import BudgetSpent, job_budget
from connectors.feeds.fetch import FEED_SCHEMES, shown_url
from connectors.feeds.guarded import FeedPolicy, fetch_guarded
from connectors.ics.minimise import minimise_ics
from connectors.sources import scheme_of
from scheduler.errors import CalendarError, RhythmError

from .feed_policy import feed_policy


class FeedUnread(RhythmError):
    """A member's feed that could not be read for the organisation's week."""


def is_feed(ref: Any) -> bool:
    return isinstance(ref, str) and scheme_of(ref) in FEED_SCHEMES


def read_feeds(document: dict[str, Any], config: Mapping[str, Any]) -> dict[str, Any]:
    """The organisation request with each member's feed address replaced by what it says
    this week (an inline calendar); FeedUnread naming the first that cannot be read."""
    policy = feed_policy(config)
    week = date.fromisoformat(document["week"])
    read: dict[str, str] = {}  # a person in two teams: their feed once
    for entry in document["teams"]:
        request = entry["request"]
        with job_budget(float(config["JOB_READ_SECONDS"])):  # a team plan's time to read calendars
            for member in request["members"]:
                member["calendars"] = [
                    {"ics": _read(ref, policy, week, request, member, read)} if is_feed(ref) else ref
                    for ref in member.get("calendars", [])
                ]
    return document


def _read(ref: str, policy: FeedPolicy, week: date, request: Mapping[str, Any],
          member: Mapping[str, Any], read: dict[str, str]) -> str:
    if ref not in read:
        zone = member.get("timezone") or request["timezone"]
        try:
            body = fetch_guarded(ref, policy)
            try:
                read[ref] = minimise_ics(body, shown_url(ref), week=week, timezone=zone)
            except BudgetSpent:
                raise  # says what ran out, and quotes nothing of the answer
            except CalendarError:
                raise CalendarError(shown_url(ref), i18n.gettext(
                    "not an iCalendar file (the answer is not shown)")) from None
        except CalendarError as error:
            raise FeedUnread(i18n.gettext(
                "team %(team)s, %(member)s: the calendar feed %(feed)s could not be read for the "
                "organisation's week: %(problem)s") % {
                    "team": request["team"], "member": member["name"], "feed": shown_url(ref),
                    "problem": error.problem}) from None
    return read[ref]
