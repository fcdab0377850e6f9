"""Planned against what happened, on a real Radicale: a week synced into a member's calendar
counts as received, and its events as what the member kept; a calendar without them does not."""

from __future__ import annotations

from dataclasses import replace

from connectors.received import read_what_happened
from connectors.sources import read_member_calendars
from connectors.sync import sync
from connectors.sync.sinks import open_sink
from report.actual import compare
from tests.factories import at

from .conftest import Collection, Radicale
from .plans import TEAM, team_week

AFTER_THE_WEEK = at("mon", "00:00", week=1)


def test_a_synced_week_is_received_and_its_meetings_held(logged_in: Radicale, calendar: Collection):
    plan = team_week()
    sync(open_sink(calendar.address, "ana"), plan, "ana")
    untouched = logged_in.new_calendar("bram")
    asked = replace(TEAM, members=tuple(replace(m, calendars=(calendar.address,) if m.id == "ana" else
                                                (untouched.address,)) for m in TEAM.members))
    facts = read_what_happened(plan, asked)
    assert facts["ana"].received and not facts["bram"].received
    assert facts["ana"].busy  # rhythm's own events, kept as busy: they are what happened
    actual = compare(plan, asked, facts, now=AFTER_THE_WEEK)
    assert {m.id: m.status for m in actual.meetings} == {"sync#1": "held", "design#1": "unknown"}
    assert actual.not_received == ("Bram", "Cas")


def test_planning_still_leaves_rhythms_own_events_out(logged_in: Radicale, calendar: Collection):
    plan = team_week()
    sync(open_sink(calendar.address, "ana"), plan, "ana")
    asked = replace(TEAM, members=tuple(replace(m, calendars=(calendar.address,)) for m in TEAM.members))
    assert read_member_calendars(asked, asked.members[0]).busy == ()
