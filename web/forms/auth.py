"""Sign-up and sign-in with email and password (the local accounts of the embedded default)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from . import EMAIL


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired(), EMAIL])
    password = PasswordField("Password", validators=[InputRequired()])


class SignUpForm(FlaskForm):
    name = StringField("Your name", validators=[InputRequired(), Length(max=200)])
    email = EmailField("Email", validators=[InputRequired(), EMAIL, Length(max=254)])
    password = PasswordField("Password", validators=[
        InputRequired(), Length(min=10, message="Use at least 10 characters.")])
    confirm = PasswordField("Password again", validators=[
        InputRequired(), EqualTo("password", message="The passwords differ.")])
