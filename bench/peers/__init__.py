"""Peer benchmark of issues 5 and 26.4: Timefold's meeting-scheduling sets, solved by Timefold
and by rhythm.

`timefold_format` reads and writes the sets, `to_request` and `mapping` turn a set into v1
requests and a plan back into grains, `scorer` scores any assignment by Timefold's 12 rules,
`timefold_java` solves a set with Timefold Solver in Java (`java/`, the yardstick),
`timefold_model` and `run_timefold` with Timefold's Python solver (in their own venv),
`run_rhythm` with `rhythm plan`, and `run` puts them side by side (`report`). README.md.
"""
