"""One row per set and time limit: Timefold's result and rhythm's, scored alike, as Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from .scorer import Score, Scored


@dataclass
class Side:
    """One solver's result on one set and limit, as the independent scorer sees it."""

    scored: Scored | None = None
    wall_seconds: float | None = None
    own_score: str | None = None  # what the solver itself reported (Timefold only)
    note: str = ""  # rhythm: plan statuses and calls; either: the error that stopped it
    error: str | None = None

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
    timefold: Side
    rhythm: Side

    @property
    def winner(self) -> str:
        a, b = self.timefold.score, self.rhythm.score
        if a is None or b is None:
            return "-"
        key_a, key_b = (a.hard, a.medium, a.soft), (b.hard, b.medium, b.soft)
        return "rhythm" if key_b > key_a else "Timefold" if key_a > key_b else "tie"


def _cells(side: Side, meetings: int) -> list[str]:
    if side.scored is None:
        return [f"no answer: {side.error}" if side.error else "not run", "", "", ""]
    s = side.scored
    wall = "" if side.wall_seconds is None else f"{side.wall_seconds:.0f}"
    return [str(s.score), str(s.hard_violations), f"{s.placed}/{meetings}", wall]


def table(rows: list[Row]) -> str:
    lines = [
        "| set | limit s | Timefold score | TF hard matches | TF placed | TF wall s "
        "| rhythm score | rhythm hard matches | rhythm placed | rhythm wall s | better |",
        "|---|---:|---|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for row in rows:
        cells = [row.set_name, f"{row.limit:g}", *_cells(row.timefold, row.meetings),
                 *_cells(row.rhythm, row.meetings), row.winner]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def agreement(rows: list[Row]) -> str:
    """Timefold's own score next to the independent scorer's, for every Timefold run."""
    lines = ["| set | limit s | Timefold's own score | scorer on Timefold's solution | equal |",
             "|---|---:|---|---|---|"]
    for row in rows:
        side = row.timefold
        if side.scored is not None:
            mark = {True: "yes", False: "**NO**", None: "-"}[side.agrees]
            lines.append(f"| {row.set_name} | {row.limit:g} | {side.own_score} | {side.score} | {mark} |")
    return "\n".join(lines)


def breakdown(rows: list[Row]) -> str:
    """Per constraint, penalty and matches of each side: where the scores come from."""
    out = []
    for row in rows:
        sides = [(name, side.scored) for name, side in (("Timefold", row.timefold), ("rhythm", row.rhythm))
                 if side.scored is not None]
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
