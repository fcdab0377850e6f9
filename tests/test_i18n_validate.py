"""`rhythm check` in Dutch: the validator's messages come from the catalogue, with days the
Dutch way (`do 3 dec`) and 24-hour times; the rule's name (the contract's) stays as it is."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import i18n
from tests.factories import placed, plan
from tests.test_validate import BASE, SYNC, check, meetings


def test_a_meeting_of_another_length_reads_in_dutch() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    longer = replace(sync2, end=sync2.end + timedelta(minutes=5))
    with i18n.use("nl"):
        violations = check(plan(BASE, meetings(sync2=longer)))
    assert [v.rule for v in violations] == ["meeting_length"]
    assert violations[0].message == ("sync#2 (Team sync) op do 3 dec 10:00-10:30: duurt 30 minuten, "
                                     "niet de gevraagde 25")


def test_the_same_meeting_reads_in_english_by_default() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    longer = replace(sync2, end=sync2.end + timedelta(minutes=5))
    message = check(plan(BASE, meetings(sync2=longer)))[0].message
    assert message == "sync#2 (Team sync) on Thu 3 Dec 10:00-10:30: lasts 30 minutes, not the 25 requested"
