"""In Chromium: a member whose uploaded calendar has a broken event is planned, and the team
page shows the warning next to the member. Screenshot: test-artifacts/web/calendar-warnings.png."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from .test_browser import PLANNED, Server, add_meeting_for_everyone, browser, page, server, shot, sign_up  # noqa: F401 - the fixtures
from .test_calendar_warnings import CALENDAR


def test_the_team_page_shows_a_members_calendar_warnings(
        page: Page, server: Server, tmp_path: Path) -> None:  # noqa: F811 - the fixtures, by name
    upload = tmp_path / "ana.ics"
    upload.write_bytes(CALENDAR)
    sign_up(page, server, "Noor", "noor@example.org")
    page.get_by_role("link", name="Create a team").click()
    page.get_by_label("Team name").fill("warned")
    page.get_by_role("button", name="Create team").click()
    team_url = page.url
    for key, name in (("ana", "Ana"), ("bram", "Bram")):
        page.get_by_role("link", name="Add a member").click()
        page.get_by_label("Member id").fill(key)
        page.get_by_label("Name").fill(name)
        if key == "ana":
            page.get_by_label("…or upload an .ics file").set_input_files(str(upload))
        page.get_by_role("button", name="Add member").click()
        expect(page.get_by_text(f"{name} added.")).to_be_visible()
    add_meeting_for_everyone(page, "sync", "Sync", 25, 1)
    page.get_by_role("button", name="Plan next week").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Week of Monday"))).to_be_visible(timeout=PLANNED)

    page.goto(team_url)
    notice = page.locator("tr", has_text="Ana").locator("details.calendar-warnings")
    expect(notice).to_contain_text("1 calendar warning in the last plan")
    notice.locator("summary").click()
    expect(notice).to_contain_text(re.compile(r"line 14: DTSTART of the event on line 11 appears 2 times"))
    expect(page.locator("tr", has_text="Bram").locator("details.calendar-warnings")).to_have_count(0)
    expect(page.get_by_text("Secret appraisal")).to_have_count(0)
    shot(page, "calendar-warnings")
