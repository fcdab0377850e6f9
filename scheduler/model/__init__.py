"""The CP-SAT model of a planned week: what a rule is (`rule.py`, a record with its faces),
the week in team-local minutes, where each block could go at all, the decision variables,
the objective tiers, and the model composed from the rules a caller passes in (the rules
themselves live in `constraints`)."""
