"""What the service stores, every table in one place to import from: accounts and how they
sign in (`accounts.py`), teams with their members, meetings, pins and cycle (`teams.py`), plan
jobs, stored plans and what planning keeps (`planning.py`), the hashed tokens and the CalDAV
grants (`access.py`), organisations with their planned weeks and coffee dates
(`organisations.py`), and the data work migrations leave (`pending.py`).

Importing this module registers every table with `Base.metadata` (Alembic compares against
it, `migrations/env.py`), so the tables' modules are imported here, and callers import the
tables from here.

Times are naive UTC (`utcnow`): SQLite keeps no offsets, so one convention for both databases.
"""

from __future__ import annotations

from .access import ApiToken, CalDavGrant, CalendarToken
from .accounts import MicrosoftIdentity, OneTimeLink, User
from .base import Base, utcnow
from .organisations import CoffeePair, Organisation, OrgWeek
from .pending import PendingTask
from .planning import CalendarSnapshot, CycleRun, Job, SolveEvent, StoredPlan
from .teams import Meeting, Member, Pin, Team, TeamCycle

__all__ = [
    "ApiToken", "Base", "CalDavGrant", "CalendarSnapshot", "CalendarToken", "CoffeePair", "CycleRun",
    "Job", "Meeting", "Member", "MicrosoftIdentity", "OneTimeLink", "OrgWeek", "Organisation",
    "PendingTask", "Pin", "SolveEvent", "StoredPlan", "Team", "TeamCycle", "User", "utcnow",
]
