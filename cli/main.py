"""`rhythm`: the command line. Each subcommand lives in its own module and registers itself."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from scheduler.errors import RhythmError

from . import (
    busy_cmd,
    caldav_cmd,
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
            user_cmd, caldav_cmd, worker_cmd, org_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rhythm", description="Plan a hybrid team's week: meetings, lunch, focus, office days."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log the solver's progress")
    parser.add_argument("--version", action=ShowVersion)
    parser.add_argument("--lang", type=language, default=None, help=LANG_HELP)
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    _lang_after(sub)  # `rhythm plan --lang nl` as well as `rhythm --lang nl plan`
    return parser


def _lang_after(sub: argparse._SubParsersAction) -> None:
    """--lang on every subcommand, theirs too (`rhythm org check --lang nl`)."""
    for subparser in sub.choices.values():
        subparser.add_argument("--lang", type=language, default=argparse.SUPPRESS, help=LANG_HELP)
        for action in subparser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _lang_after(action)


LANG_HELP = "the language of what rhythm prints and writes: en or nl (default: the locale, LANG)"


def _asked_language(argv: Sequence[str]) -> str | None:
    """The `--lang` of a command line not parsed yet (`--lang nl` or `--lang=nl`)."""
    import i18n

    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            return i18n.supported(word.partition("=")[2])
        if word == "--lang" and i + 1 < len(argv):
            return i18n.supported(argv[i + 1])
    return None


def language(text: str) -> str:
    """`--lang`: one of the catalogues' languages."""
    import i18n

    if found := i18n.supported(text):
        return found
    raise argparse.ArgumentTypeError(f"{text!r} is not a language rhythm speaks "
                                     f"({', '.join(i18n.LANGUAGES)})")


class ShowVersion(argparse.Action):
    """`--version`: the version is looked up when asked for, not each time the parser is built
    (importlib.metadata took a tenth of `rhythm --help`'s start)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the installed version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"rhythm {installed_version()}")  # on standard output, as argparse's own action
        parser.exit()


def installed_version() -> str:
    """The version pip installed (pyproject.toml's), so it cannot drift from a copy in the code."""
    from importlib import metadata

    try:
        return metadata.version("rhythm")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    import i18n

    # Before parsing: argparse's refusals of a bad option speak the language asked for too.
    i18n.set_language(_asked_language(sys.argv[1:] if argv is None else argv) or i18n.from_environment())
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except RhythmError as error:
        command = " ".join(filter(None, (args.command, getattr(args, "org_command", None))))
        print(f"rhythm {command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
