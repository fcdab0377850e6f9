"""The master problem: each team's office weekdays, chosen for the whole organisation at once.

Two grains in one model. A team whose whole presence fits its building and its own
`office_capacity` gets whole days (`office[team,day]`): few variables, which is what keeps
ten thousand people tractable, and everyone who comes that day meets everyone. A team whose
capacity is below its size, or which is bigger than its building's desks, is planned per
person (`at[person,day]`), as is everyone in two teams: each gets their min..max office days
(office.always and calendar-stated days fixed), the team's capacity and the building's desks
hold every day, and the team keeps together by using as few days as it can (`used[team,day]`),
so a team too big for its building comes in groups on different days. Should whole days not
fit at all, every team is planned per person; only when that fails too is the organisation
refused, with the counts of `refusal.why_not`.

Stages (the shared `solve_lexicographic`): first the people the coffee round can pair
(`coffee.py`: on each building-day a matching between teams); then every team shares an
office day with another team in its building and affinity pairs share days; then each team's
own time together. A building whose whole team-days pair fewer than 95% of the people any
plan could is planned once more per person, where a team can come in groups mixed with the
others, and that plan is kept if it pairs more.
"""

from .hints import hint_people
from .plan import MasterInfeasible, MasterPlan, MasterTimeout, merged
from .rules import (
    Presence,
    buddies_on,
    building_desks,
    newcomers_with_buddies,
    person_days,
    split_team_days,
    whole_days,
)
from .soft import SHARING, affinity_pairs_share_a_day, same_building, teams_share_a_day, time_together
from .solve import LARGE, choose_office_days, office_days_by_building, per_person_teams

__all__ = [
    "LARGE",
    "SHARING",
    "MasterInfeasible",
    "MasterPlan",
    "MasterTimeout",
    "Presence",
    "affinity_pairs_share_a_day",
    "buddies_on",
    "building_desks",
    "choose_office_days",
    "hint_people",
    "merged",
    "newcomers_with_buddies",
    "office_days_by_building",
    "per_person_teams",
    "person_days",
    "same_building",
    "split_team_days",
    "teams_share_a_day",
    "time_together",
    "whole_days",
]
