"""`python -m bench.peers.model_size REQUEST.json`: the size of the CP-SAT model rhythm builds
for a request (variables, constraints, terms), which is what its build and presolve scale with."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ortools.sat.python.cp_model_helper import ConstraintProto

from constraints import RULES
from scheduler.model.build import build_model
from scheduler.model.week import Week
from scheduler.request import read_request

# The constraint kinds rhythm writes with literal or variable lists (intervals, no-overlap
# and max constraints are few and small).
KINDS = ("linear", "at_most_one", "exactly_one", "bool_and", "bool_or")


def terms(constraint: ConstraintProto) -> int:
    for kind in KINDS:
        if getattr(constraint, f"has_{kind}")():
            part = getattr(constraint, kind)
            return len(part.vars) if kind == "linear" else len(part.literals)
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    path = (sys.argv[1:] if argv is None else argv)[0]
    proto = build_model(Week(read_request(path), {}), RULES).model.proto
    print(f"{len(proto.variables)} variables, {len(proto.constraints)} constraints, "
          f"{sum(terms(c) for c in proto.constraints)} terms")


if __name__ == "__main__":
    main()
