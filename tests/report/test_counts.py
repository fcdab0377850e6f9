"""Each figure counted once (report/counts.py), as the table, the web pages and the report show
it: days off left out, busy time from the plan itself, durations as hours and minutes."""

from __future__ import annotations

from dataclasses import replace

from report.charts_week import week_grid
from report.counts import calendars_of, member_week, missing_blocks
from report.figures import figures_of
from report.formatting import duration
from report.frame import frame_of
from report.summary import focus_trade
from tests import factories as f

from .week import ONE_ON_ONE, three_plan, three_request


def test_a_day_off_is_a_day_off_in_the_figures() -> None:
    asked = three_request()
    planned = three_plan(asked)
    # bram off on Friday; a plan that still says "no lunch" there, as an older one might.
    stated = replace(planned, days_off={"bram": (f.day("fri"),)}, busy={},
                     unplaced_blocks=(f.missing_lunch("bram", "fri"),),
                     lunches=tuple(b for b in planned.lunches
                                   if not (b.member == "bram" and b.start.date() == f.day("fri"))))
    calendars = calendars_of(stated, asked)
    bram = member_week(stated, frame_of(stated, asked), "bram", calendars)
    # Mon 270 + Tue-Thu 450 each: Friday's eight free hours are no focus time.
    assert (bram.focus_minutes, bram.days_off, bram.office_days) == (270 + 3 * 450, 1, 2)
    assert missing_blocks(stated, calendars) == ()  # no "no lunch" line on a day off


def test_focus_time_leaves_out_the_busy_time_the_plan_states() -> None:
    # What the web page counts: a stored plan and its request, no calendar read again.
    asked = three_request()
    stated = replace(three_plan(asked), days_off={}, busy={"cas": (f.interval("wed", "13:00", "14:00"),)})
    cas = next(m for m in figures_of(stated, asked).members if m.member == "cas")
    # Wednesday 12:30-13:00 is 30 minutes, no focus; 14:00-17:00 still counts.
    assert cas.focus_minutes == 1955 - 90


def test_an_older_plan_counts_days_off_and_busy_time_from_the_calendars() -> None:
    asked = three_request()
    facts = {"cas": f.calendar([f.interval("wed", "13:00", "14:00")], off=["thu"])}
    older = three_plan(asked)
    assert older.days_off is None
    stated = replace(older, days_off={"cas": (f.day("thu"),)},
                     busy={"cas": (f.interval("wed", "13:00", "14:00"),)})
    assert figures_of(older, asked, facts=facts).members == figures_of(stated, asked).members
    # What the plan states wins over calendars read later.
    assert figures_of(stated, asked, facts={}).members == figures_of(stated, asked).members


def test_hours_are_shown_as_hours_and_minutes() -> None:
    assert [duration(m) for m in (185, 45, 0, 10081, 59.6)] == ["3 h 05", "0 h 45", "0 h 00", "168 h 01",
                                                                "1 h 00"]


def test_the_report_grid_shows_a_day_off() -> None:
    asked = three_request()
    stated = replace(three_plan(asked), days_off={"bram": (f.day("fri"),)}, busy={})
    figures = figures_of(stated, asked)
    friday = figures.grid[1][4]
    assert friday.off and not friday.office and friday.blocks == ()
    chart = week_grid(figures)
    assert chart.rows[1][5] == "day off"
    assert ">day off<" in chart.svg.replace("\n", "")


def test_the_report_says_what_the_plan_traded_focus_for() -> None:
    asked = three_request()
    planned = three_plan(asked)
    # By hand: ana and cas's 1:1 first thing on Tuesday, not at 14:00 in the middle of the afternoon.
    early = tuple(f.placed(ONE_ON_ONE, 1, "tue", "09:00") if m.request == "one" else m
                  for m in planned.meetings)
    theirs = figures_of(replace(planned, meetings=early), asked, label="by hand")
    sentence = focus_trade(figures_of(planned, asked), theirs)
    # Tuesday 09:25-12:00 and 12:30-17:00 (425) against 09:00-12:00 and 14:25-17:00 (335), each.
    assert sentence == ("Ana and Cas have 3 h 00 less focus time here than by hand, with no more meetings "
                        "placed and no more time together at the office in exchange.")
    assert focus_trade(theirs, figures_of(planned, asked)) is None  # more focus: nothing to say
    # Everyone in on Monday and Tuesday: 6 office pair days against 1.
    together = replace(planned, office_days={m: (f.day("mon"), f.day("tue")) for m in ("ana", "bram", "cas")})
    assert focus_trade(figures_of(together, asked), theirs) == (
        "Ana and Cas have 3 h 00 less focus time here than by hand: this plan ranks placing meetings and "
        "the team's time together at the office above free time, and has 5 more office pair days "
        "(6 against 1) for it.")
