"""Confirmation pages for what cannot be undone (removing a member or a meeting, erasing
calendar data, revoking a token): the button on the list opens a page that says what will
happen, and only that page's button acts. Plain HTML forms: the CSP allows no script, so
no `confirm()` dialog."""

from __future__ import annotations

from flask import render_template

from .forms.plan import ConfirmForm


def confirmation_page(*, title: str, text: str, button: str, cancel: str) -> str | None:
    """None once the person pressed this page's button; else the page asking them to."""
    form = ConfirmForm()
    if form.validate_on_submit():
        return None
    return render_template("confirm.html", form=form, title=title, text=text, button=button, cancel=cancel)
