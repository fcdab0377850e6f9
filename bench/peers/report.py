"""One row per set and time limit: each solver's result, scored alike, as Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from .scorer import Score, Scored

# The solvers `run` knows, in the order their columns appear.
LABELS = {"timefold": "Timefold (Python)", "java": "Timefold (Java)", "rhythm": "rhythm"}


@dataclass
class Side:
    """One solver's result on one set and limit, as the independent scorer sees it."""

    scored: Scored | None = None
    wall_seconds: float | None = None
    own_score: str | None = None  # what the solver itself reported (Timefold only)
    note: str = ""  # rhythm: plan statuses and calls
    error: str | None = None  # what stopped it; with no `scored`, it gave no answer
    # When it had an answer with no hard penalty: Java Timefold's first such best solution;
    # rhythm's planning time, when its (only) answer is hard-feasible. None: not feasible.
    feasible_seconds: float | None = None
    cpu_seconds: float | None = None

    @property
    def score(self) -> Score | None:
        return None if self.scored is None else self.scored.score

    @property
    def agrees(self) -> bool | None:
        """Whether the solver's own score equals ours (None: it reported none)."""
        if self.own_score is None or self.score is None:
            return None
        return Score.parse(self.own_score) == self.score


@dataclass
class Row:
    set_name: str
    meetings: int
    limit: float
    sides: dict[str, Side] = field(default_factory=dict)  # by solver, LABELS' keys

    @property
    def winner(self) -> str:
        """The solver with the best score (hard, then medium, then soft), or `tie`."""
        scored = {name: (s.hard, s.medium, s.soft) for name, side in self.sides.items()
                  if (s := side.score) is not None}
        if len(scored) < 2:
            return "-"
        best = max(scored.values())
        leaders = [LABELS[name] for name, key in scored.items() if key == best]
        return leaders[0] if len(leaders) == 1 else "tie (" + ", ".join(leaders) + ")"

    def failures(self) -> list[str]:
        """Each solver that gave no answer, or whose own score our scorer contradicts."""
        found = []
        for name, side in self.sides.items():
            where = f"{LABELS[name]} on {self.set_name} at {self.limit:g} s"
            if side.scored is None:
                found.append(f"{where}: no answer ({side.error or 'no message'})")
            elif side.agrees is False:
                found.append(f"{where}: its own score {side.own_score} differs from "
                             f"the scorer's {side.score}")
        return found


def _cells(side: Side, meetings: int) -> list[str]:
    if side.scored is None:
        return [f"no answer: {side.error}" if side.error else "not run", "", "", "", ""]
    s = side.scored
    wall = "" if side.wall_seconds is None else f"{side.wall_seconds:.0f}"
    feasible = "no" if side.feasible_seconds is None else f"{side.feasible_seconds:.1f}"
    return [str(s.score), str(s.hard_violations), f"{s.placed}/{meetings}", feasible, wall]


def table(rows: list[Row]) -> str:
    names = [name for name in LABELS if any(name in row.sides for row in rows)]
    head = ["set", "limit s"]
    for name in names:
        label = LABELS[name]
        head += [f"{label} score", "hard matches", "placed", "feasible by s", "wall s"]
    lines = ["| " + " | ".join([*head, "better"]) + " |",
             "|---|---:|" + "---|---:|---:|---:|---:|" * len(names) + "---|"]
    for row in rows:
        cells = [row.set_name, f"{row.limit:g}"]
        for name in names:
            cells += _cells(row.sides.get(name, Side()), row.meetings)
        lines.append("| " + " | ".join([*cells, row.winner]) + " |")
    return "\n".join(lines)


def agreement(rows: list[Row]) -> str:
    """Each Timefold run's own score next to the independent scorer's."""
    lines = ["| set | limit s | solver | its own score | scorer on its solution | equal |",
             "|---|---:|---|---|---|---|"]
    for row in rows:
        for name, side in row.sides.items():
            if side.scored is not None and side.own_score is not None:
                mark = {True: "yes", False: "**NO**", None: "-"}[side.agrees]
                lines.append(f"| {row.set_name} | {row.limit:g} | {LABELS[name]} | {side.own_score} "
                             f"| {side.score} | {mark} |")
    return "\n".join(lines)


def breakdown(rows: list[Row]) -> str:
    """Per constraint, penalty and matches of each side: where the scores come from."""
    out = []
    for row in rows:
        sides = [(LABELS[name], side.scored) for name, side in row.sides.items() if side.scored is not None]
        if not sides:
            continue
        out += [f"**{row.set_name}, {row.limit:g} s**", "",
                "| constraint | level | " + " | ".join(name for name, _ in sides) + " |",
                "|---|---|" + "---:|" * len(sides)]
        for i, rule in enumerate(sides[0][1].rules):
            cells = [f"{-s.rules[i].penalty} ({s.rules[i].matches})" for _, s in sides]
            out.append(f"| {rule.name} | {rule.level} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
