"""rhythm in the user's language: one message catalogue for the web, the command line, the
report, the e-mails and the calendar blocks rhythm writes.

The catalogues are Babel's `.po` files in `i18n/locales/<lang>/LC_MESSAGES/messages.po`
(`scripts/translations.sh` extracts the messages and updates them). They are compiled when a
language is first used, in memory (`babel.messages.mofile.write_mo`), so a checkout, an
editable install and a wheel all translate without a build step or a stale `.mo` beside its
`.po`. Adding a language is adding its catalogue: `LANGUAGES` is the folders found.

The language in use is a context variable: the command line sets it from `--lang` or the
locale (`LANG=nl_NL.UTF-8`), the web app from the user's setting or `Accept-Language` for each
request, and what a team shares (calendar block titles, e-mails to the team) is written
inside `use(team_language)`. Lower layers call `gettext` and format through `i18n.formats`;
they never choose the language themselves.
"""

from __future__ import annotations

import contextvars
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
LANGUAGES: tuple[str, ...] = tuple(sorted(p.name for p in LOCALES.iterdir()
                                          if (p / "LC_MESSAGES" / "messages.po").is_file()))
NAMES = {"en": "English", "nl": "Nederlands"}  # each language in its own words, for the picker

_current: contextvars.ContextVar[str] = contextvars.ContextVar("rhythm_language", default=DEFAULT)


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (English, the source language, needs none)."""
    path = catalogue_path(language)
    if language == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def supported(language: str | None) -> str | None:
    """`language` ("nl", "nl_NL.UTF-8", "nl-NL", "NL") as one of `LANGUAGES`, or None."""
    if not language:
        return None
    tag = language.split(".")[0].split("@")[0].replace("-", "_")
    if tag.upper() in ("C", "POSIX"):  # the locale of no language
        return None
    try:
        code = Locale.parse(tag).language
    except (ValueError, UnknownLocaleError):
        return None
    return code if code in LANGUAGES else None


def from_environment() -> str:
    """The language of the process's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(name, "").split(":"):
            if found := supported(part):
                return found
    return DEFAULT


def current() -> str:
    return _current.get()


def set_language(language: str) -> contextvars.Token[str]:
    """Use `language` from now on in this context; returns the token that undoes it."""
    return _current.set(supported(language) or DEFAULT)


def reset(token: contextvars.Token[str]) -> None:
    """Undo the `set_language` that returned `token`."""
    _current.reset(token)


@contextmanager
def use(language: str | None) -> Iterator[str]:
    """Speak `language` inside the block (a team's, for what the team shares)."""
    token = set_language(language or DEFAULT)
    try:
        yield current()
    finally:
        reset(token)


def gettext(message: str, **variables: object) -> str:
    """`message` in the current language, `%(name)s` placeholders filled from `variables`."""
    text = translations(current()).ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    """The form of `singular`/`plural` for `n` in the current language; `%(num)d` is `n`."""
    text = translations(current()).ungettext(singular, plural, n)
    return text % {"num": n, **variables}


_ = gettext


def N_(message: str) -> str:  # gettext's name for "extract now, translate when shown"
    """Marks `message` for the catalogue where it is defined; `gettext` translates it when shown."""
    return message
