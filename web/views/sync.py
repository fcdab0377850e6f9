"""Sync to Outlook: a dry run first (what would change), then apply, with the person's own
Microsoft sign-in. A sync that fails half way is finished by running it again (see
connectors.sync); the stored plan is never touched."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_babel import gettext as _

import i18n
from connectors.outlook.access import own_mailbox
from connectors.outlook.push import open_sink
from connectors.sync import sync
from scheduler.errors import RhythmError
from store.models import Member

from .. import microsoft
from ..clock import picked_week
from ..db import get_db
from ..forms.plan import EmptyForm
from ..security import own_member
from ..stored import week_plan

bp = Blueprint("sync", __name__, url_prefix="/me/<int:member_id>/sync")


@bp.get("")
@own_member
def preview(member: Member) -> str:
    """What syncing would create, update and delete in my Outlook calendar."""
    return _run(member, dry_run=True)


@bp.post("")
@own_member
def apply(member: Member) -> str | tuple[str, int]:
    """Write my week into Outlook."""
    if not EmptyForm().validate_on_submit():
        return render_template("errors/400.html", reason=_("The form expired; go back and try again.")), 400
    return _run(member, dry_run=False)


def _run(member: Member, *, dry_run: bool) -> str:
    week, _today = picked_week(request.args.get("week"), member.team.timezone)  # this week by default
    found = week_plan(get_db(), member.team_id, week)
    problem, lines, connect = None, [], False
    if found is None or member.key not in {m.id for m in found[2].members}:
        problem = _("Your team has no plan of this week with you in it: there is nothing to sync.")
    elif (identity := microsoft.identity_of(g.user)) is None:
        problem, connect = _("Outlook isn't connected. Connect your Microsoft account (on your account page) "
                             "to let rhythm write your week into your own calendar."), True
        if not microsoft.available():
            problem += " " + _("This server has no Microsoft sign-in set up (RHYTHM_CLIENT_ID, "
                               "RHYTHM_TENANT_ID).")
    else:
        try:
            # The owner's own sign-in, kept by its tenant and object ids; never "me" (the
            # machine's default Outlook user) and never a file named after an address.
            cache = microsoft.token_cache(identity)
            assert cache is not None
            mailbox = own_mailbox(identity.mailbox, cache)
            sink = open_sink(f"outlook:{identity.mailbox}", member.key, mailbox)
            with i18n.use(member.team.language):  # the blocks' titles: the team's language
                done = sync(sink, found[1], member.key, dry_run=dry_run)
            lines = done.describe()
        except RhythmError as error:
            problem = _("The sync did not finish: %(error)s", error=error)
    return render_template("week/sync.html", member=member, problem=problem, lines=lines,
                           applied=not dry_run and problem is None, microsoft=microsoft.available(),
                           connect=connect)
