"""Solve one Timefold set with Timefold's Python solver for a time limit; print the result as JSON.

    JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 /tmp/timefold-venv/bin/python \\
        -m bench.peers.run_timefold SET.json --time-limit 30 [--solved OUT.json]
    ... -m bench.peers.run_timefold SET.json --score ASSIGNMENT.json     # score only, no solving

Runs in its own venv (README.md). The solver configuration is Timefold's default, as in the
quickstart: first-fit construction, then late-acceptance local search with change and swap
moves, one thread (multi-threaded solving is not in the community edition), fixed seed.
The JSON line holds Timefold's own score (and per constraint, from its score analysis), the
assignment `{meeting id: [grain index, room id]}` and the times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timefold.solver import SolutionManager, SolverFactory
from timefold.solver.config import Duration, ScoreDirectorFactoryConfig, SolverConfig, TerminationConfig
from timefold.solver.score import ScoreAnalysis

from .timefold_constraints import define_constraints
from .timefold_format import Assignment, read_set, write
from .timefold_model import MeetingAssignment, MeetingSchedule, assignment_of, schedule_from_set


def solver_config(seconds: float) -> SolverConfig:
    return SolverConfig(
        solution_class=MeetingSchedule,
        entity_class_list=[MeetingAssignment],
        score_director_factory_config=ScoreDirectorFactoryConfig(constraint_provider_function=define_constraints),
        termination_config=TerminationConfig(spent_limit=Duration(milliseconds=round(seconds * 1000))),
    )


def solve(path: Path, seconds: float) -> dict[str, Any]:
    began = time.perf_counter()
    tf = read_set(path)
    problem = schedule_from_set(tf)
    factory = SolverFactory.create(solver_config(seconds))
    solver = factory.build_solver()
    # No best-solution listener: each event converts the whole solution back to Python,
    # which cost local search most of its moves on the 50-meeting set.
    solve_began = time.perf_counter()
    best = solver.solve(problem)
    solve_seconds = time.perf_counter() - solve_began
    analysis = SolutionManager.create(factory).analyze(best)
    return {
        "set": path.stem,
        "time_limit": seconds,
        "score": str(best.score),
        "constraints": _by_constraint(analysis),
        "assigned": sum(1 for a in best.assignments if a.starting_time_grain is not None and a.room),
        "assignment": {str(m): list(v) for m, v in sorted(assignment_of(best).items())},
        "solve_seconds": round(solve_seconds, 2),
        "wall_seconds": round(time.perf_counter() - began, 2),
        "solved_file": write(tf.with_assignment(assignment_of(best), str(best.score))),
    }


def score_only(path: Path, assignment: Assignment) -> dict[str, Any]:
    """Timefold's score of a given assignment (another solver's, a hand-made one): no solving."""
    tf = read_set(path)
    schedule = schedule_from_set(tf)
    grains = {g.grain_index: g for g in schedule.time_grains}
    rooms = {r.id: r for r in schedule.rooms}
    for entity in schedule.assignments:
        start, room = assignment.get(entity.meeting.id, (None, None))
        entity.starting_time_grain = None if start is None else grains[start]
        entity.room = None if room is None else rooms[room]
    analysis = SolutionManager.create(SolverFactory.create(solver_config(1))).analyze(schedule)
    return {"set": path.stem, "score": str(analysis.score), "constraints": _by_constraint(analysis)}


def _by_constraint(analysis: ScoreAnalysis) -> dict[str, str]:
    return {c.constraint_ref.constraint_name: str(c.score) for c in analysis.constraint_analyses}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peers.run_timefold",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("set", type=Path, help="a Timefold meeting-scheduling file")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds of solving (spent limit)")
    parser.add_argument("--solved", type=Path, help="also write the solved set here, in Timefold's format")
    parser.add_argument("--score", type=Path, metavar="ASSIGNMENT",
                        help='only score this assignment ({"assignment": {meeting: [grain, room]}})')
    args = parser.parse_args(argv)
    if args.score:
        raw = json.loads(args.score.read_text(encoding="utf-8"))["assignment"]
        result = score_only(args.set, {int(m): (start, room) for m, (start, room) in raw.items()})
    else:
        result = solve(args.set, args.time_limit)
        solved = result.pop("solved_file")
        if args.solved:
            args.solved.write_text(solved, encoding="utf-8")
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
