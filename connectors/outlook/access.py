"""Whose sign-in reads or writes the calendar at an `outlook:` address.

- `outlook:me`: the user who signed in last with `rhythm login outlook` (or
  RHYTHM_OUTLOOK_USER), in their own mailbox (`/me`).
- `outlook:ana@example.com` with Ana's own sign-in on this machine: her own mailbox (`/me`),
  which also lets rhythm read her hybrid work plan.
- otherwise, for reading only: the default user reads `/users/ana@example.com`, which works
  where Ana shared her calendar with them, and free/busy where she did not.
Writing always needs the calendar owner's own sign-in: rhythm never writes into someone
else's calendar with a colleague's token. The web app decides whose sign-in reads a team's
`outlook:` addresses itself and gives the mailbox with its token cache (`own_mailbox`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scheduler.errors import RhythmError

from .graph import GraphClient
from .settings import OutlookSettings
from .tokens import default_user, load_store, mailbox_name, store_for, token_path


@dataclass(frozen=True)
class Mailbox:
    address: str  # the calendar owner's address
    user: str  # whose sign-in reaches it
    own: bool  # the user's own mailbox
    cache: Path | None = None  # that sign-in's token cache; None: the user's file by address

    @property
    def resource(self) -> str:
        """The Graph path of the mailbox, as the signed-in user sees it."""
        return "me" if self.own else f"users/{self.address}"


def parse_address(ref: str) -> str:
    """`outlook:ana@example.com` -> `ana@example.com`; `outlook:me` -> `me`."""
    scheme, _, rest = ref.partition(":")
    rest = rest.strip()
    if scheme.lower() != "outlook" or not rest:
        raise RhythmError("an Outlook calendar is outlook:me or outlook:<email address>")
    return "me" if rest.lower() == "me" else mailbox_name(rest)


def mailbox_to_read(ref: str) -> Mailbox:
    address = parse_address(ref)
    if address == "me":
        me = _me()
        return Mailbox(me, me, own=True)
    if store_for(address) is not None:
        return Mailbox(address, address, own=True)
    user = default_user()
    if user is None:
        raise RhythmError(f"nobody who can read this calendar is signed in here: {address} "
                          "(or a colleague it is shared with) runs `rhythm login outlook`")
    return Mailbox(address, user, own=address == user)


def mailbox_to_write(ref: str) -> Mailbox:
    address = parse_address(ref)
    user = _me() if address == "me" else address
    if store_for(user) is None:
        raise RhythmError("rhythm writes into a calendar only with its owner's own sign-in; "
                          f"{user} runs `rhythm login outlook` first")
    return Mailbox(user, user, own=True)


def own_mailbox(address: str, cache: Path) -> Mailbox:
    """A mailbox read and written with its owner's sign-in kept at `cache` (the web app's)."""
    return Mailbox(address, address, own=True, cache=cache)


def connect(mailbox: Mailbox, settings: OutlookSettings, timezone: str = "UTC") -> GraphClient:
    store = load_store(mailbox.cache or token_path(mailbox.user))
    if store is None and mailbox.cache is not None:
        raise RhythmError(f"the Microsoft sign-in of {mailbox.address} is no longer kept here: "
                          "they sign in with Microsoft again")
    if store is None:
        raise RhythmError(f"{mailbox.user} has not signed in to Outlook here: run `rhythm login outlook`")
    return GraphClient(settings, store, mailbox.user, timezone=timezone)


def _me() -> str:
    user = default_user()
    if user is None:
        raise RhythmError("nobody has signed in to Outlook on this machine: "
                          "run `rhythm login outlook` (or set RHYTHM_OUTLOOK_USER)")
    return user
