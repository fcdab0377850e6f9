"""A team's API tokens: create one (shown once), revoke one."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from store.models import ApiToken, Team

from ..confirm import delete_confirmed
from ..db import get_db
from ..forms import required
from ..secret_tokens import new_api_token
from ..security import in_team, team_manager

bp = Blueprint("tokens", __name__, url_prefix="/teams/<int:team_id>/tokens")


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), default=_l("API client"),
                       validators=[InputRequired(), Length(max=100)])


@bp.route("/new", methods=["GET", "POST"])
@team_manager
def create(team: Team) -> str:
    """Create an API token for this team and show it, once."""
    form = TokenForm()
    if form.validate_on_submit():
        token = new_api_token(get_db(), team, required(form.name).strip())
        return render_template("teams/token_created.html", team=team, token=token)
    return render_template("teams/token_new.html", team=team, form=form)


@bp.route("/<int:token_id>/delete", methods=["GET", "POST"])
@team_manager
def delete(team: Team, token_id: int) -> str | Response:
    """Revoke a token (asked on a confirmation page): clients using it get 401 from now on."""
    token: ApiToken = in_team(team, ApiToken, token_id)
    back = url_for("teams.show", team_id=team.id)
    text = _("Clients using \u201c%(name)s\u201d get 401 from now on.", name=token.name)
    return delete_confirmed(token, title=_("Revoke the token %(hint)s…?", hint=token.hint),
                            button=_("Revoke"), back=back, text=text,
                            done=_("Token %(hint)s… revoked.", hint=token.hint))
