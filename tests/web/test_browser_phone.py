"""Every page a manager or an employee uses fits a 390 px phone without scrolling sideways:
Debian's Chromium (Playwright) with a viewport 390 wide, each page's document no wider than
the screen. A wide table may scroll inside its own box; the page itself may not."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .test_browser import PLANNED, Server, browser, plan_the_example_week, server, shot, sign_up

__all__ = ["browser", "server"]  # the fixtures, shared with test_browser
PHONE = {"width": 390, "height": 844}
# The elements that stick out past the screen and are in no box that scrolls: the culprits.
WIDE = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391
  && !(function up(p) { for (; p && p !== document.body; p = p.parentElement)
         if (getComputedStyle(p).overflowX !== 'visible') return true; return false; })(e.parentElement))
  .map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)
  + ' ' + (e.textContent || '').slice(0, 30)).slice(0, 15)"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def fits(page: Page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        shot(page, f"phone-too-wide-{name}")
    assert width <= PHONE["width"], (f"{name}: {page.url} is {width} px wide on a {PHONE['width']} px phone; "
                                     f"too wide outside a scrolling box: {page.evaluate(WIDE)}")


def test_the_pages_fit_a_390_px_phone(browser: Browser, phone: Page, server: Server) -> None:
    plan_the_example_week(phone, server)
    planned = phone.get_by_role("heading", name="Week of Monday 30 November 2026")
    expect(planned).to_be_visible(timeout=PLANNED)
    fits(phone, "plan")
    plan_url = phone.url
    team = re.search(r"/teams/(\d+)/", plan_url).group(1)  # type: ignore[union-attr]
    for name, path in (("home", "/"), ("team", f"/teams/{team}"), ("rules", f"/teams/{team}/rules"),
                       ("new member", f"/teams/{team}/members/new"),
                       ("new meeting", f"/teams/{team}/meetings/new"), ("cycle", f"/teams/{team}/cycle"),
                       ("account", "/account"), ("organisations", "/org")):
        phone.goto(server.url + path)
        fits(phone, name)
    phone.goto(server.url + f"/teams/{team}/rules")
    phone.get_by_label("Lunch length (minutes)").fill("0")
    phone.get_by_label("Lunch window until").fill("11:00")
    phone.get_by_role("button", name="Save rules").click()
    expect(phone.locator(".form-summary")).to_be_visible()
    fits(phone, "rules with errors")
    shot(phone, "phone-rules-errors")

    employee = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_up(employee, server, "Cas", "cas@example.com")  # the example team's Cas Bakker
    employee.get_by_role("link", name="platform: my week").click()
    employee.get_by_label("Week", exact=True).fill("2026-W49")
    employee.get_by_role("button", name="Show").click()
    expect(employee.locator("#my-figures")).to_be_visible()
    fits(employee, "my week")
    shot(employee, "phone-my-week")
    employee.context.close()
