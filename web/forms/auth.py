"""The account forms: sign-up and sign-in with email and password, an address to send a link
to, and choosing a password (new, reset, or changed with the current one)."""

from __future__ import annotations

from typing import cast

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from . import EMAIL, ONE_LINE


def new_password(label: object = _l("Password")) -> PasswordField:
    # 10 characters at least; at most 200: hashing a megabyte "password" is work for nothing.
    # cast: a lazy string, translated when the form is drawn in the request's language.
    return PasswordField(cast(str, label), validators=[InputRequired(),
                                            Length(min=10, message=_l("Use at least 10 characters.")),
                                            Length(max=200, message=_l("Use at most 200 characters."))])


def password_again() -> PasswordField:
    return PasswordField(_l("Password again"), validators=[
        InputRequired(), EqualTo("password", message=_l("The passwords differ."))])


class SignInForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), EMAIL, Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])


class EmailForm(FlaskForm):
    """Where to send a link: forgotten password, sign-in link, an address to confirm."""

    email = EmailField(_l("Email"), validators=[InputRequired(), EMAIL, Length(max=254)])


class PasswordForm(FlaskForm):
    """A new password, twice (a reset link, or accepting an invitation as a newcomer)."""

    password = new_password()
    confirm = password_again()


class NewAccountForm(PasswordForm):
    name = StringField(_l("Your name"), validators=[InputRequired(), Length(max=200), ONE_LINE])


class SignUpForm(FlaskForm):
    """Only who and where: the password is chosen on the page the e-mailed link opens, so only
    the address's owner ever sets it (someone signing up with a colleague's address sets
    nothing that would let them in)."""

    name = StringField(_l("Your name"), validators=[InputRequired(), Length(max=200), ONE_LINE])
    email = EmailField(_l("Email"), validators=[InputRequired(), EMAIL, Length(max=254)])


class ChangePasswordForm(PasswordForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired(), Length(max=200)])
    password = new_password(_l("New password"))
