"""The language of each request: the account's setting, else the browser's `Accept-Language`,
else English; Flask-Babel carries it, with rhythm's one catalogue (`i18n`) behind it.

Flask-Babel reads `.mo` files from its translation directories; rhythm compiles its `.po`
catalogues in memory instead (`i18n.translations`), so the domain here hands Flask-Babel those.
The same language is set for `i18n` during the request, so what the views call below the web
(durations, days and weeks from `i18n.formats`, the report's words) speaks it too.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from functools import cached_property

from flask import Flask, g, has_request_context, request
from flask_babel import Babel, Domain, get_locale

import i18n
from i18n import formats

_TOKEN = "rhythm_language_token"


class CatalogueDomain(Domain):
    """Flask-Babel's domain, reading rhythm's catalogues (compiled on first use)."""

    def get_translations(self):  # type: ignore[no-untyped-def]
        locale = get_locale()
        return i18n.translations(locale.language if locale else i18n.DEFAULT)


class RhythmBabel(Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return CatalogueDomain()


def choose() -> str:
    """The account's language if it chose one, else the best of the browser's, else English."""
    if not has_request_context():  # a background thread (the weekly cycle's e-mails) says its own
        return i18n.current()
    if request.blueprint == "api":  # the API's JSON answers are English for every client, on purpose
        return i18n.DEFAULT
    user = g.get("user")
    if user is not None and i18n.supported(getattr(user, "language", None)):
        return user.language
    return choose_from_browser()


def choose_from_browser() -> str:
    """The best of the browser's languages (`Accept-Language: nl-NL,nl;q=0.9`), else English."""
    spoken = [(i18n.supported(tag), quality) for tag, quality in request.accept_languages]
    return max(((code, q) for code, q in spoken if code), key=lambda cq: cq[1], default=(i18n.DEFAULT, 0))[0]


def init_app(app: Flask) -> None:
    """Flask-Babel on the app, the request's language set for `i18n`, and the date filters."""
    RhythmBabel(app, locale_selector=choose, default_locale=i18n.DEFAULT)
    app.before_request(_speak)
    app.teardown_request(_stop)
    app.add_template_filter(formats.duration)  # "3 h 05" / "3 u 05", as the report and terminal say
    app.add_template_filter(formats.day)  # "ma 30 nov"
    app.add_template_filter(formats.long_day)
    app.add_template_filter(formats.week)  # "week 49"
    app.add_template_filter(formats.clock)  # "14:05" in every language
    app.add_template_filter(formats.weekday)
    app.add_template_filter(iso_day)
    app.add_template_filter(translated)
    app.jinja_env.globals.update(current_language=i18n.current, language_names=i18n.NAMES)


def translated(text: str | None) -> str | None:
    """A stored message marked with `N_` where it was written (a job's error) in the reader's
    language; any other text (a solver's own words) as it is."""
    return i18n.gettext(text) if text else text


def iso_day(text: str) -> str:
    """A contract's date (`2026-11-30`, the organisation summary's) as a day: `ma 30 nov`."""
    return formats.day(date.fromisoformat(text))


def _speak() -> None:
    locale = get_locale()
    g.setdefault(_TOKEN, i18n.set_language(locale.language if locale else i18n.DEFAULT))


def _stop(_error: BaseException | None = None) -> None:
    token = g.pop(_TOKEN, None)
    if token is not None:
        # Set in another context (a streamed response): nothing to undo here.
        with suppress(ValueError):
            i18n.reset(token)
