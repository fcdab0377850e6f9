"""The blueprints, one per area a person uses: sign-in (`auth`), the start page (`home`), teams,
members and meetings (what a manager sets), plans and their report, an employee's own week,
its sync and subscription (`calendars`), their data (`member_data`), API tokens, the
organisation page and the HTTP API (`api`). The helpers they share live one level up in `web/`.
"""
