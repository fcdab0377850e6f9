"""The web app in a Dutch and in an English browser: Debian's Chromium with locale nl-NL
(Accept-Language nl-NL) and en-US, against `rhythm serve`. Dates, week numbers and 24-hour
times as each language writes them; the time fields show 10:00, never 10:00 AM. Screenshots
are kept under pytest's temporary folder (`<basetemp>/screenshots/`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .test_browser import PLANNED, Server, browser, server  # noqa: F401 (fixtures: one serve, one Chromium)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots", numbered=False)


def in_locale(chromium: Browser, locale: str) -> Iterator[Page]:
    context = chromium.new_context(locale=locale, viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def dutch(browser: Browser) -> Iterator[Page]:  # noqa: F811
    yield from in_locale(browser, "nl-NL")


@pytest.fixture
def english(browser: Browser) -> Iterator[Page]:  # noqa: F811
    yield from in_locale(browser, "en-US")


def test_a_dutch_browser_plans_the_example_week_in_dutch(dutch: Page, server: Server,  # noqa: F811
                                                         screenshots: Path) -> None:
    page = dutch
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    page.get_by_label("E-mail").fill(server.email)
    page.get_by_label("Wachtwoord", exact=True).fill(server.password)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="platform").click()
    expect(page.get_by_role("heading", name="Leden")).to_be_visible()
    page.get_by_role("link", name="Regels wijzigen").click()
    start = page.get_by_label("Overleg vanaf")
    expect(start).to_have_value("10:00")
    assert start.get_attribute("type") == "text"  # never the browser's 12-hour picker
    expect(page.get_by_label("maandag").first).to_be_visible()
    page.screenshot(path=str(screenshots / "rules-nl.png"), full_page=True)
    page.get_by_role("link", name="platform").click()
    page.get_by_label("Week vanaf").fill("2026-11-30")
    page.get_by_label("Ja, plan een week die al voorbij is").check()  # the example week is over
    page.get_by_role("button", name="Volgende week plannen").click()
    heading = page.get_by_role("heading", name="Week van maandag 30 november 2026")
    expect(heading).to_be_visible(timeout=PLANNED)
    expect(page.get_by_role("heading", name=re.compile("week 49"))).to_be_visible()
    week = page.locator("table.week")
    expect(week.get_by_role("columnheader", name="ma 30 nov")).to_be_visible()
    expect(week.get_by_text("Kantoor").first).to_be_visible()
    expect(page.get_by_text("Alles wat gevraagd is, is ingepland.")).to_be_visible()
    text = page.locator("main").inner_text()
    assert re.search(r"\b1[0-4]:[03]0\u20131[0-5]:[0-5]5\b", text)  # "10:00 to 10:25" with a dash
    assert not re.search(r"\b\d{1,2}:\d\d ?[AP]M\b", text)
    page.screenshot(path=str(screenshots / "plan-nl.png"), full_page=True)
    page.locator("table.week").screenshot(path=str(screenshots / "week-nl.png"))
    page.set_viewport_size({"width": 1200, "height": 760})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "plan-nl-top.png"))  # the heading and the first days


def test_an_english_browser_reads_the_same_week_in_english(english: Page, server: Server,  # noqa: F811
                                                           screenshots: Path) -> None:
    page = english
    page.goto(server.url)
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password", exact=True).fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="platform").click()
    page.get_by_role("link", name="Edit rules").click()
    expect(page.get_by_label("Meetings from")).to_have_value("10:00")  # not 10:00 AM
    page.get_by_role("link", name="platform").click()
    page.get_by_label("Week starting").fill("2026-11-30")
    page.get_by_label("Yes, plan a week that has already ended").check()
    page.get_by_role("button", name="Plan next week").click()
    expect(page.get_by_role("heading", name="Week of Monday 30 November 2026")).to_be_visible(timeout=PLANNED)
    expect(page.locator("table.week").get_by_role("columnheader", name="Mon 30 Nov")).to_be_visible()
    text = page.locator("main").inner_text()
    assert "week 49" in text and not re.search(r"\b\d{1,2}:\d\d ?[AP]M\b", text)
    page.screenshot(path=str(screenshots / "plan-en.png"), full_page=True)
