"""Benchmark of issue 2: generated teams, rhythm's plan next to a by-hand baseline.

`generate` makes realistic v1 requests, `baseline` plans a week the way teams do by hand,
`trial` solves one request in its own process (so peak memory is per run), `run` prints
the tables for `RESULTS.md`, and `model_size` looks inside the CP-SAT model.
"""
