"""`rhythm sync PLAN --member ID --to ADDRESS [--dry-run]`: put a member's week into a calendar.

ADDRESS is a calendar rhythm can write to: `caldav:https://...` or `outlook:me`,
`outlook:ana@example.com`. Only events rhythm wrote are created, moved or removed; running
it again changes nothing; a sync that stopped half way is finished by running it again.
The plan file may have been edited by hand, so it is read as strictly as `rhythm check`
reads it: a plan that is not a valid v1 plan is refused, naming the field.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from scheduler.errors import RhythmError

from .documents import read_plan

if TYPE_CHECKING:
    from connectors import CalendarSink
    from connectors.sync import Changes, DesiredEvent, WrittenEvent
    from scheduler.domain import Plan


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sync", help="write a member's planned week into their calendar",
        description="Create, move and remove the events of a member's planned week in their "
        "calendar. Events rhythm did not write are never changed.",
    )
    parser.add_argument("plan", help="the v1 plan JSON (from rhythm plan --out)")
    parser.add_argument("--member", required=True, metavar="ID", help="whose week to write")
    parser.add_argument("--to", required=True, metavar="ADDRESS",
                        help="caldav:https://host/path/ , outlook:me or outlook:EMAIL")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from connectors.sync import sync  # the calendar writers load for this command only

    plan = read_plan(args.plan)
    check_member(plan, args.member)
    sink = Counting(_opened(args.to, args.member))
    try:
        changes = sync(sink, plan, args.member, dry_run=args.dry_run)
    except RhythmError as error:
        if not sink.done:
            raise
        # Every change so far is whole, and the next run picks up where this one stopped.
        raise RhythmError(f"{error}\nThe sync stopped after {sink.done} change(s); run the same "
                          "command again to finish it.") from error
    print(header(args, plan, changes))
    print("\n".join(changes.describe()))
    return 0




def check_member(plan: Plan, member_id: str) -> None:
    """The member must be someone the plan is about: listed, or with a block in it."""
    known = {p.id for p in plan.members} | set(plan.office_days)
    known |= {b.member for b in (*plan.lunches, *plan.focus)}
    known |= {a for m in plan.meetings for a in (*m.attendees, *m.optional)}
    if member_id not in known:
        listed = ", ".join(sorted(known)) or "nobody"
        raise RhythmError(f"--member {member_id}: not in the plan of {plan.team} "
                          f"for the week of {plan.week.isoformat()} (members: {listed})")


def header(args: argparse.Namespace, plan: Plan, changes: Changes) -> str:
    if args.dry_run:
        return "dry run: nothing was changed"
    done = "nothing to change" if changes.empty else "synced"
    return f"{args.member}'s week of {plan.week.isoformat()} in {args.to}: {done}"


def open_sink(address: str, member_id: str) -> CalendarSink:
    from connectors.sync.sinks import open_sink as opened

    return opened(address, member_id)


def _opened(address: str, member_id: str) -> CalendarSink:
    from connectors.sync.sinks import SINK_MODULES

    try:
        return open_sink(address, member_id)
    except ModuleNotFoundError as error:
        # A connector that is not part of this installation: say so rather than crash.
        if error.name not in SINK_MODULES.values():
            raise
        scheme = address.partition(":")[0]
        raise RhythmError(f"--to {address}: rhythm cannot write to {scheme}: calendars in this "
                          "installation (the connector is missing)") from error


class Counting:
    """The sink, counting the changes made: what a failed sync reports it got done."""

    def __init__(self, sink: CalendarSink) -> None:
        self.sink = sink
        self.done = 0

    def written(self, start: datetime, end: datetime, prefix: str) -> list[WrittenEvent]:
        return self.sink.written(start, end, prefix)

    def create(self, event: DesiredEvent) -> None:
        self.sink.create(event)
        self.done += 1

    def update(self, old: WrittenEvent, event: DesiredEvent) -> None:
        self.sink.update(old, event)
        self.done += 1

    def delete(self, old: WrittenEvent) -> None:
        self.sink.delete(old)
        self.done += 1
