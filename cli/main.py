"""`rhythm`: the command line. Each subcommand lives in its own module and registers itself."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from scheduler.errors import RhythmError

from . import (
    busy_cmd,
    check_cmd,
    login_cmd,
    org_cmd,
    plan_cmd,
    report_cmd,
    serve_cmd,
    sync_cmd,
    token_cmd,
    user_cmd,
    worker_cmd,
)

COMMANDS = (plan_cmd, check_cmd, report_cmd, busy_cmd, login_cmd, sync_cmd, serve_cmd, token_cmd,
            user_cmd, worker_cmd, org_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rhythm", description="Plan a hybrid team's week: meetings, lunch, focus, office days."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log the solver's progress")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except RhythmError as error:
        print(f"rhythm {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
