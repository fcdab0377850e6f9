"""Click to plan: how long a manager waits from "Plan next week" to the plan, in Chromium.

    python -m bench.click_to_plan --runs 5

Starts `rhythm serve` as a user does (a fresh data folder, SQLite, the in-process queue and
the example team), signs in as the example manager in Debian's Chromium (Playwright), and
plans the example week `--runs` times, timing each from the click to the plan's heading
being visible. It does so with the plan request waiting for its job (the default,
RHYTHM_PLAN_WAIT_SECONDS=3) and without (0: the job page, refreshing every second, as before),
alternating run by run, each on a server of its own. Prints a Markdown table of the median and
the worst, with the load average before and after; each run's figure goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
WEEK = "2026-11-30"


@contextmanager
def serve(wait: str) -> Iterator[tuple[str, str, str]]:
    """`rhythm serve` on a free port; its address and the example manager's sign-in."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "RHYTHM_DATA_DIR": data, "RHYTHM_PLAN_WAIT_SECONDS": wait}
        for name in ("DATABASE_URL", "CELERY_BROKER_URL", "RHYTHM_SMTP_HOST"):
            env.pop(name, None)
        log = Path(data) / "serve.log"
        with log.open("w") as out:
            process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
                                       cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                found = re.search(r"Sign in as (\S+) with password (\S+)", log.read_text())
                if found and _answers(url):
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("rhythm serve did not start:\n" + log.read_text())
                time.sleep(0.1)
            yield url, found.group(1), found.group(2)
        finally:
            process.terminate()
            process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/auth/signin", timeout=2):
            return True
    except OSError:
        return False


def click_to_plan(page: Page, url: str) -> float:
    page.goto(url)
    page.get_by_role("link", name="platform").click()
    page.get_by_label("Week starting").fill(WEEK)
    page.get_by_label("Yes, plan a week that has already ended").check()
    button = page.get_by_role("button", name="Plan next week")
    started = time.perf_counter()
    button.click()
    expect(page.get_by_role("heading", name=re.compile("^Week of "))).to_be_visible(timeout=60_000)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="plans per set-up (at most 9: the rate limit)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {"3": [], "0": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for wait in times:
            with serve(wait) as (url, email, password):
                page = browser.new_context().new_page()
                page.goto(url)
                page.get_by_label("Email").fill(email)
                page.get_by_label("Password").fill(password)
                page.get_by_role("button", name="Sign in").click()
                click_to_plan(page, url)  # untimed: the first solve process's forkserver starts
                for run in range(args.runs):
                    seconds = click_to_plan(page, url)
                    times[wait].append(seconds)
                    print(f"wait {wait} s, run {run + 1}: {seconds:.3f} s", file=sys.stderr)
        browser.close()
    load_after = os.getloadavg()
    print("| plan request | median click to plan | worst |")
    print("|---|---|---|")
    for wait, label in (("3", "waits for its job (RHYTHM_PLAN_WAIT_SECONDS=3, default)"),
                        ("0", "answers with the job page at once (=0, as before)")):
        print(f"| {label} | {statistics.median(times[wait]):.2f} s | {max(times[wait]):.2f} s |")
    print(f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          f"({os.cpu_count()} cores); {args.runs} runs each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
