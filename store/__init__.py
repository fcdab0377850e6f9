"""What rhythm keeps: the tables (`models.py`, which imports
them from their modules: `accounts.py`, `teams.py`, `planning.py`, `access.py`,
`organisations.py`, `pending.py`), the engine and its Alembic migrations
(`engine.py`, `migrations/`), files written whole or not at all (`files.py`), and secrets at
rest, always encrypted (`secrets.py`). Below the connectors, the organisation layer, the web
app and the command line, which all store through it; it imports only the core.
"""
