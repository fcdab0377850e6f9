"""End to end in a real browser: Debian's Chromium driven by Playwright, against `rhythm serve`
started the way a user starts it (a subprocess on a free port). Screenshots go to
test-artifacts/web/ for a person to look at."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .mailbox import MAILBOX, links_in
from .serving import Served, serving

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CALENDAR = ROOT / "examples" / "calendars" / "ana.ics"
# How long a click on "Plan next week" waits for its plan (3 s by default). The example's
# plan takes well under a second, but several on a busy machine; the tests' server waits long
# enough that its answer is the plan itself however busy the machine is.
PLAN_WAIT = 120
PLANNED = 150_000  # ms a test waits for the plan page: the click's wait, and then some


@dataclass
class Server:
    url: str
    email: str
    password: str
    env: dict[str, str]
    served: Served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`rhythm serve` on a fresh data folder: first start, example team, printed credentials;
    its e-mails go to the test SMTP server (the session's RHYTHM_SMTP_*)."""
    with serving(tmp_path_factory.mktemp("serve"), {"RHYTHM_PLAN_WAIT_SECONDS": str(PLAN_WAIT)}) as served:
        found = served.wait_for(r"Sign in as (\S+) with password (\S+)")
        yield Server(served.url, found.group(1), found.group(2), served.env, served)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test.sh` installs Debian's chromium",
                    pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def mailed_link(email: str, before: int, contains: str) -> str:
    """The link in the e-mail rhythm serve sent to `email` after it had `before` of them."""
    found = [link for link in links_in(MAILBOX.wait_for(email, before)) if contains in link]
    assert found
    return found[0]


def sign_up(page: Page, server: Server, name: str, email: str) -> None:
    """The form, then the link in the e-mail, where the password is chosen, as a person signs up."""
    before = len(MAILBOX.to(email))
    page.goto(server.url + "/auth/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    page.goto(mailed_link(email, before, "/auth/confirm/"))
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Password again").fill("correct horse battery")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def sign_in_as_the_example_manager(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()


def plan_the_example_week(page: Page, server: Server) -> None:
    """Sign in as the example manager and ask for the example week (2026-11-30)."""
    sign_in_as_the_example_manager(page, server)
    page.get_by_role("link", name="platform").click()
    page.get_by_label("Week starting").fill("2026-11-30")
    page.get_by_label("Yes, plan a week that has already ended").check()  # it has, since 6 December
    page.get_by_role("button", name="Plan next week").click()


def add_meeting_for_everyone(page: Page, key: str, title: str, minutes: int, per_week: int,
                             *, at_the_office: bool = False) -> None:
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Meeting id").fill(key)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Length (minutes)").fill(str(minutes))
    page.get_by_label("Everyone (all members not listed as optional)").check()
    page.get_by_label("Times per week").fill(str(per_week))
    if at_the_office:
        page.get_by_label("At the office").check()
    page.get_by_role("button", name="Add meeting").click()


def test_a_newcomer_plans_the_example_week(page: Page, server: Server) -> None:
    plan_the_example_week(page, server)
    expect(page.get_by_role("heading", name="Week of Monday 30 November 2026")).to_be_visible(timeout=PLANNED)
    expect(page.locator("table.week").get_by_role("rowheader", name="Ana de Vries")).to_be_visible()
    expect(page.get_by_text("Everything requested is placed.")).to_be_visible()
    shot(page, "example-week")


def test_a_manager_sets_up_a_team_and_an_employee_downloads_their_week(
        browser: Browser, page: Page, server: Server) -> None:
    sign_up(page, server, "Mia", "mia@example.org")
    page.get_by_role("link", name="Create a team").click()
    page.get_by_label("Team name").fill("design")
    page.get_by_role("button", name="Create team").click()
    for key, name, upload in (("ana", "Ana", True), ("bram", "Bram", False)):
        page.get_by_role("link", name="Add a member").click()
        page.get_by_label("Member id").fill(key)
        page.get_by_label("Name").fill(name)
        page.get_by_label("Email").fill(f"{key}@example.org")
        if upload:
            page.get_by_label("…or upload an .ics file").set_input_files(str(CALENDAR))
        page.get_by_role("button", name="Add member").click()
        expect(page.get_by_text(f"{name} added.")).to_be_visible()

    page.get_by_role("link", name="Edit rules").click()
    page.get_by_label("Lunch length (minutes)").fill("90")  # longer than the 12:00-13:00 window
    page.get_by_role("button", name="Save rules").click()
    expect(page.locator("#lunch_minutes-error")).to_contain_text("90 is longer than the lunch window")
    shot(page, "rules-error")
    page.get_by_label("Lunch length (minutes)").fill("45")
    page.get_by_label("Office capacity (people)").fill("2")
    page.get_by_role("button", name="Save rules").click()
    expect(page.get_by_text("Rules saved.")).to_be_visible()

    add_meeting_for_everyone(page, "review", "Design review", 55, 2, at_the_office=True)
    expect(page.get_by_text("Design review added.")).to_be_visible()
    shot(page, "team")

    page.get_by_role("button", name="Plan next week").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Week of Monday"))).to_be_visible(timeout=PLANNED)
    expect(page.locator("table.week").get_by_role("rowheader", name="Bram")).to_be_visible()
    expect(page.locator("td.at-office").first).to_be_visible()
    expect(page.locator("li.item.lunch").first).to_contain_text("Lunch")
    shot(page, "plan")

    before = len(MAILBOX.to("ana@example.org"))
    page.goto(server.url)
    page.get_by_role("link", name="design").click()
    page.get_by_role("row", name=re.compile("^Ana ")).get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Invitation sent to ana@example.org.")).to_be_visible()
    employee = browser.new_context(accept_downloads=True).new_page()
    employee.goto(mailed_link("ana@example.org", before, "/invitations/"))
    employee.get_by_label("Password", exact=True).fill("correct horse battery")
    employee.get_by_label("Password again").fill("correct horse battery")
    employee.get_by_role("button", name="Create account and join").click()
    expect(employee.get_by_text("Welcome to design: this is your week.")).to_be_visible()
    employee.get_by_role("link", name=re.compile(r"^Week \d+ →$")).click()  # next week's plan
    expect(employee.locator("table.week").get_by_role("rowheader", name="Ana")).to_be_visible()
    with employee.expect_download() as download:
        employee.get_by_role("link", name="Download .ics").click()
    ics = Path(download.value.path()).read_text()
    assert ics.startswith("BEGIN:VCALENDAR") and "SUMMARY:Design review" in ics and "SUMMARY:Lunch" in ics
    shot(employee, "my-week")
    employee.context.close()


def test_removing_a_meeting_asks_first(page: Page, server: Server) -> None:
    sign_in_as_the_example_manager(page, server)
    page.get_by_role("link", name="platform").click()
    page.get_by_role("row", name=re.compile("^Ops review ")).get_by_role("link", name="Remove").click()
    expect(page.get_by_role("heading", name="Remove Ops review?")).to_be_visible()
    shot(page, "confirm-remove")
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("row", name=re.compile("^Ops review "))).to_be_visible()


def test_the_operator_resets_the_first_managers_password(browser: Browser, server: Server) -> None:
    made = subprocess.run([sys.executable, "-m", "cli.main", "user", "reset-password", server.email],
                          cwd=ROOT, env={**server.env, "RHYTHM_BASE_URL": server.url}, capture_output=True,
                          text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    link = re.search(r"(http://\S+/auth/reset/\S+)", made.stdout).group(1)  # type: ignore[union-attr]
    page = browser.new_context().new_page()
    page.goto(link)
    page.get_by_label("Password", exact=True).fill("the manager's own passphrase")
    page.get_by_label("Password again").fill("the manager's own passphrase")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_role("heading", name="Hello, Example manager")).to_be_visible()
    server.password = "the manager's own passphrase"
    page.context.close()


def test_a_token_from_the_command_line_opens_the_api(server: Server) -> None:
    made = subprocess.run([sys.executable, "-m", "cli.main", "token", "create", "--team", "platform"],
                          cwd=ROOT, env=server.env, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    request = json.loads((ROOT / "examples" / "platform-week.json").read_text())
    for member in request["members"]:
        files = [ROOT / "examples" / ref for ref in member.get("calendars", [])]
        member["calendars"] = [{"ics": path.read_text()} for path in files]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    sent = urllib.request.Request(server.url + "/api/v1/plans", json.dumps(request).encode(), headers)
    with urllib.request.urlopen(sent, timeout=30) as answer:
        assert answer.status == 202
        location = answer.headers["Location"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with urllib.request.urlopen(urllib.request.Request(server.url + location, headers=headers)) as answer:
            job = json.load(answer)
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    assert job["plan"]["team"] == "platform" and job["plan"]["week"] == "2026-11-30"


def test_plan_next_week_answers_with_the_plan_itself(page: Page, server: Server) -> None:
    """Issue 24: the click answers with the plan as soon as the job ends, not with a page that
    polls (the example team's job takes well under the 3 s the request waits, here `PLAN_WAIT`
    for a busy machine; the time from click to plan is measured by
    `python -m bench.click_to_plan`, bench/RESULTS.md)."""
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)
    plan_the_example_week(page, server)
    expect(page.get_by_role("heading", name="Week of Monday 30 November 2026")).to_be_visible(timeout=PLANNED)
    assert re.search(r"/teams/\d+/plans/\d+$", page.url)
    assert not [url for url in visited if "/jobs/" in url]
