"""Peer benchmark of issue 5: Timefold's meeting-scheduling sets, solved by Timefold and by rhythm.

`timefold_format` reads and writes the sets, `to_request` and `mapping` turn a set into v1
requests and a plan back into grains, `scorer` scores any assignment by Timefold's 12 rules,
`timefold_model` and `run_timefold` solve a set with Timefold (in their own venv),
`run_rhythm` with `rhythm plan`, and `run` puts both side by side (`report`). README.md.
"""
