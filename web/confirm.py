"""Pages with one button that acts: confirmation pages for what cannot be undone (removing a
member or a meeting, erasing calendar data, revoking a token), and the pages e-mailed links
open (confirm an address, sign in). The button on a list, or the link in an e-mail, opens a
page that says what will happen, and only that page's button acts: a bare POST (an old page,
a mail scanner following links) changes nothing. Plain HTML forms: the CSP allows no script,
so no `confirm()` dialog."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .db import get_db
from .forms.plan import ConfirmForm


def confirmation_page(*, title: str, text: str, button: str, cancel: str | None = None) -> str | None:
    """None once the person pressed this page's button; else the page asking them to.
    With `cancel` (where to go back) the action is a destructive one."""
    form = ConfirmForm()
    if form.validate_on_submit():
        return None
    return render_template("confirm.html", form=form, title=title, text=text, button=button, cancel=cancel)


def delete_confirmed(row: Any, *, title: str, text: str, button: str, back: str, done: str) -> str | Response:
    """Delete a row once its confirmation page's button is pressed; then back to `back`."""
    page = confirmation_page(title=title, text=text + " " + _("This cannot be undone."), button=button,
                             cancel=back)
    if page is not None:
        return page
    get_db().delete(row)
    get_db().commit()
    flash(done, "success")
    return redirect(back)
