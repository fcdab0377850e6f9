"""The organisation summary `rhythm org plan` prints names its days by weekday, in Dutch and in
English: never "11-30", which a Dutch reader takes for day 11 of month 30."""

from __future__ import annotations

import pytest

import i18n
from cli.org_cmd import render_summary

SUMMARY = {
    "organisation": "acme", "week": "2026-11-30", "teams": [{"team": "platform"}, {"team": "data"}],
    "buildings": [{"id": "utrecht", "desks": 40, "days": [
        {"date": "2026-11-30", "people": 31}, {"date": "2026-12-01", "people": 12}]}],
    "affinities": [{"shares": True}], "affinity_days": 2, "errors": [],
}


@pytest.mark.parametrize(("language", "title", "days", "desks"), [
    ("nl", "acme, week 49 (ma 30 nov 2026): 2 teams", "ma 30 nov   31  di 01 dec   12", "bureaus"),
    ("en", "acme, week 49 (Mon 30 Nov 2026): 2 teams", "Mon 30 Nov   31  Tue 01 Dec   12", "desks"),
])
def test_the_summary_names_weekdays_and_week_numbers(language, title, days, desks):
    with i18n.use(language):
        lines = render_summary(SUMMARY, {"round": True, "pairs": [1, 2], "left_out": []}).splitlines()
    assert lines[0] == title
    assert lines[1].split() == ["utrecht", desks, "40", *days.split()]
    assert "11-30" not in "\n".join(lines)
