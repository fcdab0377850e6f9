"""A three-member week whose figures the tests count by hand.

    ana  office Mon Tue   sync Mon 10:00-10:25, review Mon 10:30-11:25, 1:1 Tue 14:00-14:25
    bram office Tue Thu   sync, review, ops Mon 11:35-12:00
    cas  office Fri       sync, ops, 1:1
Everyone works 09:00-17:00 and lunches 12:00-12:30 every day; ana has one focus block,
Thursday 09:00-11:00.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.domain import Plan, TeamRequest
from tests import factories as f

SYNC = f.meeting("sync", ["ana", "bram", "cas"], title="Team sync")
REVIEW = f.meeting("review", ["ana", "bram"], minutes=55, title="Review")
OPS = f.meeting("ops", ["bram", "cas"], title="Ops")
ONE_ON_ONE = f.meeting("one", ["ana", "cas"], title="1:1 Ana / Cas")


def three_request(**rules: object) -> TeamRequest:
    members = [f.member("ana"), f.member("bram"), f.member("cas")]
    return f.request(members, [SYNC, REVIEW, OPS, ONE_ON_ONE], replace(f.DEFAULT_RULES, **rules))


def three_plan(asked: TeamRequest) -> Plan:
    meetings = [f.placed(SYNC, 1, "mon", "10:00"), f.placed(REVIEW, 1, "mon", "10:30"),
                replace(f.placed(OPS, 1, "mon", "10:00"), start=f.at("mon", "11:35"),
                        end=f.at("mon", "12:00")),
                f.placed(ONE_ON_ONE, 1, "tue", "14:00")]
    office = {"ana": ("mon", "tue"), "bram": ("tue", "thu"), "cas": ("fri",)}
    return f.plan(asked, meetings, office=office, focus=[f.focus("ana", "thu", "09:00")])
