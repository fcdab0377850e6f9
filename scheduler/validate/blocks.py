"""Rules on each member's own blocks: the protected lunch and focus time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Literal

from i18n import gettext

from ..domain import Block, Focus, MissingBlock
from .check import Check
from .week import Span, day_label, inside, longest_gap, minutes, overlap, span_label

Kind = Literal["lunch", "focus"]
# A block as messages name it, worked out only for a message: the date in words is the
# slow part of checking a valid plan.
Label = Callable[[], str]


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
        yield gettext("%(name)s has %(count)s lunches on %(day)s", name=check.name(member_id),
                      count=len(lunches), day=day_label(day))
    if lunches and missing:
        yield gettext("%(name)s has a lunch on %(day)s and is also listed as having none",
                      name=check.name(member_id), day=day_label(day))
    elif missing and longest_gap(start, end, check.busy(member_id)) >= length:
        # Only busy time excuses a missing lunch: meetings are the plan's to move.
        yield (gettext("%(name)s has no lunch on %(day)s, though the lunch window %(window)s has a free "
                       "%(minutes)s-minute gap", name=check.name(member_id), day=day_label(day),
                       window=_window(check, member_id), minutes=rules.minutes))
    elif not lunches and not missing:
        yield gettext("%(name)s has no lunch on %(day)s", name=check.name(member_id), day=day_label(day))
    for lunch in lunches:
        label = _label(check, member_id, "lunch", lunch)
        if minutes(lunch) != rules.minutes:
            yield gettext("%(label)s lasts %(minutes)s minutes, not %(minutes2)s", label=label(),
                          minutes=format(minutes(lunch), "g"), minutes2=rules.minutes)
        if not inside(lunch, start, end):
            yield gettext("%(label)s is outside the lunch window %(window)s", label=label(),
                          window=_window(check, member_id))
        yield from _clashes(check, member_id, lunch, label)


def _label(check: Check, member_id: str, what: str, block: Block) -> Label:
    return lambda: f"{check.name(member_id)}'s {what} on {check.when(block)}"


def _window(check: Check, member_id: str) -> str:
    """The lunch window in words, with the member's zone when it is not the team's."""
    rules, zone = check.request.rules.lunch, check.members[member_id].timezone
    own = f" {zone}" if zone != check.request.timezone else ""
    return gettext("%(start)s-%(end)s%(own)s", start=format(rules.start, "%H:%M"),
                   end=format(rules.end, "%H:%M"), own=own)


def _lunch_on_days_off(check: Check, member_id: str) -> Iterator[str]:
    for lunch in check.lunches_of(member_id):
        reason = check.why_not_working(member_id, check.day_of(lunch.start))
        if reason:
            yield gettext("%(name)s's lunch on %(when)s: %(reason)s", name=check.name(member_id),
                          when=check.when(lunch), reason=reason)
    for item in _missing(check, "lunch", member_id):
        if item.date is None:
            yield gettext("%(name)s's unplaced lunch names no day", name=check.name(member_id))
            continue
        reason = check.why_not_working(member_id, item.date)
        if reason:
            yield gettext("%(name)s's unplaced lunch on %(day)s: %(reason)s", name=check.name(member_id),
                          day=day_label(item.date), reason=reason)
        if not item.reason.strip():
            yield gettext("%(name)s's unplaced lunch on %(day)s gives no reason",
                          name=check.name(member_id), day=day_label(item.date))


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
            label = _label(check, member_id, "focus block", block)
            yield from _focus_problems(check, member_id, block, focus, label)
            for other in blocks[i + 1:]:
                if overlap(block, other):
                    yield gettext("%(label)s overlaps another focus block %(span)s", label=label(),
                                  span=span_label(other, check.zone))
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
            yield (gettext("%(name)s has %(placed)s focus block(s) and %(listed)s listed as "
                           "unplaced%(when)s; the rules ask for %(blocks_per_week)s a week",
                           name=check.name(member_id), placed=placed, listed=listed, when=when,
                           blocks_per_week=focus.blocks_per_week))
    if any(not item.reason.strip() for item in missing):
        yield gettext("%(name)s's unplaced focus block gives no reason", name=check.name(member_id))
    for dated in missed:
        if dated is None:
            yield gettext("%(name)s's unplaced focus block names no week (the Monday of its week)",
                          name=check.name(member_id))
        elif dated not in check.weeks:
            yield gettext("%(name)s's unplaced focus block is dated outside the planned weeks",
                          name=check.name(member_id))


def _focus_problems(
    check: Check, member_id: str, block: Block, focus: Focus, label: Label
) -> Iterator[str]:
    if minutes(block) < focus.minutes:
        yield gettext("%(label)s lasts %(minutes)s minutes, less than %(minutes2)s", label=label(),
                      minutes=format(minutes(block), "g"), minutes2=focus.minutes)
    reason = check.why_not_working(member_id, check.day_of(block.start))
    if reason:
        yield gettext("%(label)s: %(reason)s", label=label(), reason=reason)
    elif not check.in_working_hours(member_id, block):
        yield gettext("%(label)s is outside %(hours_label)s", label=label(),
                      hours_label=check.hours_label(member_id))
    yield from _clashes(check, member_id, block, label)
    for lunch in check.lunches_of(member_id):
        if overlap(block, lunch):
            yield gettext("%(label)s overlaps %(name)s's lunch %(span)s", label=label(),
                          name=check.name(member_id), span=span_label(lunch, check.zone))


def _focus_unasked(check: Check) -> Iterator[str]:
    for block in check.plan.focus:
        yield gettext("%(name)s's focus block on %(when)s: the rules ask for no focus",
                      name=check.name(block.member), when=check.when(block))
    for item in check.plan.unplaced_blocks:
        if item.kind == "focus":
            yield gettext("%(name)s is listed without focus time, but the rules ask for none",
                          name=check.name(item.member))


def _clashes(check: Check, member_id: str, block: Span, label: Label) -> Iterator[str]:
    """The member's meetings (as a required attendee) and busy time overlapping `block`."""
    for meeting in check.meetings_of(member_id):
        if overlap(block, meeting):
            yield gettext("%(label)s overlaps %(meeting)s", label=label(), meeting=check.label(meeting))
    for busy in check.busy(member_id):
        if overlap(block, busy):
            yield gettext("%(label)s overlaps busy time %(span)s", label=label(),
                          span=span_label(busy, check.zone))


def _missing(check: Check, kind: Kind, member_id: str) -> list[MissingBlock]:
    return list(check.unplaced_blocks_of.get((kind, member_id), ()))


def _strangers(check: Check, kind: Kind, blocks: tuple[Block, ...]) -> Iterator[str]:
    """Blocks and unplaced blocks for someone who is not on the team."""
    for block in blocks:
        if block.member not in check.members:
            who = f"'{block.member}', who is not a team member"
            yield gettext("a %(kind)s block on %(when)s is for %(who)s", kind=kind, when=check.when(block),
                          who=who)
    for item in check.plan.unplaced_blocks:
        if item.kind == kind and item.member not in check.members:
            yield gettext("an unplaced %(kind)s block is for '%(member)s', who is not a team member",
                          kind=kind, member=item.member)
