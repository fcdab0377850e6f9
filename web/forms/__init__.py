"""Form helpers shared by every form: weekday checkboxes, and putting the contract's own
problems (`parse_request` paths) next to the form field they belong to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, TimeField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; stubs are 3.2
from wtforms.validators import Regexp
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from i18n import formats
from scheduler.domain import WEEKDAYS
from scheduler.errors import Problem

T = TypeVar("T")


class _Field(Protocol[T]):
    name: str
    data: T | None


def required(field: _Field[T]) -> T:
    """The value of a field its InputRequired validator has passed. WTForms types `data` as
    possibly None, which it is only before the form has read a request."""
    if field.data is None:
        raise ValueError(f"{field.name} is read before the form has checked it")
    return field.data


def choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """Options as WTForms 3.3+ wants them declared (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


DAY_CHOICES = choices((day, LazyString(formats.weekday, day)) for day in WEEKDAYS)  # "maandag", "Monday"
# What the v1 contract allows as an id, kept plain so ids read well in plans and URLs.
# \Z, not $: Python's $ also matches before a final newline ("ana\n" passed, issue 22.15).
KEY = Regexp(r"^[a-z0-9][a-z0-9_.-]{0,63}\Z", message=_l(
    "Use lower-case letters, digits, '-', '_' or '.', starting with a letter or digit."))
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z",
               message=_l("Enter an email address like ana@example.com."))
# Names go into calendar files, file names and e-mail headers, where a line break breaks them.
ONE_LINE = Regexp("^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*\\Z",
                  message=_l("Use one line, without line breaks."))


# A time of day is typed on the 24-hour clock in every language: `<input type="time">` follows
# the browser's locale and showed "10:00 AM" in an English one and a 12-hour picker elsewhere.
CLOCK = {"pattern": "([01][0-9]|2[0-3]):[0-5][0-9]", "placeholder": "HH:MM", "inputmode": "numeric",
         "maxlength": "5", "autocomplete": "off", "class": "clock"}


def clock_field(label: object, **kwargs: object) -> TimeField:
    """A time of day as text on the 24-hour clock (`14:30`), whatever the browser's language."""
    return TimeField(label, widget=TextInput(), render_kw=CLOCK, **kwargs)  # type: ignore[arg-type]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (one per choice); usable without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def apply_problems(form: FlaskForm, problems: Iterable[Problem], fields: Mapping[str, str],
                   prefix: str = "") -> None:
    """Each problem goes to the field its path belongs to; the rest above the form.

    `fields` maps contract paths below `prefix` (`working_hours.end`) to form field names;
    the longest matching path wins, so `office.never[1]` finds `office.never`.
    """
    for problem in problems:
        field = _field_for(problem.path, fields, prefix)
        if field is not None:
            form[field].errors = [*form[field].errors, problem.message]
        else:
            form.form_errors.append(str(problem))


def _field_for(path: str, fields: Mapping[str, str], prefix: str) -> str | None:
    if prefix:
        if not path.startswith(prefix):
            return None
        path = path[len(prefix):].lstrip(".")
    best = None
    for known in fields:
        if re.match(re.escape(known) + r"($|[.\[])", path) and (best is None or len(known) > len(best)):
            best = known
    return fields[best] if best is not None else None


def has_errors(form: FlaskForm) -> bool:
    return bool(form.form_errors) or any(field.errors for field in form)


def derived_key(text: str | None, taken: Iterable[str], fallback: str) -> str | None:
    """An id made from a name or title ("Ana de Vries" -> "ana-de-vries", "Zoë" -> "zoe"),
    numbered when the team has it already ("ana-de-vries-2"); None for an empty text, so the
    id field says it is needed."""
    if not text or not text.strip():
        return None
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:56].strip("-") or fallback
    used, key, n = set(taken), base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


def all_checked(form: FlaskForm, team_checks: Callable[[], bool]) -> bool:
    """Run the team's checks of a submitted form even when some fields failed their own, so
    every problem shows in one answer (issue 24.6); a field keeps its own message only, and
    checks that cannot read a field that failed are left for the next answer. True when the
    team's checks found nothing."""
    own = {field.name: list(field.errors) for field in form if field.errors}
    try:
        fits = team_checks()
    except (TypeError, ValueError):  # a value the draft cannot take (a time that did not read)
        fits = False
    for name, errors in own.items():
        form[name].errors = errors
    return fits and not has_errors(form)
