"""Rules on each member's own blocks: the protected lunch and focus time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from ..domain import Block, Focus, MissingBlock
from .check import Check
from .week import Span, day_label, inside, longest_gap, minutes, overlap, span_label

Kind = Literal["lunch", "focus"]


def protected_lunch(check: Check) -> Iterator[str]:
    """Every member has one lunch in the lunch window on each day they work, clear of meetings."""
    for member_id in check.members:
        for day in check.days:
            if check.works(member_id, day):
                yield from _lunch_day(check, member_id, day)
        yield from _lunch_on_days_off(check, member_id)
    yield from _strangers(check, "lunch", check.plan.lunches)


def _lunch_day(check: Check, member_id: str, day: date) -> Iterator[str]:
    rules = check.request.rules.lunch
    window = check.request.lunch_window(check.members[member_id], day)
    start, end = window.start, window.end
    length = timedelta(minutes=rules.minutes)
    lunches = [b for b in check.lunches_of(member_id) if check.day_of(b.start) == day]
    missing = [b for b in _missing(check, "lunch", member_id) if b.date == day]
    if len(lunches) > 1:
        yield f"{check.name(member_id)} has {len(lunches)} lunches on {day_label(day)}"
    if lunches and missing:
        yield f"{check.name(member_id)} has a lunch on {day_label(day)} and is also listed as having none"
    elif missing and longest_gap(start, end, check.busy(member_id)) >= length:
        # Only busy time excuses a missing lunch: meetings are the plan's to move.
        yield (f"{check.name(member_id)} has no lunch on {day_label(day)}, though the lunch window "
               f"{_window(check, member_id)} has a free {rules.minutes}-minute gap")
    elif not lunches and not missing:
        yield f"{check.name(member_id)} has no lunch on {day_label(day)}"
    for lunch in lunches:
        label = f"{check.name(member_id)}'s lunch on {check.when(lunch)}"
        if minutes(lunch) != rules.minutes:
            yield f"{label} lasts {minutes(lunch):g} minutes, not {rules.minutes}"
        if not inside(lunch, start, end):
            yield f"{label} is outside the lunch window {_window(check, member_id)}"
        yield from _clashes(check, member_id, lunch, label)


def _window(check: Check, member_id: str) -> str:
    """The lunch window in words, with the member's zone when it is not the team's."""
    rules, zone = check.request.rules.lunch, check.members[member_id].timezone
    own = f" {zone}" if zone != check.request.timezone else ""
    return f"{rules.start:%H:%M}-{rules.end:%H:%M}{own}"


def _lunch_on_days_off(check: Check, member_id: str) -> Iterator[str]:
    for lunch in check.lunches_of(member_id):
        reason = check.why_not_working(member_id, check.day_of(lunch.start))
        if reason:
            yield f"{check.name(member_id)}'s lunch on {check.when(lunch)}: {reason}"
    for item in _missing(check, "lunch", member_id):
        if item.date is None:
            yield f"{check.name(member_id)}'s unplaced lunch names no day"
            continue
        reason = check.why_not_working(member_id, item.date)
        if reason:
            yield f"{check.name(member_id)}'s unplaced lunch on {day_label(item.date)}: {reason}"
        if not item.reason.strip():
            yield f"{check.name(member_id)}'s unplaced lunch on {day_label(item.date)} gives no reason"


def focus_blocks(check: Check) -> Iterator[str]:
    """Each member has the focus blocks of every week, or says why not: long, in hours, clear."""
    focus = check.request.rules.focus
    if focus is None:
        yield from _focus_unasked(check)
        return
    for member_id in check.members:
        yield from _focus_count(check, member_id, focus)
        blocks = sorted(check.focus_of(member_id), key=lambda b: b.start)
        for i, block in enumerate(blocks):
            label = f"{check.name(member_id)}'s focus block on {check.when(block)}"
            yield from _focus_problems(check, member_id, block, focus, label)
            for other in blocks[i + 1:]:
                if overlap(block, other):
                    yield f"{label} overlaps another focus block {span_label(other, check.zone)}"
    yield from _strangers(check, "focus", check.plan.focus)


def _focus_count(check: Check, member_id: str, focus: Focus) -> Iterator[str]:
    missing = _missing(check, "focus", member_id)
    weeks = [check.week_of(check.day_of(b.start)) for b in check.focus_of(member_id)]
    # One week: every unplaced focus block is that week's, dated or not (the v1 plans).
    # Several: each is dated by the Monday of its week, and counts for that week only.
    missed = [check.weeks[0] if check.request.weeks == 1 else item.date and check.week_of(item.date)
              for item in missing]
    for monday in check.weeks:
        placed, listed = weeks.count(monday), missed.count(monday)
        if placed + listed != focus.blocks_per_week:
            when = "" if check.request.weeks == 1 else f" {check.in_week(monday)}"
            yield (f"{check.name(member_id)} has {placed} focus block(s) and {listed} listed as unplaced"
                   f"{when}; the rules ask for {focus.blocks_per_week} a week")
    if any(not item.reason.strip() for item in missing):
        yield f"{check.name(member_id)}'s unplaced focus block gives no reason"
    for dated in missed:
        if dated is None:
            yield f"{check.name(member_id)}'s unplaced focus block names no week (the Monday of its week)"
        elif dated not in check.weeks:
            yield f"{check.name(member_id)}'s unplaced focus block is dated outside the planned weeks"


def _focus_problems(
    check: Check, member_id: str, block: Block, focus: Focus, label: str
) -> Iterator[str]:
    if minutes(block) < focus.minutes:
        yield f"{label} lasts {minutes(block):g} minutes, less than {focus.minutes}"
    reason = check.why_not_working(member_id, check.day_of(block.start))
    if reason:
        yield f"{label}: {reason}"
    elif not check.in_working_hours(member_id, block):
        yield f"{label} is outside {check.hours_label(member_id)}"
    yield from _clashes(check, member_id, block, label)
    for lunch in check.lunches_of(member_id):
        if overlap(block, lunch):
            yield f"{label} overlaps {check.name(member_id)}'s lunch {span_label(lunch, check.zone)}"


def _focus_unasked(check: Check) -> Iterator[str]:
    for block in check.plan.focus:
        yield f"{check.name(block.member)}'s focus block on {check.when(block)}: the rules ask for no focus"
    for item in check.plan.unplaced_blocks:
        if item.kind == "focus":
            yield f"{check.name(item.member)} is listed without focus time, but the rules ask for none"


def _clashes(check: Check, member_id: str, block: Span, label: str) -> Iterator[str]:
    """The member's meetings (as a required attendee) and busy time overlapping `block`."""
    for meeting in check.meetings_of(member_id):
        if overlap(block, meeting):
            yield f"{label} overlaps {check.label(meeting)}"
    for busy in check.busy(member_id):
        if overlap(block, busy):
            yield f"{label} overlaps busy time {span_label(busy, check.zone)}"


def _missing(check: Check, kind: Kind, member_id: str) -> list[MissingBlock]:
    return [b for b in check.plan.unplaced_blocks if b.kind == kind and b.member == member_id]


def _strangers(check: Check, kind: Kind, blocks: tuple[Block, ...]) -> Iterator[str]:
    """Blocks and unplaced blocks for someone who is not on the team."""
    for block in blocks:
        if block.member not in check.members:
            who = f"'{block.member}', who is not a team member"
            yield f"a {kind} block on {check.when(block)} is for {who}"
    for item in check.plan.unplaced_blocks:
        if item.kind == kind and item.member not in check.members:
            yield f"an unplaced {kind} block is for '{item.member}', who is not a team member"
