"""Syncing plans into a real Radicale: what lands in the calendar, idempotency, re-plans,
other people's events, a sync cut off half way, dry runs and concurrent edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from connectors import ReadingContext
from connectors.caldav.push import CalDAVSink
from connectors.sources import read_calendar_ref
from connectors.sync import Changes, DesiredEvent, desired_events, sync, week_window
from connectors.sync.sinks import open_sink
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError
from tests.factories import TZ, WEEK, at, day

from .conftest import Collection, Radicale, RadicaleProcess
from .plans import team_week
from .test_pull import FIXTURES

STANDUP = "standup_daily_with_exdate_and_moved_occurrences"


def synced(calendar: Collection, **changes: Any) -> Changes:
    return sync(open_sink(calendar.address, "ana"), team_week(**changes), "ana")


def shown(calendar: Collection) -> list[tuple[str, object, object]]:
    return [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in calendar.events()]


def test_a_synced_week_is_in_the_calendar_as_the_plan_says(logged_in: Radicale, calendar: Collection):
    changes = synced(calendar)
    assert changes.describe()[-1] == "6 to create, 0 to update, 0 to delete, 0 unchanged"
    assert shown(calendar) == [  # not the design session: Ana is not invited
        ("Office day", day("mon"), day("tue")),
        ("Team sync", at("mon", "10:00"), at("mon", "10:25")),
        ("Lunch", at("mon", "12:00"), at("mon", "12:30")),
        ("Office day", day("tue"), day("wed")),
        ("Lunch", at("tue", "12:00"), at("tue", "12:30")),
        ("Focus time", at("thu", "09:00"), at("thu", "11:00")),
    ]


def test_each_kind_of_event_carries_what_calendar_apps_show(logged_in: Radicale, calendar: Collection):
    synced(calendar)
    events = {(str(e["SUMMARY"]), str(e.decoded("DTSTART"))): e for e in calendar.events()}
    team_sync = events["Team sync", str(at("mon", "10:00"))]
    attendees = {str(a): (a.params["ROLE"], a.params["CN"]) for a in team_sync["ATTENDEE"]}
    assert attendees == {"mailto:ana@example.com": ("REQ-PARTICIPANT", "Ana de Vries"),
                         "mailto:bram@platform.invalid": ("REQ-PARTICIPANT", "Bram Jansen"),
                         "mailto:cas@example.com": ("OPT-PARTICIPANT", "Cas Bakker")}
    assert team_sync["ORGANIZER"].params["SCHEDULE-AGENT"] == "CLIENT"
    assert (str(team_sync["TRANSP"]), team_sync["LOCATION"]) == ("OPAQUE", "Online")
    lunch = events["Lunch", str(at("mon", "12:00"))]
    assert (str(lunch["TRANSP"]), lunch["CATEGORIES"].cats, "ATTENDEE" in lunch) == (
        "OPAQUE", ["Lunch"], False)
    office = events["Office day", str(day("mon"))]
    assert (str(office["TRANSP"]), office["LOCATION"], office.decoded("DTEND")) == (
        "TRANSPARENT", "Office", day("tue"))
    assert str(office["X-RHYTHM-KEY"]) == "platform/2026-11-30/office/ana/2026-11-30"


def test_syncing_the_same_plan_again_changes_nothing(logged_in: Radicale, calendar: Collection):
    synced(calendar)
    before = calendar.resources()
    again = synced(calendar)
    assert again.empty and again.unchanged == 6
    assert calendar.resources() == before


def test_a_re_plan_moves_updates_and_removes_only_rhythms_events(logged_in: Radicale, calendar: Collection):
    calendar.put("standup.ics", (FIXTURES / f"{STANDUP}.ics").read_text())
    foreign = calendar.resources()
    synced(calendar)
    changes = synced(calendar, sync_at="13:00", ana_lunch="12:30", office=("mon",))
    assert (len(changes.create), len(changes.update), len(changes.delete), changes.unchanged) == (0, 2, 1, 3)
    titles = [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar.events()
              if "X-RHYTHM-KEY" in e]
    assert ("Team sync", at("mon", "13:00")) in titles and ("Lunch", at("mon", "12:30")) in titles
    assert ("Office day", day("tue")) not in titles and len(titles) == 5
    assert {name: calendar.resources()[name] for name in foreign} == foreign  # untouched, byte for byte


def test_a_sync_cut_off_by_the_server_going_away_is_completed_by_a_re_run(own_radicale: RadicaleProcess):
    account = own_radicale.account
    calendar = account.new_calendar()
    sink = open_sink_with(account, calendar)
    real_create, writes = sink.create, []

    def create_then_lose_the_server(event: DesiredEvent) -> None:
        real_create(event)
        writes.append(event)
        if len(writes) == 2:
            own_radicale.stop()  # the network is gone before the third event

    sink.create = create_then_lose_the_server  # type: ignore[method-assign]
    with pytest.raises(CalendarError, match="cannot reach the CalDAV server"):
        sync(sink, team_week(), "ana")
    own_radicale.start()
    assert len(calendar.events()) == 2
    rerun = sync(open_sink_with(account, calendar), team_week(), "ana")
    assert (len(rerun.create), rerun.unchanged) == (4, 2)
    uids = [str(e["UID"]) for e in calendar.events()]
    assert len(uids) == len(set(uids)) == 6
    assert sync(open_sink_with(account, calendar), team_week(), "ana").empty


def open_sink_with(account: Radicale, calendar: Collection) -> CalDAVSink:
    """The sink with the server's account: the credentials are read when it opens."""
    with pytest.MonkeyPatch.context() as env:
        for name, value in account.login().items():
            env.setenv(name, value)
        sink = open_sink(calendar.address, "ana")
    assert isinstance(sink, CalDAVSink)
    return sink


