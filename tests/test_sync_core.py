"""The sync core: which events a plan puts in a member's calendar, and what a sync changes.

The sink here is an in-memory calendar that keeps what it is given, like a real one does;
the CalDAV sink runs the same cases against a real server in tests/caldav/.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from connectors.sync import (
    Attendee,
    Changes,
    DesiredEvent,
    WrittenEvent,
    changes_between,
    desired_events,
    sync,
)
from scheduler.domain import Person, Plan
from tests.factories import at, day, focus, lunch, meeting, member, placed, plan, request

TEAM = request([member("ana"), member("bram"), member("cas")],
               [meeting("sync", ["ana", "bram"], title="Team sync", optional=["cas"]),
                meeting("design", ["bram", "cas"], minutes=55, where="office")])
SYNC, DESIGN = TEAM.meetings
PEOPLE = (Person("ana", "Ana de Vries", "ana@example.com"), Person("bram", "Bram Jansen", None),
          Person("cas", "Cas Bakker", "cas@example.com"))


def week(*, sync_at: str = "10:00", ana_lunch: str = "12:00", office: tuple = ("mon", "tue")) -> Plan:
    """Sync on Monday, design on Tuesday, lunches for Ana, a focus block, office days."""
    meetings = [placed(SYNC, 1, "mon", sync_at, where="hybrid"), placed(DESIGN, 1, "tue", "11:00",
                                                                      where="office")]
    lunches = [lunch("ana", "mon", ana_lunch), lunch("ana", "tue"), lunch("bram", "mon")]
    return replace(plan(TEAM, meetings, lunches=lunches, focus=[focus("ana", "thu")],
                        office={"ana": office, "bram": ("tue",)}), members=PEOPLE)


def mine(member_id: str, the_plan: Plan | None = None) -> dict[str, DesiredEvent]:
    return {e.key: e for e in desired_events(the_plan or week(), member_id)}


class MemoryCalendar:
    """A calendar sink that keeps events in a dict; `fail_on_create` cuts a sync off."""

    def __init__(self, fail_on_create: int | None = None) -> None:
        self.events: dict[str, tuple[str, DesiredEvent]] = {}  # remote id -> (key, event)
        self.fail_on_create = fail_on_create
        self.creates = 0

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        return [WrittenEvent(key, rid, e.fingerprint(), e.title, e.start)
                for rid, (key, e) in self.events.items() if key.startswith(prefix)]

    def create(self, event: DesiredEvent) -> None:
        self.creates += 1
        if self.creates == self.fail_on_create:
            raise ConnectionError("the server went away")
        self.events[f"id{self.creates}"] = (event.key, event)  # ids are never reused

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None:
        self.events[old.remote_id] = (event.key, event)

    def delete(self, old: WrittenEvent) -> None:
        del self.events[old.remote_id]

    def shown(self) -> list[tuple[str, datetime | date]]:
        return sorted(((e.title, e.start) for _, e in self.events.values()), key=str)


def test_a_member_gets_the_meetings_they_attend_required_or_optional_and_nothing_of_others():
    titles = sorted((e.kind, e.title) for e in mine("cas").values())
    assert titles == [("meeting", "Design"), ("meeting", "Team sync")]
    assert all("bram/" not in key for key in mine("ana"))


def test_meeting_attendees_carry_address_name_and_whether_they_are_required():
    team_sync = mine("ana")["platform/2026-11-30/meeting/sync#1"]
    assert team_sync.attendees == (
        Attendee("ana@example.com", "Ana de Vries", True),
        Attendee("bram@platform.invalid", "Bram Jansen", True),  # no email: a made-up address
        Attendee("cas@example.com", "Cas Bakker", False),
    )
    assert (team_sync.start, team_sync.end) == (at("mon", "10:00"), at("mon", "10:25"))


def test_an_office_meeting_is_at_the_office_and_a_hybrid_one_is_online():
    design, team_sync = mine("bram")["platform/2026-11-30/meeting/design#1"], mine("bram")[
        "platform/2026-11-30/meeting/sync#1"]
    assert (design.location, design.online) == ("Office", False)
    assert (team_sync.location, team_sync.online) == (None, True)


def test_lunch_and_focus_are_the_members_own_busy_blocks():
    blocks = [(e.kind, e.start, e.busy, e.attendees) for e in mine("ana").values()
              if e.kind in ("lunch", "focus")]
    assert blocks == [("lunch", at("mon", "12:00"), True, ()), ("lunch", at("tue", "12:00"), True, ()),
                      ("focus", at("thu", "09:00"), True, ())]


def test_office_days_are_all_day_free_events_at_the_office():
    office = [e for e in mine("ana").values() if e.kind == "office"]
    assert [(e.start, e.end, e.all_day, e.busy, e.location) for e in office] == [
        (day("mon"), day("tue"), True, False, "Office"), (day("tue"), day("wed"), True, False, "Office")]


def test_a_lunch_moved_to_half_past_keeps_its_key_and_only_its_fingerprint_changes():
    before, after = mine("ana"), mine("ana", week(ana_lunch="12:30"))
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k].fingerprint() != after[k].fingerprint()]
    assert changed == ["platform/2026-11-30/lunch/ana/2026-11-30/0"]


def written(events: dict[str, DesiredEvent], *keys: str) -> list[WrittenEvent]:
    return [WrittenEvent(k, f"id-{n}", events[k].fingerprint(), events[k].title, events[k].start)
            for n, k in enumerate(keys)]


def test_changes_create_what_is_missing_and_leave_what_matches():
    events = mine("ana")
    keys = list(events)
    changes = changes_between(events.values(), written(events, *keys[:2]))
    assert [e.key for e in changes.create] == keys[2:] and changes.unchanged == 2
    assert not changes.update and not changes.delete


def test_changes_update_a_moved_event_and_delete_one_the_plan_dropped():
    old = written(mine("ana"), *mine("ana"))
    changes = changes_between(mine("ana", week(sync_at="13:00", office=("mon",))).values(), old)
    assert [(w.key, new.start) for w, new in changes.update] == [
        ("platform/2026-11-30/meeting/sync#1", at("mon", "13:00"))]
    assert [w.key for w in changes.delete] == ["platform/2026-11-30/office/ana/2026-12-01"]
    assert not changes.create


def test_a_duplicate_left_by_a_cut_off_run_is_deleted():
    events = mine("ana")
    key = next(iter(events))
    twice = written(events, key, key)
    changes = changes_between([events[key]], twice)
    assert changes.unchanged == 1 and changes.delete == [twice[1]]


def test_syncing_the_same_plan_twice_changes_nothing_the_second_time():
    calendar = MemoryCalendar()
    first = sync(calendar, week(), "ana")
    second = sync(calendar, week(), "ana")
    assert len(first.create) == 6 and second.empty and second.unchanged == 6


def test_a_dry_run_says_what_would_change_and_changes_nothing():
    calendar = MemoryCalendar()
    changes = sync(calendar, week(), "ana", dry_run=True)
    assert calendar.events == {} and len(changes.create) == 6
    assert changes.describe()[0] == "create  Mon 30 Nov 10:00  Team sync"
    assert changes.describe()[-1] == "6 to create, 0 to update, 0 to delete, 0 unchanged"


def test_a_sync_cut_off_half_way_is_completed_by_the_next_run_without_duplicates():
    calendar = MemoryCalendar(fail_on_create=3)
    with pytest.raises(ConnectionError):
        sync(calendar, week(), "ana")
    assert len(calendar.events) == 2
    calendar.fail_on_create = None
    rerun = sync(calendar, week(), "ana")
    assert (len(rerun.create), rerun.unchanged) == (4, 2)
    assert sorted(calendar.shown(), key=str) == sorted(
        ((e.title, e.start) for e in mine("ana").values()), key=str)


def test_a_re_plan_updates_and_removes_only_the_weeks_events_of_this_team():
    calendar = MemoryCalendar()
    sync(calendar, week(), "ana")
    other_week = replace(week(), week=date(2026, 12, 7))
    sync(calendar, other_week, "ana")
    changes = sync(calendar, week(sync_at="13:00", office=("mon",)), "ana")
    assert (len(changes.update), len(changes.delete), changes.unchanged) == (1, 1, 4)
    assert len(calendar.events) == 5 + 6  # this week's five, and the other week's six untouched


def test_describe_names_each_change_with_its_time():
    old = WrittenEvent("k", "id", "f", "Lunch", at("mon", "12:00"))
    new = DesiredEvent("k", "lunch", "Lunch", at("mon", "12:30"), at("mon", "13:00"))
    lines = Changes(update=[(old, new)], delete=[old]).describe()
    assert lines == ["update  Mon 30 Nov 12:30  Lunch (was Mon 30 Nov 12:00 Lunch)",
                     "delete  Mon 30 Nov 12:00  Lunch",
                     "0 to create, 1 to update, 1 to delete, 0 unchanged"]
