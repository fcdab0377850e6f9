"""The pictures of the week in a real browser: the plan page's charts under the app's strict
CSP, the button that compares the plan with the calendars, and an employee's own figures."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .test_browser import PLANNED, Server, browser, page, plan_the_example_week, server, shot, sign_up

__all__ = ["browser", "page", "server"]  # the fixtures, shared with test_browser

CHARTS = ["Office occupancy per day", "Who meets whom at the office", "Meeting load per member",
          "Meeting load per day", "Focus hours and fragmentation"]


def test_the_plan_page_shows_the_charts_and_what_happened(browser: Browser, page: Page,
                                                          server: Server) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    plan_the_example_week(page, server)
    expect(page.get_by_role("heading", name="Pictures of the week")).to_be_visible(timeout=PLANNED)
    for title in CHARTS:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    occupancy = page.get_by_role("img", name="People at the office per day")
    expect(occupancy).to_be_visible()
    # The SVG drew under the CSP: its picture is decoded (a busy machine takes its time).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=occupancy.element_handle(),
                           timeout=PLANNED)
    expect(page.locator("#numbers-occupancy tbody tr")).to_have_count(5)  # Mon-Fri
    expect(page.locator("#numbers-overlap tbody tr")).to_have_count(6)  # the six members
    expect(page.locator("#numbers-overlap tbody tr").first.locator("th")).to_have_text("Ana de Vries")
    shot(page, "plan-charts")

    page.get_by_role("button", name="Planned against what happened").click()
    # The example calendars hold none of the plan's events: nobody imported or synced it, so
    # nothing is judged (tests/web/test_report_pages.py judges a plan the members received).
    expect(page.get_by_text("The members never received this plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Meetings held at their planned time")).to_have_count(0)
    shot(page, "plan-actual")
    assert refused == []

    # The team now has a plan: its employee Cas sees their own figures, and nobody else's.
    employee = browser.new_context().new_page()
    sign_up(employee, server, "Cas", "cas@example.com")  # the example team's Cas Bakker
    employee.get_by_role("link", name="platform: my week").click()
    employee.get_by_label("Week", exact=True).fill("2026-W49")  # the example's week, in the week picker
    employee.get_by_role("button", name="Show").click()
    figures = employee.locator("#my-figures")
    expect(figures.get_by_role("heading", name="My week in figures")).to_be_visible()
    expect(figures.get_by_role("img", name="Week of 30 November 2026 for 1 member:")).to_be_visible()
    expect(figures.get_by_text("Ana de Vries")).to_have_count(0)  # nobody else's name or data
    # Only who is at the office with Cas, by name, the point of team office days (issue 24.5).
    expect(employee.locator("table.week").get_by_text("Ana de Vries")).to_have_count(0)
    shot(employee, "my-week-figures")
    employee.context.close()
