"""Syncing a plan into Outlook calendars, checked on the stand-in's mailboxes afterwards."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pytest

from connectors import ReadingContext
from connectors.outlook.marks import KEY_PROPERTY
from connectors.received import plan_events
from connectors.sources import read_calendar_ref
from connectors.sync import sync
from connectors.sync.sinks import open_sink
from report.frame import request_from_plan
from scheduler.domain import Person, Plan
from scheduler.errors import RhythmError

from .conftest import sign_in
from .plans import replanned, week_plan
from .reading import at, hours, read
from .standin import StandIn

WRITES = "POST|PATCH|DELETE"


def synced(plan: Plan, member: str, *, dry_run: bool = False) -> list[str]:
    sink = open_sink(f"outlook:{member}@example.com", member)
    return sync(sink, plan, member, dry_run=dry_run).describe()


def calendar(standin: StandIn, email: str) -> dict[str, dict[str, Any]]:
    """Subject -> event, for the events a person would see in the calendar."""
    return {e["subject"]: e for e in standin.events_of(email)}


def writes(standin: StandIn) -> list[tuple[str, str, int]]:
    """Requests that change a calendar (sign-in requests are POSTs too, to another service)."""
    return [r for r in standin.requests(path=r"^/v1\.0/") if r[0] in WRITES.split("|")]


def test_a_sync_writes_the_members_meetings_lunch_focus_and_office_days(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    synced(week_plan(), "ana")
    ana = calendar(standin, "ana@example.com")
    assert sorted(ana) == ["Design session", "Focus time", "Lunch", "Office day"]
    assert len(standin.events_of("ana@example.com")) == 5  # two office days
    design = ana["Design session"]
    assert [(a["emailAddress"]["address"], a["type"]) for a in design["attendees"]] == [
        ("bram@example.com", "required"),
        ("cas@example.com", "optional"),
    ]
    assert (design["location"]["displayName"], design["isOnlineMeeting"], design["showAs"]) == (
        "Office",
        False,
        "busy",
    )
    assert (design["start"], design["end"]) == (
        {"dateTime": "2026-12-01T10:00:00", "timeZone": "W. Europe Standard Time"},
        {"dateTime": "2026-12-01T10:55:00", "timeZone": "W. Europe Standard Time"},
    )
    assert (ana["Lunch"]["categories"], ana["Lunch"]["showAs"]) == (["Lunch"], "busy")
    assert (ana["Focus time"]["categories"], ana["Focus time"]["showAs"]) == (["Focus"], "busy")
    office = ana["Office day"]
    assert (office["isAllDay"], office["showAs"], office["categories"]) == (True, "free", ["Office day"])
    days = sorted(
        (e["start"]["dateTime"], e["end"]["dateTime"], e["start"]["timeZone"])
        for e in standin.events_of("ana@example.com")
        if e["subject"] == "Office day"
    )
    assert days == [
        ("2026-12-01T00:00:00", "2026-12-02T00:00:00", "W. Europe Standard Time"),
        ("2026-12-03T00:00:00", "2026-12-04T00:00:00", "W. Europe Standard Time"),
    ]
    keys = sorted(e["_props"][KEY_PROPERTY].split("|")[0] for e in standin.events_of("ana@example.com"))
    assert keys == [
        "platform/2026-11-30/focus/ana/2026-12-02/0",
        "platform/2026-11-30/lunch/ana/2026-12-01/0",
        "platform/2026-11-30/meeting/design#1",
        "platform/2026-11-30/office/ana/2026-12-01",
        "platform/2026-11-30/office/ana/2026-12-03",
    ]


def test_attendees_get_the_meeting_as_an_invitation_from_its_organiser(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    synced(week_plan(), "ana")
    invitation = calendar(standin, "bram@example.com")["Design session"]
    assert (invitation["isOrganizer"], invitation["organizer"]["emailAddress"]["address"]) == (
        False,
        "ana@example.com",
    )
    assert "Team sync" not in calendar(standin, "ana@example.com")  # bram organises it: his sync sends it


def test_when_every_attendee_syncs_each_meeting_exists_once_in_each_calendar(standin: StandIn) -> None:
    for member in ("ana", "bram", "cas"):
        sign_in(standin, f"{member}@example.com")
    plan = week_plan()
    for member in ("ana", "bram", "cas", "ana", "bram"):
        synced(plan, member)
    for email in ("ana@example.com", "bram@example.com", "cas@example.com"):
        subjects = Counter(e["subject"] for e in standin.events_of(email) if e["subject"] != "Office day")
        assert subjects["Design session"] == subjects["Team sync"] == 1
    sync_meeting = calendar(standin, "bram@example.com")["Team sync"]
    assert sync_meeting["isOrganizer"] and sync_meeting["isOnlineMeeting"]  # hybrid: a Teams link too
    assert sync_meeting["onlineMeeting"]["joinUrl"].startswith("https://teams.microsoft.com/")


def test_syncing_the_same_plan_again_changes_nothing(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    sign_in(standin, "bram@example.com")
    synced(week_plan(), "ana")
    synced(week_plan(), "bram")
    before = len(writes(standin))
    assert synced(week_plan(), "ana")[-1] == "0 to create, 0 to update, 0 to delete, 6 unchanged"
    assert synced(week_plan(), "bram")[-1] == "0 to create, 0 to update, 0 to delete, 4 unchanged"
    assert len(writes(standin)) == before


def test_a_replanned_week_moves_exactly_what_moved_and_leaves_other_events_alone(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    dentist = standin.add_event(
        "ana@example.com",
        subject="Dentist",
        start={"dateTime": "2026-12-01T16:00:00", "timeZone": "UTC"},
        end={"dateTime": "2026-12-01T17:00:00", "timeZone": "UTC"},
    )
    other_app = standin.add_event(
        "ana@example.com",
        subject="Booked by another tool",
        start={"dateTime": "2026-12-02T08:00:00", "timeZone": "UTC"},
        end={"dateTime": "2026-12-02T08:30:00", "timeZone": "UTC"},
        singleValueExtendedProperties=[
            {
                "id": "String {00020329-0000-0000-c000-000000000046} Name planKey",
                "value": "platform/2026-11-30/lunch/ana/2026-12-01/0",
            }
        ],
    )
    synced(week_plan(), "ana")
    ids = {e["subject"]: e["id"] for e in standin.events_of("ana@example.com")}
    changes = synced(replanned(), "ana")
    # The one "create" is bram's Team sync: his sync sends it, ana's leaves it to his invitation.
    assert changes[-1] == "1 to create, 2 to update, 1 to delete, 2 unchanged"
    assert "update  Tue 01 Dec 12:30  Lunch (was Tue 01 Dec 12:00 Lunch)" in changes  # in the team's zone
    after = calendar(standin, "ana@example.com")
    assert "Focus time" not in after and "Team sync" not in after
    assert (
        after["Lunch"]["start"]["dateTime"] == "2026-12-01T12:30:00" and after["Lunch"]["id"] == ids["Lunch"]
    )
    assert after["Design session"]["start"]["dateTime"] == "2026-12-03T10:00:00"
    assert after["Dentist"] == dentist
    assert after["Booked by another tool"] == other_app
    bram = calendar(standin, "bram@example.com")["Design session"]
    assert bram["start"]["dateTime"] == "2026-12-03T10:00:00"  # the invitation followed the move


def test_a_dry_run_lists_the_changes_and_changes_nothing(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    lines = synced(week_plan(), "ana", dry_run=True)
    assert lines[0] == "create  Tue 01 Dec 10:00  Design session"
    assert lines[-1] == "6 to create, 0 to update, 0 to delete, 0 unchanged"
    assert standin.events_of("ana@example.com") == [] and writes(standin) == []


@pytest.mark.parametrize("answer_lost", [False, True])
def test_a_sync_that_fails_half_way_is_completed_by_the_next_run_without_duplicates(
    standin: StandIn, answer_lost: bool
) -> None:
    sign_in(standin, "ana@example.com")
    standin.fail("POST", r"/events$", nth=3, after=answer_lost)
    with pytest.raises(RhythmError, match=r"Microsoft Graph answered 500 to POST .*/me/calendar/events"):
        synced(week_plan(), "ana")
    assert len(standin.events_of("ana@example.com")) == (3 if answer_lost else 2)
    synced(week_plan(), "ana")
    keys = Counter(e["_props"][KEY_PROPERTY] for e in standin.events_of("ana@example.com"))
    assert len(keys) == 5 and set(keys.values()) == {1}


def test_a_throttled_create_is_retried_once_graph_allows_it(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.fail("POST", r"/events$", status=429, retry_after=1)
    synced(week_plan(), "ana")
    assert len(standin.events_of("ana@example.com")) == 5
    assert [r[2] for r in standin.requests("POST", r"/events$")][:2] == [429, 201]


def test_a_meeting_handed_to_another_organiser_is_cancelled_by_the_old_and_sent_by_the_new(
    standin: StandIn,
) -> None:
    sign_in(standin, "ana@example.com")
    sign_in(standin, "bram@example.com")
    plan = week_plan()
    synced(plan, "ana")
    synced(plan, "bram")
    swapped = replace(plan.meetings[0], attendees=("bram", "ana"))
    plan = replace(plan, meetings=(swapped, plan.meetings[1]))
    synced(plan, "ana")
    synced(plan, "bram")
    design = [e for e in standin.events_of("bram@example.com") if "Design session" in e["subject"]]
    assert sorted((e["subject"], e["isOrganizer"], e["isCancelled"]) for e in design) == [
        ("Canceled: Design session", False, True),
        ("Design session", True, False),
    ]
    assert synced(plan, "ana")[-1].endswith("0 to delete, 6 unchanged")


def test_writing_needs_the_calendar_owners_own_sign_in(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com", default=True)
    with pytest.raises(
        RhythmError,
        match=r"^outlook:bram@example.com: rhythm writes into a calendar only with "
        r"its owner's own sign-in; bram@example.com runs `rhythm login outlook`",
    ):
        open_sink("outlook:bram@example.com", "bram")


def test_members_without_an_email_are_not_sent_invitations_to_made_up_addresses(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    plan = week_plan()
    plan = replace(plan, members=(*plan.members[:2], Person("cas", "Cas Bakker", None)))
    synced(plan, "ana")
    design = calendar(standin, "ana@example.com")["Design session"]
    assert [a["emailAddress"]["address"] for a in design["attendees"]] == ["bram@example.com"]


def test_re_reading_the_week_skips_the_blocks_rhythm_wrote_for_it(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    sign_in(standin, "bram@example.com")
    synced(week_plan(), "ana")  # bram now holds ana's invitation to the design session
    standin.add_event("bram@example.com", subject="Dentist", start=at("2026-12-01", "16:00"),
                      end=at("2026-12-01", "17:00"))
    # A re-plan of this week may move rhythm's blocks: they must not count as busy time.
    assert read("outlook:ana@example.com").busy == ()
    assert hours(read("outlook:bram@example.com")) == ["Tue 01 16:00-17:00"]


def test_read_after_the_week_the_synced_blocks_are_received_and_kept_as_busy(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    sign_in(standin, "bram@example.com")
    plan = week_plan()
    synced(plan, "ana")  # bram holds ana's invitation only: recognised by the marker in its body
    asked = request_from_plan(plan)
    for member in ("ana", "bram"):
        looking_for = plan_events(plan, asked, member)
        facts = read_calendar_ref(f"outlook:{member}@example.com",
                                  ReadingContext(plan.week, plan.timezone, plan_events=looking_for))
        assert facts.received and facts.received <= looking_for
        assert facts.busy  # what the member kept of the plan is busy time, not left out
