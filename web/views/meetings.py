"""A team's meeting requests: add, edit, remove; each checked as the team's whole request."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from store.models import Meeting, Team

from ..confirm import delete_confirmed
from ..db import get_db
from ..forms import all_checked, apply_problems, derived_key, has_errors
from ..forms.meeting import MEETING_FIELDS, MeetingForm
from ..security import in_team, team_manager
from ..team_request import meeting_json, next_monday, problems_of, replaced, team_request

bp = Blueprint("meetings", __name__, url_prefix="/teams/<int:team_id>/meetings")


@bp.route("/new", methods=["GET", "POST"])
@team_manager
def create(team: Team) -> str | Response:
    """Ask for a meeting."""
    return _meeting_page(team, None)


@bp.route("/<int:meeting_id>", methods=["GET", "POST"])
@team_manager
def edit(team: Team, meeting_id: int) -> str | Response:
    """Change a meeting request (its id stays: plans and pins name it)."""
    return _meeting_page(team, in_team(team, Meeting, meeting_id))


def _meeting_page(team: Team, meeting: Meeting | None) -> str | Response:
    """The one form for a new meeting and an existing one: stored only once the whole
    team's request still holds."""
    form = _form(team)
    if meeting is None and form.is_submitted() and not (form.key.data or "").strip():
        form.key.data = derived_key(form.title.data, (m.key for m in team.meetings), "meeting")
    if meeting is not None:
        if not form.is_submitted():
            form.fill(meeting)
        form.key.data = meeting.key
    valid = form.validate_on_submit()
    if form.is_submitted() and all_checked(form, lambda: _checked(team, form, meeting)) and valid:
        stored = meeting or Meeting(team_id=team.id)
        form.store(stored)
        if meeting is None:
            get_db().add(stored)
        get_db().commit()
        flash(_("%(title)s added.", title=stored.title) if meeting is None
              else _("%(title)s saved.", title=stored.title), "success")
        return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/meeting.html", team=team, form=form, meeting=meeting)


@bp.route("/<int:meeting_id>/delete", methods=["GET", "POST"])
@team_manager
def delete(team: Team, meeting_id: int) -> str | Response:
    """Remove a meeting request and its pins (asked on a confirmation page)."""
    meeting: Meeting = in_team(team, Meeting, meeting_id)
    back = url_for("teams.show", team_id=team.id)
    return delete_confirmed(
        meeting, title=_("Remove %(title)s?", title=meeting.title),
        button=_("Remove %(title)s", title=meeting.title), back=back,
        text=_("%(title)s and its pinned times are no longer planned. Plans made before keep it.",
               title=meeting.title),
        done=_("%(title)s removed.", title=meeting.title))


def _form(team: Team) -> MeetingForm:
    form = MeetingForm()
    form.offer([(m.key, m.name) for m in team.members])
    return form


def _checked(team: Team, form: MeetingForm, meeting: Meeting | None) -> bool:
    limit = current_app.config["MAX_MEETINGS"]
    if meeting is None and len(team.meetings) >= limit:
        form.form_errors.append(_("A team has at most %(limit)s meeting requests.", limit=limit))
        return False
    draft = Meeting()
    form.store(draft)
    meetings = [meeting_json(m) for m in team.meetings]
    index = team.meetings.index(meeting) if meeting else None
    meetings, index = replaced(meetings, index, meeting_json(draft))
    request = team_request(team, next_monday(team.timezone), meetings=meetings)
    apply_problems(form, problems_of(request, allow_no_members=False), MEETING_FIELDS,
                   prefix=f"meetings[{index}]")
    return not has_errors(form)