def test_a_dry_run_lists_the_changes_and_writes_nothing(logged_in: Radicale, calendar: Collection):
    changes = sync(open_sink(calendar.address, "ana"), team_week(), "ana", dry_run=True)
    assert len(changes.create) == 6 and calendar.resources() == {}


def test_an_event_someone_changed_since_rhythm_read_it_is_not_overwritten(
    logged_in: Radicale, calendar: Collection
):
    synced(calendar)
    sink = open_sink(calendar.address, "ana")
    start, end = week_window(team_week())
    lunch = next(w for w in sink.written(start, end, "platform/") if w.title == "Lunch")
    name = lunch.remote_id.rpartition("/")[2]
    calendar.put(name, calendar.resources()[name].replace("SUMMARY:Lunch", "SUMMARY:Lunch with Femke"))
    moved = next(e for e in desired_events(team_week(ana_lunch="12:30"), "ana") if e.key == lunch.key)
    with pytest.raises(CalendarError, match=r"someone changed the event since rhythm read it \(HTTP 412\)"):
        sink.update(lunch, moved)
    assert "Lunch with Femke" in calendar.resources()[name]


def test_a_meeting_has_the_same_uid_in_every_attendees_calendar(logged_in: Radicale):
    ana, bram = logged_in.new_calendar("ana"), logged_in.new_calendar("bram")
    sync(open_sink(ana.address, "ana"), team_week(), "ana")
    sync(open_sink(bram.address, "bram"), team_week(), "bram")
    uid = {c.address: {str(e["UID"]) for e in c.events() if str(e["SUMMARY"]) == "Team sync"}
           for c in (ana, bram)}
    assert uid[ana.address] == uid[bram.address] and len(uid[ana.address]) == 1


def test_planning_again_from_a_synced_calendar_ignores_rhythms_own_events(
    logged_in: Radicale, calendar: Collection
):
    calendar.put("oof.ics", (FIXTURES / "out_of_office_all_day_friday.ics").read_text())
    synced(calendar)
    facts = read_calendar_ref(calendar.address, ReadingContext(WEEK, TZ))
    assert facts == CalendarFacts(off_days=frozenset({day("fri")}))
    next_week = read_calendar_ref(calendar.address, ReadingContext(date(2026, 12, 7), TZ))
    assert next_week == CalendarFacts()


def test_a_sink_address_with_a_password_is_refused_without_showing_it():
    with pytest.raises(CalendarError, match="credentials never go in a calendar address") as error:
        open_sink("caldav:https://ana:hunter2@dav.example.com/ana/work/", "ana")
    assert "hunter2" not in str(error.value)


def test_a_plan_over_three_weeks_syncs_once_and_a_second_sync_changes_nothing(
    logged_in: Radicale, calendar: Collection
):
    week = team_week()
    sync_1 = next(m for m in week.meetings if m.request == "sync")
    later = [replace(sync_1, id=f"sync#{n + 1}", start=sync_1.start + timedelta(weeks=n),
                     end=sync_1.end + timedelta(weeks=n)) for n in (1, 2)]
    horizon = replace(week, weeks=3, meetings=(*week.meetings, *later))
    first = sync(open_sink(calendar.address, "ana"), horizon, "ana")
    again = sync(open_sink(calendar.address, "ana"), horizon, "ana")
    assert len(first.create) == 6 + len(later) and again.empty
