"""Choosing a language: an account's own (or the browser's), and a team's for what it shares."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import AnyOf

import i18n

from . import choices


def language_choices(browser: bool) -> list:
    own = [(code, i18n.NAMES.get(code, code)) for code in i18n.LANGUAGES]
    return choices([("", _l("The browser's language")), *own] if browser else own)


class AccountLanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=language_choices(browser=True),
                           validators=[AnyOf(["", *i18n.LANGUAGES])])


def team_language_field() -> SelectField:
    return SelectField(_l("Language of the team's calendars and e-mails"),
                       choices=language_choices(browser=False), default=i18n.DEFAULT,
                       validators=[AnyOf(list(i18n.LANGUAGES))])
