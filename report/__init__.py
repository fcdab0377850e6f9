"""Pictures of the week: what a plan (or what happened) means for a team, in figures and charts.

`figures` counts from a plan and its request (core-ish: no drawing, no I/O); `actual`
compares a plan with the calendars read after the week; `charts` draws the figures with
matplotlib; `html` lays them out as one self-contained page. The CLI (`rhythm report`), the
web app and the tests all take their numbers from `figures` and `actual`.
"""
