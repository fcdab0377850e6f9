"""Fuzz the ICS reader with mutated real calendars; count crashes and slow inputs.

    python -m bench.fuzz_ics --inputs 100000 [--seed 1] [--slow 1.0] [--out crashes.jsonl]

The seeds are every VCALENDAR shipped inside the installed icalendar and
recurring-ical-events packages and the repo's own fixtures; each input is one of them with
one to four mutations (`bench.ics_mutations`), read tolerantly and strictly for the week
of 2026-11-30. A crash is any exception but CalendarError; a slow input is one whose two
readings took more than --slow CPU seconds (CPU, not wall time: the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import time
import traceback
from datetime import date
from pathlib import Path

import icalendar
import recurring_ical_events

from connectors.ics.read import read_ics
from scheduler.errors import CalendarError

from .ics_mutations import mutate, random_operations, seed_calendars

ROOT = Path(__file__).resolve().parent.parent
WEEK = date(2026, 11, 30)
HANG_CPU_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz_ics", description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=1.0, help="CPU seconds that make an input slow")
    parser.add_argument("--out", help="write each crash and slow input here (JSON lines)")
    parser.add_argument("--minutes", type=float, help="stop after this long even if --inputs are not done")
    args = parser.parse_args(argv)
    seeds = seed_calendars(Path(icalendar.__file__).parent, Path(recurring_ical_events.__file__).parent,
                           ROOT / "tests" / "fixtures" / "ics", ROOT / "examples")
    rng = random.Random(args.seed)
    # read: tolerant reading read it; refused: not a calendar even tolerantly; strict_refused:
    # read tolerantly, refused strictly; hangs: stopped after HANG_CPU_SECONDS (also slow).
    counts = {"inputs": 0, "read": 0, "refused": 0, "strict_refused": 0, "crashes": 0, "slow": 0, "hangs": 0}
    signal.signal(signal.SIGVTALRM, _hung)
    slowest, started, cpu_started = 0.0, time.monotonic(), time.process_time()
    log = open(args.out, "w", buffering=1) if args.out else None  # noqa: SIM115 - open for the run
    for number in range(args.inputs):
        if args.minutes and time.monotonic() - started > 60 * args.minutes:
            break
        name, text = seeds[rng.randrange(len(seeds))]
        operations = random_operations(rng)
        mutated = mutate(text, operations)
        before = time.process_time()
        signal.setitimer(signal.ITIMER_VIRTUAL, HANG_CPU_SECONDS)
        outcome = _outcome(mutated, name, log, operations)
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        spent = time.process_time() - before
        counts["inputs"] += 1
        counts[outcome] += 1
        counts["slow"] += outcome == "hangs"
        slowest = max(slowest, spent)
        if spent > args.slow and outcome != "hangs":
            counts["slow"] += 1
            _note(log, name, operations, "slow", f"{spent:.2f} CPU s")
        if (number + 1) % 500 == 0:
            print(json.dumps({**counts, "cpu_s": round(time.process_time() - cpu_started)}), file=sys.stderr)
    summary = {**counts, "slowest_cpu_s": round(slowest, 3), "wall_s": round(time.monotonic() - started),
               "cpu_s": round(time.process_time() - cpu_started), "seed_calendars": len(seeds),
               "loadavg_at_end": os.getloadavg()[0]}
    print(json.dumps(summary))
    return 1 if counts["crashes"] or counts["slow"] else 0


class Hung(Exception):
    """An input that ran past HANG_CPU_SECONDS."""


def _hung(signum: int, frame: object) -> None:
    raise Hung


def _outcome(mutated: str, name: str, log: object, operations: list) -> str:
    try:
        try:
            read_ics(mutated, source=name, week=WEEK, timezone="Europe/Amsterdam")
        except CalendarError:
            return "refused"
        try:
            read_ics(mutated, source=name, week=WEEK, timezone="Europe/Amsterdam", strict=True)
        except CalendarError:
            return "strict_refused"
        return "read"
    except Hung:
        _note(log, name, operations, "hang", mutated[:4000])
        return "hangs"
    except Exception:  # a crash is what this counts
        _note(log, name, operations, "crash", traceback.format_exc(limit=4))
        return "crashes"


def _note(log: object, name: str, operations: list, kind: str, detail: str) -> None:
    record = json.dumps({"kind": kind, "seed": name, "operations": operations, "detail": detail})
    print(record, file=sys.stderr) if log is None else log.write(record + "\n")  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
