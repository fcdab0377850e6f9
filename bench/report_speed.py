"""How long `rhythm report` takes to write its page, for the figure in bench/RESULTS.md.

    python -m bench.report_speed PLAN --request REQUEST [--baseline] [--repeat 3] [--steps]

Runs the command's own code (`cli.report_cmd.run`) in this process after one warm-up, and
prints wall and CPU seconds per run (the processes rasterising a large plan's PNGs included)
with the load average, so a busy machine shows; `--steps` then times each step once (reading,
counting, drawing the SVGs, rasterising the PNGs in this process). `bench/command_speed.py`
times the whole command, Python's start included, beside an older checkout.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

from cli import report_cmd


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan")
    parser.add_argument("--request")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", action="store_true", help="then the CPU seconds of each step")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as out:
        command = argparse.Namespace(plan=args.plan, request=args.request, baseline=args.baseline,
                                     against=None, actual=False, buildings=None, now=None, out=out)
        started = time.perf_counter()
        report_cmd.run(command)  # the first run also imports the readers and the report
        print(f"first run (imports included): {time.perf_counter() - started:.2f} s")
        for number in range(args.repeat):
            wall, cpu = time.perf_counter(), _cpu()
            report_cmd.run(command)
            size = sum(e.stat().st_size for e in os.scandir(out)) // 1024
            print(f"run {number + 1}: {time.perf_counter() - wall:.2f} s wall, "
                  f"{_cpu() - cpu:.2f} s CPU, {size} KiB written, load {os.getloadavg()[0]:.2f}")
    if args.steps and args.request:
        steps(args.plan, args.request, args.baseline)


def steps(plan_path: str, request_path: str, baseline: bool) -> None:
    """The report's steps one by one, as `report_cmd.run` and `build_report` take them."""
    from cli.documents import read_plan, read_team_request
    from connectors.sources import read_team_calendars
    from report.build import by_hand
    from report.charts import plan_charts
    from report.draw import pngs
    from report.figures import figures_of

    cpu = _cpu()

    def step(name: str) -> None:
        nonlocal cpu
        print(f"  {name}: {_cpu() - cpu:.2f} s CPU")
        cpu = _cpu()

    plan = read_plan(plan_path)
    step("reading the plan")
    request = read_team_request(request_path)
    step("reading the request")
    facts = read_team_calendars(request)
    step("reading the calendars")
    other = by_hand(request, facts) if baseline else None
    step("the week by hand")
    mine = figures_of(plan, request, label="this plan", facts=facts)
    theirs = figures_of(other, request, label="by hand", facts=facts) if other else None
    step("the figures")
    charts = plan_charts(mine, theirs)
    step(f"{len(charts)} SVGs")
    pngs(charts)
    step(f"{len(charts)} PNGs, in one process")


def _cpu() -> float:
    """CPU seconds of this process and of the processes it forked and waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
