"""Whose sign-in reads or writes the calendar at an `outlook:` address.

- `outlook:me`: the user who signed in last with `rhythm login outlook` (or
  RHYTHM_OUTLOOK_USER), in their own mailbox (`/me`).
- `outlook:ana@example.com` with Ana's own sign-in on this machine: her own mailbox (`/me`),
  which also lets rhythm read her hybrid work plan.
- otherwise, for reading only: the default user reads `/users/ana@example.com`, which works
  where Ana shared her calendar with them, and free/busy where she did not.
Writing always needs the calendar owner's own sign-in: rhythm never writes into someone
else's calendar with a colleague's token.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.errors import RhythmError

from .graph import GraphClient
from .settings import OutlookSettings
from .tokens import default_user, mailbox_name, store_for


@dataclass(frozen=True)
class Mailbox:
    address: str  # the calendar owner's address
    user: str  # whose sign-in reaches it
    own: bool  # the user's own mailbox

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
        user = _me()
        return Mailbox(user, user, own=True)
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


def connect(mailbox: Mailbox, settings: OutlookSettings, timezone: str = "UTC") -> GraphClient:
    store = store_for(mailbox.user)
    if store is None:
        raise RhythmError(f"{mailbox.user} has not signed in to Outlook here: run `rhythm login outlook`")
    return GraphClient(settings, store, mailbox.user, timezone=timezone)


def _me() -> str:
    user = default_user()
    if user is None:
        raise RhythmError("nobody has signed in to Outlook on this machine: "
                          "run `rhythm login outlook` (or set RHYTHM_OUTLOOK_USER)")
    return user
