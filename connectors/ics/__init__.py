"""iCalendar in and out, one module a step.

Reading (`read.read_ics`): `scan` the structure and remember `lines`, parse, `checks` on each
event (with `zones`, `recurrence` and their shared `context`), `expand` the week, `events`
says what each occurrence means. `minimise` reduces a calendar to planning facts before it is
stored. Writing: `export` a plan as one calendar per member, `series` for weekly rhythms.
"""
