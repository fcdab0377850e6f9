"""The whole organisation's week: teams planned together across buildings, on top of the core.

The core (`scheduler`) plans one team; this package reads an organisation request
(`request.py`), chooses each team's office weekdays against building desks and affinities
(`master.py`), solves the teams independently within those days (`teams.py`, in a process
pool or on Celery workers), pairs coffee dates across teams (`coffee.py`) and reports and
checks the organisation's rules (`summary.py`, `check.py`). The core never imports it.
"""
