"""Pictures of the week: what a plan (or what happened) means for a team, in figures and charts.

`counts` counts each figure of a member's week, once (no drawing, no I/O); `figures` gathers
them for the charts; `formatting` says how they read ("3 h 05"); `actual` compares a plan with
the calendars read after the week; `charts` draws the figures as SVG (with `svg/`, the writer
of the chart kinds; `draw` rasterises a chart's SVG to its PNG); `html` lays them out as one
self-contained page. The terminal table (`rhythm plan`), the report (`rhythm report`), the web
pages and the tests all take their numbers from `counts` and `actual`.
"""
