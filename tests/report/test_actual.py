"""Planned against what happened: calendars read after the week through the ICS connector,
where one meeting moved and one office day became a home day."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from cli.main import main
from connectors.ics.export import member_calendar
from connectors.ics.minimise import minimise_ics
from connectors.received import read_what_happened
from report.actual import Actual, compare
from report.charts_actual import judged_sentences
from scheduler.domain import InlineCalendar, TeamRequest
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import read_request
from tests import factories as f

from .week import ONE_ON_ONE, OPS, REVIEW, SYNC, three_plan, three_request


def event(uid: str, start: str, end: str, summary: str) -> str:
    """A timed event; `uid` with an @ is used as it is (a plan's own event, imported)."""
    uid = uid if "@" in uid else f"{uid}@tests.invalid"
    return (f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261101T080000Z\n"
            f"DTSTART;TZID=Europe/Amsterdam:{start}\nDTEND;TZID=Europe/Amsterdam:{end}\n"
            f"SUMMARY:{summary}\nEND:VEVENT\n")


def place(uid: str, day: str, summary: str) -> str:
    following = f"{date.fromisoformat(day) + timedelta(days=1):%Y%m%d}"
    return (f"BEGIN:VEVENT\nUID:{uid}@tests.invalid\nDTSTAMP:20261101T080000Z\n"
            f"DTSTART;VALUE=DATE:{day}\nDTEND;VALUE=DATE:{following}\nSUMMARY:{summary}\n"
            "TRANSP:TRANSPARENT\nEND:VEVENT\n")


def calendar(*events: str) -> str:
    head = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//rhythm tests//report//EN\n"
    return head + "".join(events) + "END:VCALENDAR\n"


# The plan's meetings as the members imported them from its .ics download (the export's UIDs),
# and, where a UID ends in @tests.invalid, events of the members' own.
SYNC_EVENT = event("sync-1.2026-11-30.platform@rhythm", "20261130T100000", "20261130T102500", "Team sync")
# Planned Mon 10:30; moved in the calendar to Thursday.
MOVED_REVIEW = event("review-1.2026-11-30.platform@rhythm", "20261203T140000", "20261203T145500", "Review")
OPS_EVENT = event("ops-1.2026-11-30.platform@rhythm", "20261130T113500", "20261130T120000", "Ops")
ONE = event("one-1.2026-11-30.platform@rhythm", "20261201T140000", "20261201T142500", "1:1")
AFTER_THE_WEEK = f.at("mon", "00:00", week=1)


def after_the_week(tmp_path: Path) -> dict[str, str]:
    files = {
        # ana: review moved to Thursday, a call over her Thursday focus block, Tuesday at home.
        "ana": calendar(SYNC_EVENT, MOVED_REVIEW, ONE,
                        event("call", "20261203T100000", "20261203T103000", "Call"),
                        place("ana-mon", "20261130", "Office"), place("ana-tue", "20261201", "Home")),
        "bram": calendar(SYNC_EVENT, MOVED_REVIEW, OPS_EVENT, place("bram-tue", "20261201", "Office")),
        "cas": calendar(SYNC_EVENT, OPS_EVENT, ONE),
    }
    for name, text in files.items():
        (tmp_path / f"{name}.ics").write_text(text)
    return {name: f"{name}.ics" for name in files}


def reading(tmp_path: Path, refs: dict[str, str]) -> TeamRequest:
    asked = three_request()
    return replace(asked, base_dir=tmp_path,
                   members=tuple(replace(m, calendars=(refs[m.id],)) for m in asked.members))


def judged(asked: TeamRequest, now: datetime = AFTER_THE_WEEK) -> Actual:
    plan = three_plan(asked)
    return compare(plan, asked, read_what_happened(plan, asked), now=now)


def test_a_moved_meeting_a_home_day_and_an_overwritten_focus_block(tmp_path: Path) -> None:
    actual = judged(reading(tmp_path, after_the_week(tmp_path)))

    status = {m.id: (m.status, m.moved_to) for m in actual.meetings}
    assert status == {"sync#1": ("held", None), "review#1": ("moved", f.at("thu", "14:00")),
                      "ops#1": ("held", None), "one#1": ("held", None)}
    ana = {o.day: (o.planned, o.stated) for o in actual.office if o.member == "ana"}
    assert ana[f.day("mon")] == ("office", "office")
    assert ana[f.day("tue")] == ("office", "home")  # planned at the office, stayed home
    assert ana[f.day("wed")] == ("home", None)  # the calendar says nothing
    assert [(b.member, b.overwritten_minutes) for b in actual.focus] == [("ana", 30)]
    assert (actual.count("held"), actual.count("moved"), actual.count("not held")) == (3, 1, 0)


def test_a_meeting_nobody_kept_is_not_held(tmp_path: Path) -> None:
    (tmp_path / "kept-sync-only.ics").write_text(calendar(SYNC_EVENT))
    actual = judged(reading(tmp_path, dict.fromkeys(("ana", "bram", "cas"), "kept-sync-only.ics")))
    assert {m.id: m.status for m in actual.meetings} == {
        "sync#1": "held", "review#1": "not held", "ops#1": "not held", "one#1": "not held"}


def test_a_plan_nobody_received_is_not_judged(tmp_path: Path) -> None:
    # Busy exactly at every planned meeting, but with events of their own: not the plan's.
    own = calendar(*(e.replace("@rhythm", "@elsewhere.invalid") for e in (SYNC_EVENT, OPS_EVENT, ONE)))
    (tmp_path / "own.ics").write_text(own)
    actual = judged(reading(tmp_path, dict.fromkeys(("ana", "bram", "cas"), "own.ics")))
    assert not actual.judged and actual.office == actual.focus == ()
    assert {m.status for m in actual.meetings} == {"unknown"}  # not "not held"
    assert actual.not_received == ("Ana", "Bram", "Cas")
    assert judged_sentences(actual) == [
        "The members never received this plan: none of its events (by the UID of its .ics download "
        "or the key of a sync) is in their calendars, so nothing is judged."]


def test_a_member_who_never_received_the_plan_is_left_out(tmp_path: Path) -> None:
    refs = after_the_week(tmp_path)
    (tmp_path / "cas.ics").write_text(calendar(event("dentist", "20261130T090000", "20261130T093000", "x")))
    actual = judged(reading(tmp_path, refs))
    assert actual.not_received == ("Cas",)
    assert {o.member for o in actual.office} == {"ana", "bram"}
    # ops (bram, cas) is judged on bram's calendar alone; no meeting is "not held" for want of cas.
    assert {m.id: m.status for m in actual.meetings}["ops#1"] == "held"
    assert judged_sentences(actual)[-1] == ("Not judged: Cas, whose calendars hold none of this "
                                            "plan's events (they never received it).")


def test_days_that_are_not_over_are_not_judged(tmp_path: Path) -> None:
    asked = reading(tmp_path, after_the_week(tmp_path))
    actual = judged(asked, now=f.at("tue", "23:59"))  # Monday is over, Tuesday not yet
    assert actual.over == (f.day("mon"),)
    assert actual.not_over == tuple(f.day(d) for d in ("tue", "wed", "thu", "fri"))
    assert {m.id for m in actual.meetings} == {"sync#1", "review#1", "ops#1"}  # not Tuesday's 1:1
    assert {o.day for o in actual.office} == {f.day("mon")}
    assert actual.focus == ()  # ana's is on Thursday
    assert judged_sentences(actual)[1] == ("Not judged yet, as they are not over: the workdays from "
                                           "Tue 01 Dec to Fri 04 Dec.")
    before = judged(asked, now=f.at("mon", "18:00"))
    assert not before.judged and before.meetings == ()
    assert judged_sentences(before)[0] == ("No day of this plan is over yet: each day is judged once "
                                           "it is over, the first after Mon 30 Nov.")


def test_an_imported_download_and_its_stored_copy_count_as_received(tmp_path: Path) -> None:
    asked = three_request()
    plan = three_plan(asked)
    for member in ("ana", "bram", "cas"):  # each imported their own .ics download as it is
        (tmp_path / f"{member}.ics").write_bytes(member_calendar(plan, asked, member))
    actual = judged(reading(tmp_path, {m: f"{m}.ics" for m in ("ana", "bram", "cas")}))
    assert actual.not_received == () and {m.status for m in actual.meetings} == {"held"}
    # A calendar uploaded to the web app is stored as facts: the member's own UIDs become
    # neutral numbers, rhythm's own (made from the plan, no word of the member's) stay.
    stored = minimise_ics(member_calendar(plan, asked, "ana") + calendar(
        event("dentist", "20261201T090000", "20261201T093000", "Dentist")).encode(), "ana.ics")
    assert "sync-1.2026-11-30.platform@rhythm" in stored and "dentist" not in stored.lower()
    own = calendar(event("dentist", "20261130T090000", "20261130T093000", "Dentist"))
    uploaded = replace(asked, members=tuple(
        replace(m, calendars=(InlineCalendar(stored if m.id == "ana" else own),)) for m in asked.members))
    facts = read_what_happened(plan, uploaded)
    assert facts["ana"].received and not facts["bram"].received


def test_rhythm_report_actual_writes_what_was_kept(tmp_path: Path) -> None:
    refs = after_the_week(tmp_path)
    request = {
        "version": 1, "team": f.TEAM, "timezone": f.TZ, "week": f.WEEK.isoformat(),
        "members": [{"id": key, "name": key.title(), "calendars": [ref]} for key, ref in refs.items()],
        "meetings": [{"id": m.id, "title": m.title, "minutes": m.minutes, "attendees": list(m.attendees)}
                     for m in (SYNC, REVIEW, OPS, ONE_ON_ONE)],
    }
    (tmp_path / "request.json").write_text(json.dumps(request))
    asked = read_request(str(tmp_path / "request.json"))
    (tmp_path / "plan.json").write_text(json.dumps(plan_to_json(three_plan(asked))))
    code = main(["report", str(tmp_path / "plan.json"), "--request", str(tmp_path / "request.json"),
                 "--actual", "--now", "2026-12-07T00:00:00+01:00", "--out", str(tmp_path / "out")])
    assert code == 0
    page = (tmp_path / "out" / "index.html").read_text()
    assert "3 of 4 meetings held at their planned time · 1 moved · 0 not found" in page
    assert ("Of 4 planned meetings on the days that are over, 3 were held at their planned time, "
            "1 moved") in page
    assert "<td>moved</td><td>Thu 03 Dec 14:00</td>" in page
    # Ana's row in the office table: 1 day as planned at the office, 1 home instead of office.
    assert re.search(r'<th scope="row">Ana</th><td>1</td><td>0</td><td>1</td><td>0</td><td>3</td>', page)
    assert (tmp_path / "out" / "kept-office.png").exists()
