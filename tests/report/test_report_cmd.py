"""`rhythm report` end to end: the example team's by-hand week as the plan, beside rhythm's
baseline and then as a file Chromium opens from disk."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from cli.main import main
from connectors.sources import read_team_calendars
from constraints import RULES
from scheduler.plan.baseline import baseline_plan
from scheduler.plan.plan_json import plan_to_json
from scheduler.request import read_request

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "platform-week.json"
ARTIFACTS = ROOT / "test-artifacts" / "report"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TITLES = ["In figures", "The week per member", "Office occupancy per day", "Who meets whom at the office",
          "Meeting load per member", "Meeting load per day", "Focus hours and fragmentation"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    request = read_request(str(EXAMPLE))
    plan = baseline_plan(request, read_team_calendars(request), RULES)
    (folder / "plan.json").write_text(json.dumps(plan_to_json(plan)))
    code = main(["report", str(folder / "plan.json"), "--request", str(EXAMPLE), "--baseline",
                 "--out", str(folder / "out")])
    assert code == 0
    return folder / "out"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def test_the_page_and_a_png_per_chart_are_written(written: Path) -> None:
    page = (written / "index.html").read_text()
    # Nothing to fetch: no script, no stylesheet link, no address to load (XML namespaces are names).
    assert "<script" not in page and "<link" not in page
    assert not re.search(r'(src|href)="(https?:|//)', page) and not re.search(r"url\((?!#)", page)
    pngs = sorted(p.stem for p in written.glob("*.png"))
    assert pngs == sorted(["week", "occupancy", "overlap", "load", "per-day", "focus"])
    assert all((written / f"{p}.png").read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_chromium_shows_every_chart_with_its_labels_and_numbers(written: Path, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((written / "index.html").as_uri())
    for title in TITLES:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert page.locator("section.chart svg").count() == 6
    overlap = page.locator("#overlap")
    expect(overlap.locator("svg")).to_contain_text("Ana de Vries")  # the heat map's own labels
    expect(overlap.locator("svg")).to_contain_text("Shared office days (by hand)")
    # The by-hand week brings everyone in on Tuesday and Thursday: two shared days per pair.
    row = page.locator("#overlap-numbers tbody tr").first
    expect(row).to_have_text("Ana de Vries" + "2" * 6)
    expect(page.locator("#occupancy-numbers tbody tr")).to_have_count(5)
    expect(page.get_by_role("img", name="People at the office per day")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "report-phone.png"), full_page=True)
    page.close()


def test_baseline_without_the_request_is_refused_by_name(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "plan.json").write_text((ROOT / "examples" / "platform-week.json").read_text())
    assert main(["report", str(tmp_path / "plan.json"), "--baseline", "--out", str(tmp_path)]) == 2
    assert "--request" in capsys.readouterr().err


def test_a_broken_plan_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "plan.json").write_text('{"version": 1,\n "team": }')
    assert main(["report", str(tmp_path / "plan.json"), "--out", str(tmp_path / "out")]) == 2
    assert "line 2" in capsys.readouterr().err and not (tmp_path / "out").exists()
