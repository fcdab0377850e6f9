"""A team's members: add, edit, remove. Each change is checked as the whole team's request."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf.file import FileStorage
from werkzeug.wrappers import Response

from connectors.ics.minimise import read_and_minimise
from scheduler.domain import CalendarFacts
from scheduler.errors import RhythmError
from store.models import Member, Team

from ..caldav_access import caldav_problems, team_collections
from ..confirm import delete_confirmed
from ..db import get_db
from ..feed_policy import address_problems
from ..forms import all_checked, apply_problems, derived_key, has_errors
from ..forms.member import MEMBER_FIELDS, MemberForm
from ..linking import unlink
from ..outlook_access import outlook_problems, team_mailboxes
from ..security import in_team, team_manager
from ..solve_process import run_bounded
from ..stored import calendar_warnings
from ..team_request import member_json, next_monday, problems_of, replaced, team_request

bp = Blueprint("members", __name__, url_prefix="/teams/<int:team_id>/members")


@bp.route("/new", methods=["GET", "POST"])
@team_manager
def create(team: Team) -> str | Response:
    """Add a member."""
    return _member_page(team, None)


@bp.route("/<int:member_id>", methods=["GET", "POST"])
@team_manager
def edit(team: Team, member_id: int) -> str | Response:
    """Change a member (their id stays: plans and meetings name them by it)."""
    return _member_page(team, in_team(team, Member, member_id))


def _member_page(team: Team, member: Member | None) -> str | Response:
    """The one form for a new member and an existing one: stored only once the whole
    team's request still holds."""
    form = MemberForm()
    if member is None and form.is_submitted() and not (form.key.data or "").strip():
        form.key.data = derived_key(form.name.data, (m.key for m in team.members), "member")
    if member is not None:
        if not form.is_submitted():
            form.fill(member)
        form.key.data = member.key
    valid = form.validate_on_submit()
    upload = _upload(form, team) if valid else None
    if form.is_submitted() and all_checked(form, lambda: _checked(team, form, member, upload)) and valid:
        stored = member or Member(team_id=team.id)
        before = stored.email
        form.store(stored, upload)
        if member is None:
            get_db().add(stored)
        elif stored.email != before:
            unlink(get_db(), stored)  # another address is another person: invite them anew
        get_db().commit()
        flash(_("%(title)s added.", title=stored.name) if member is None
              else _("%(title)s saved.", title=stored.name), "success")
        return redirect(url_for("teams.show", team_id=team.id))
    warnings = calendar_warnings(get_db(), team.id).get(member.key, ()) if member else ()
    return render_template("teams/member.html", team=team, form=form, member=member, warnings=warnings)


@bp.route("/<int:member_id>/delete", methods=["GET", "POST"])
@team_manager
def delete(team: Team, member_id: int) -> str | Response:
    """Remove a member (asked on a confirmation page), unless a meeting still names them."""
    member: Member = in_team(team, Member, member_id)
    back = url_for("teams.show", team_id=team.id)
    naming = [m.title for m in team.meetings
              if member.key in m.optional or (m.attendees != "all" and member.key in m.attendees)]
    if naming:
        flash(_("%(name)s is invited to %(where)s; take them out there first.", name=member.name,
                where=", ".join(naming)), "error")
        return redirect(back)
    return delete_confirmed(
        member, title=_("Remove %(name)s from %(team)s?", name=member.name, team=team.name),
        button=_("Remove %(title)s", title=member.name), back=back,
        text=_("%(name)s leaves the team with their calendar, subscription and invitation. "
               "Plans made before keep them.", name=member.name),
        done=_("%(title)s removed.", title=member.name))


def _checked(team: Team, form: MemberForm, member: Member | None,
             upload: tuple[str, str] | None) -> bool:
    """Check the team's request with this member (as the form says) in it."""
    limit = current_app.config["MAX_MEMBERS"]
    if member is None and len(team.members) >= limit:
        form.form_errors.append(_("A team has at most %(limit)s members.", limit=limit))
        return False
    draft = Member(ics_name=member.ics_name if member else None,
                   ics_text=member.ics_text if member else None)
    form.store(draft, upload)
    members = [member_json(m) for m in team.members]
    index = team.members.index(member) if member else None
    members, index = replaced(members, index, member_json(draft))
    request = team_request(team, next_monday(team.timezone), members=members)
    found = [*problems_of(request), *address_problems(request, current_app.config, only=index),
             *outlook_problems(request, team_mailboxes(get_db(), team.id), only=index),
             *caldav_problems(request, team_collections(get_db(), team.id), only=index)]
    apply_problems(form, found, MEMBER_FIELDS, prefix=f"members[{index}]")
    return not has_errors(form)


def read_upload(data: bytes, source: str, week: date, timezone: str, label: str) -> tuple[CalendarFacts, str]:
    """`read_and_minimise` off the request thread, in a process of its own that is killed after
    UPLOAD_SECONDS or past the memory limit: no upload holds a web thread or the server's memory."""
    config = current_app.config
    read = partial(read_and_minimise, source=source, week=week, timezone=timezone, label=label)
    found: tuple[CalendarFacts, str] = run_bounded(
        read, (data,), seconds=config["UPLOAD_SECONDS"], memory_mb=config["SOLVE_MEMORY_MB"],
        what="reading the calendar")
    return found


def _upload(form: MemberForm, team: Team) -> tuple[str, str] | None:
    """The uploaded calendar (its label, its stored copy) once it reads as iCalendar; errors go
    on the field. Neither the file's name nor its words are kept: the name may say what the
    calendar is, so later warnings name it by the day it came (and the lines of the file)."""
    file: FileStorage | None = form.ics.data
    if not file or not file.filename:
        return None
    limit = current_app.config["MAX_ICS_BYTES"]
    data = file.read(limit + 1)
    if len(data) > limit:
        form.ics.errors = [_("The file is larger than %(size)s KiB.", size=limit // 1024)]
        return None
    label = f"calendar uploaded on {datetime.now(ZoneInfo(team.timezone)).date().isoformat()}"
    try:
        # Titles, notes, attendees, the file's name: dropped at the door.
        facts, kept = read_upload(data, file.filename, next_monday(team.timezone), team.timezone, label)
    except RhythmError as error:
        form.ics.errors = [str(error)]
        return None
    for warning in facts.warnings:
        flash(_("Read past in the uploaded calendar: %(warning)s", warning=warning), "warning")
    return label, kept
