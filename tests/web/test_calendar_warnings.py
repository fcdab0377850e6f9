"""A member's uploaded calendar with a broken event: the week is planned anyway, and the
team page and the member's page show the warnings next to the member, never the title: at the
upload in the file's own terms (its name, line and the event's UID), after a later plan from
the stored copy, in the terms of the user's file still (its lines), not the stored copy's."""

from __future__ import annotations

import io
import re

from flask.testing import FlaskClient

from .helpers import add_meeting, add_member, create_team, plan_week, text

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:dentist@example.com\r\nDTSTAMP:20261101T090000Z\r\n"
    b"DTSTART;TZID=Europe/Amsterdam:20261201T100000\r\nDTEND;TZID=Europe/Amsterdam:20261201T110000\r\n"
    b"SUMMARY:Dentist\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:broken-7@example.com\r\nDTSTAMP:20261101T090000Z\r\n"
    b"DTSTART:20261202T090000Z\r\nDTSTART:20261202T100000Z\r\nSUMMARY:Secret appraisal\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


def test_warnings_are_shown_next_to_the_member_after_planning(manager: FlaskClient) -> None:
    team = create_team(manager, "warned")
    uploaded = add_member(manager, team, "ana", ics=(io.BytesIO(CALENDAR), "ana.ics"))
    assert uploaded.status_code == 302, text(uploaded)
    flashed = text(manager.get(uploaded.headers["Location"]))
    warning = "ana.ics, line 14: DTSTART of event 'broken-7@example.com' appears 2 times"
    assert f"Read past in the uploaded calendar: {warning}" in flashed
    add_member(manager, team, "bram")
    add_meeting(manager, team, "sync", title="Sync")
    planned = plan_week(manager, team)
    assert "The plan failed" not in text(planned)

    page = text(manager.get(f"/teams/{team}"))
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.DOTALL) if ">Ana<" in r)
    assert "1 calendar warning in the last plan" in row
    # Planned from the stored copy, which keeps only planning facts and neutral UIDs (a UID can
    # say what an event is): the warning names the upload by the day it came, the line in the
    # user's own file, and the event by the line it starts on there.
    assert re.search(r"calendar uploaded on \d{4}-\d\d-\d\d, line 14: "
                     r"DTSTART of the event on line 11 appears 2 times", row), row
    assert "@rhythm" not in row and "broken-7" not in row
    bram = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.DOTALL) if ">Bram<" in r)
    assert "calendar warning" not in bram
    assert "Secret appraisal" not in page

    member_id = re.search(rf'href="/teams/{team}/members/(\d+)">Ana<', page)
    assert member_id
    own = text(manager.get(f"/teams/{team}/members/{member_id[1]}"))
    assert "The last plan read past 1 part of this calendar" in own
    assert "line 14: DTSTART of the event on line 11 appears 2 times" in own
    assert "@rhythm" not in own and "Secret appraisal" not in own


def test_no_warnings_no_notice(manager: FlaskClient) -> None:
    team = create_team(manager, "clean")
    add_member(manager, team, "ana")
    add_meeting(manager, team, "sync", title="Sync")
    plan_week(manager, team)
    assert "calendar warning" not in text(manager.get(f"/teams/{team}"))
