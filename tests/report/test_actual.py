"""Planned against what happened: calendars read after the week through the ICS connector,
where one meeting moved and one office day became a home day."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from cli.main import main
from connectors.sources import read_team_calendars
from report.actual import compare
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import read_request
from tests import factories as f

from .week import ONE_ON_ONE, OPS, REVIEW, SYNC, three_plan, three_request


def event(uid: str, start: str, end: str, summary: str) -> str:
    return (f"BEGIN:VEVENT\nUID:{uid}@tests.invalid\nDTSTAMP:20261101T080000Z\n"
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


SYNC_EVENT = event("sync", "20261130T100000", "20261130T102500", "Team sync")
MOVED_REVIEW = event("review", "20261203T140000", "20261203T145500", "Review")  # planned Mon 10:30
OPS_EVENT = event("ops", "20261130T113500", "20261130T120000", "Ops")
ONE = event("one", "20261201T140000", "20261201T142500", "1:1")


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


def test_a_moved_meeting_a_home_day_and_an_overwritten_focus_block(tmp_path: Path) -> None:
    refs = after_the_week(tmp_path)
    asked = three_request()
    asked = replace(asked, base_dir=tmp_path,
                    members=tuple(replace(m, calendars=(refs[m.id],)) for m in asked.members))
    plan = three_plan(asked)
    actual = compare(plan, asked, read_team_calendars(asked))

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
    (tmp_path / "empty.ics").write_text(calendar(SYNC_EVENT))
    asked = three_request()
    asked = replace(asked, base_dir=tmp_path,
                    members=tuple(replace(m, calendars=("empty.ics",)) for m in asked.members))
    actual = compare(three_plan(asked), asked, read_team_calendars(asked))
    assert {m.id: m.status for m in actual.meetings} == {
        "sync#1": "held", "review#1": "not held", "ops#1": "not held", "one#1": "not held"}


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
                 "--actual", "--out", str(tmp_path / "out")])
    assert code == 0
    page = (tmp_path / "out" / "index.html").read_text()
    assert "Of 4 planned meetings, 3 were held at their planned time, 1 moved" in page
    assert "<td>moved</td><td>Thu 03 Dec 14:00</td>" in page
    # Ana's row in the office table: 1 day as planned at the office, 1 home instead of office.
    assert re.search(r'<th scope="row">Ana</th><td>1</td><td>0</td><td>1</td><td>0</td><td>3</td>', page)
    assert (tmp_path / "out" / "kept-office.png").exists()
