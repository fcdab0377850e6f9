"""`rhythm login outlook`: sign in to Outlook so rhythm can read and write your calendar.

Microsoft's device-code sign-in: rhythm prints a web address and a code, you open the
address in any browser (on any device), enter the code and sign in; rhythm waits meanwhile.
Your tokens are then kept encrypted in rhythm's data folder, and `outlook:me` means you.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from connectors.outlook.auth import DeviceCode


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "login", help="sign in to Outlook so rhythm can read and write your calendar",
        description="Sign in to Outlook (Microsoft 365) with a code shown here; rhythm waits "
        "until you have signed in in a browser, then keeps your tokens encrypted.",
    )
    parser.add_argument("service", choices=["outlook"], help="the calendar service to sign in to")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: every other command starts without loading Microsoft's libraries.
    from connectors.outlook.auth import device_login
    from connectors.outlook.tokens import remember_default_user

    account = device_login(show_code)
    remember_default_user(account.email)
    print(f"Signed in to Outlook as {account.name} <{account.email}>: rhythm can now read and "
          f"write outlook:{account.email} (outlook:me).", flush=True)
    return 0


def show_code(code: DeviceCode) -> None:
    print(f"To sign in to Outlook, open {code.verification_uri} in a browser and enter the code "
          f"{code.user_code}", flush=True)
    print("Waiting for you to sign in...", flush=True)
