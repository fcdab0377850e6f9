"""E-mail from the web app: the message is a template (`templates/mail/<name>.txt`, its first
line the subject), its links start with `BASE_URL`, and it goes out through `notify.mail`.

`BASE_URL` is the operator's setting, never the Host header of the request: otherwise anyone
could ask for a password reset of someone else with `Host: evil.test` and receive the link
when the victim clicks it.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale, get_locale, gettext

import i18n
from i18n import N_
from notify.mail import MailError, mailer_for

from .throttle import throttle

NOT_SENT = N_("The e-mail could not be sent just now; please try again in a few minutes.")


def link(endpoint: str, **values: Any) -> str:
    """The full address of a page, as e-mails carry it."""
    return str(current_app.config["BASE_URL"]) + url_for(endpoint, **values)


def send(to: str, template: str, *, limited: bool = True, language: str | None = None,
         **context: Any) -> str | None:
    """Send the message; a sentence for the person when it could not go, else None.

    `language`: the message's (a team's, for what the team sends its members); by default the
    language of the request.

    `limited`: counted against the address's e-mail limit, past which nothing is sent and
    nothing is said (the earlier message's link still works), so nobody can use rhythm to
    flood someone's inbox.
    """
    if limited and not throttle().may_mail(to):
        current_app.logger.info("e-mail limit reached for %s; not sent", to)
        return None
    with force_locale(language or get_locale() or i18n.DEFAULT), i18n.use(language or i18n.current()):
        subject, _, body = render_template(f"mail/{template}.txt", **context).partition("\n\n")
    try:
        mailer_for(current_app.config["MAIL"]).send(to, subject.removeprefix("Subject:").strip(), body)
    except MailError as error:
        current_app.logger.error("e-mail to %s not sent: %s", to, error)
        return gettext(NOT_SENT)
    return None
