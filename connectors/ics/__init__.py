"""iCalendar in and out, one module a step.

Reading (`read.read_ics`): `scan` the structure and remember `lines`, parse, read the
calendar's own zones (`calendar_zones`) and run the `checks` on each event (`checked`, with
`zones`, `recurrence` and their shared `context`), `expand` the week, `events` says what each
occurrence means. Storing (`minimise`): the stored copy is rebuilt from that reading
(`stored_events`, `stored_zones`, `stored_values`) with a map to the file's lines (`origin`).
Writing: `export` a plan as one calendar per member (`export_events` its events,
`export_names` its UIDs and addresses), `series` for weekly rhythms.
"""
