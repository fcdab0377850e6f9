"""The same request and limit give the same plan, so a subscriber's week does not move when
nothing changed: two `rhythm plan` processes (each with its own string hashing, as two runs
of a web job would have) write the same plan, apart from how long the solve took."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate_request

RHYTHM = str(Path(sys.executable).parent / "rhythm")
EXAMPLE = Path(__file__).parent.parent / "examples" / "platform-week.json"


def plan_json(request: Path, hash_seed: int, *flags: str) -> dict:
    done = subprocess.run([RHYTHM, "plan", str(request), "--json", "--time-limit", "10", *flags],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": str(hash_seed)})
    plan = json.loads(done.stdout)
    del plan["metrics"]["solve_seconds"]
    return plan


@pytest.mark.parametrize(("team", "flags"), [("example", ()), ("generated", ()),
                                             ("generated", ("--deterministic",))])
def test_two_solves_of_the_same_request_give_the_same_plan(team: str, flags: tuple[str, ...],
                                                            tmp_path: Path):
    request = EXAMPLE
    if team == "generated":  # six members, ten meetings, a third of their hours busy
        request = tmp_path / "team.json"
        request.write_text(json.dumps(generate_request(6, 10, 0.35, 1)))
    first, second = plan_json(request, 1, *flags), plan_json(request, 2, *flags)
    assert first["focus"] and first["meetings"] and first["status"] == "optimal"
    assert first == second
