"""The organisation summary `rhythm org plan` prints names its days by weekday and its week by
number, in Dutch and in English: never "11-30", which a Dutch reader takes for day 11 of month 30."""

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


@pytest.mark.parametrize(("language", "title", "days"), [
    ("nl", "acme, week 49 (ma 30 nov 2026): 2 teams in 1 gebouwen", ["ma 30 nov 31/40", "di 01 dec 12/40"]),
    ("en", "acme, week 49 (Mon 30 Nov 2026): 2 teams in 1 buildings",
     ["Mon 30 Nov 31/40", "Tue 01 Dec 12/40"]),
])
def test_the_summary_names_weekdays_and_week_numbers(language, title, days):
    with i18n.use(language):
        text = render_summary(SUMMARY)
    assert text.splitlines()[0] == title
    spaced = " ".join(text.split())
    assert all(day in spaced for day in days)
    assert "11-30" not in text
