"""JSON Schema errors in the contract's words: the field's path and what a person should fix.

jsonschema reports errors in its own terms (`'minutes' is a required property`); requests
and plans are both checked against their published schema, and both report problems the
same way, so the translation lives here once. The schemas and the validators that find the
errors are `schema_validators.py`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import ValidationError

from i18n import N_, _
from scheduler.errors import Problem
from scheduler.request.draft import Finding, format_path, show
from scheduler.request.schema_validators import load_schema, messages_validator, schema_nodes, surely_valid

# The messages are in the language in use (`i18n`); the field's path stays the contract's.
_TYPE_NAMES = {"integer": N_("a whole number"), "number": N_("a number"), "string": N_("text"),
               "boolean": N_("true or false"), "object": N_("an object"), "array": N_("a list"),
               "null": "null"}


_PATTERN_HINTS = {
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": N_("expected a time as HH:MM, got %(got)s"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": N_("expected a date as YYYY-MM-DD, got %(got)s"),
    r"^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$":
        N_("%(got)s must be one line of text, without line breaks or other control characters"),
    "^[^#]*$": N_('%(got)s must not contain "#" (the plan numbers occurrences as <id>#1)'),
    "^[^#]+#[1-9][0-9]*$": N_('expected <request>#<occurrence>, e.g. "sync#1", got %(got)s'),
}


def schema_problems(name: str, data: Any, package: str = "scheduler") -> list[Finding]:
    """Every way `data` breaks the named schema, in the contract's words, ordered by field."""
    if surely_valid(name, data, package):
        return []
    rank = _field_rank(name, package)
    errors = sorted(messages_validator(name, package).iter_errors(data), key=lambda e: _order(e.path, rank))
    found = [finding for error in errors for finding in _describe(error)]
    return list(dict.fromkeys(found))  # one message per missing field, however often reported


def to_problems(found: list[Finding], schema: str, package: str = "scheduler") -> list[Problem]:
    """Findings as `Problem`s, ordered as the schema (and the contract) lists the fields."""
    rank = _field_rank(schema, package)
    ordered = sorted(found, key=lambda finding: _order(finding[0], rank))
    return [Problem(format_path(path), message) for path, message in ordered]


@cache
def _field_rank(name: str, package: str) -> dict[str, int]:
    """Field names in the order the schema first lists them: version before team, start
    before end. Sorting by it reads like the request itself, not like a dictionary."""
    rank: dict[str, int] = {}
    for node in schema_nodes(load_schema(name, package)):
        for field in node.get("properties", {}):
            rank.setdefault(field, len(rank))
    return rank


def _order(path: Iterable[str | int], rank: dict[str, int]) -> tuple[tuple[int, int, str], ...]:
    # Indexes compare as numbers (meetings[10] after meetings[2]); unknown fields come last.
    return tuple((0, p, "") if isinstance(p, int) else (1, rank.get(p, len(rank)), p)
                 for p in path)


def _describe(error: ValidationError) -> Iterator[Finding]:
    """One jsonschema error as findings: the field's path and what a person should fix."""
    path, want, got = tuple(error.absolute_path), _want(error), _got(error)
    match error.validator:
        case "required":
            yield from (((*path, name), _("missing")) for name in want if name not in got)
        case "additionalProperties":
            known = list(error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {})
            yield from (((*path, name), _unknown(name, known)) for name in got if name not in known)
        case "type":
            yield path, _("expected %(want)s, got %(got)s", want=_types(want), got=show(got))
        case "enum":
            yield path, _("%(got)s is not one of %(want)s", got=show(got),
                          want=", ".join(str(v) for v in want))
        case "const":
            yield path, _("must be %(want)s, got %(got)s", want=show(want), got=show(got))
        case "pattern":
            hint = _PATTERN_HINTS.get(want)
            yield path, (_(hint, got=show(got)) if hint
                         else _("%(got)s does not match %(pattern)s", got=show(got), pattern=want))
        case "minimum" | "maximum":
            message = (N_("must be at least %(want)s, got %(got)s") if error.validator == "minimum"
                       else N_("must be at most %(want)s, got %(got)s"))
            yield path, _(message, want=want, got=show(got))
        case "minItems" | "minLength":
            yield path, (_("must not be empty") if want == 1
                         else _("needs at least %(want)s entries", want=want))
        case "uniqueItems":
            seen: set[str] = set()
            for j, item in enumerate(got):  # one pass: a list of 200,000 is read once
                key = json.dumps(item, sort_keys=True)
                if key in seen:
                    yield (*path, j), _("%(item)s is listed twice", item=show(item))
                seen.add(key)
        case "anyOf" | "oneOf":
            yield from _describe_choice(error)
        case _:
            yield path, error.message


def _describe_choice(error: ValidationError) -> Iterator[Finding]:
    """For "this or that": explain the branch the value was meant for, if one is clear."""
    here = tuple(error.absolute_path)
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    mismatches = {i: [e for e in errs if tuple(e.absolute_path) == here
                      and e.validator in ("type", "const")] for i, errs in branches.items()}
    meant = [i for i, wrong in mismatches.items() if not wrong]
    if len(meant) == 1:
        for sub in branches[meant[0]]:
            yield from _describe(sub)
        return
    options = [_types(_want(e)) if e.validator == "type" else show(_want(e))
               for wrong in mismatches.values() for e in wrong[:1]]
    either = " " + _("or") + " "
    yield here, _("expected %(want)s, got %(got)s", want=either.join(options), got=show(error.instance))


# jsonschema types these as possibly unset, which only an error made by hand is: every error
# here comes from validating, with the schema's value it broke and the JSON value that broke it.
def _want(error: ValidationError) -> Any:
    return error.validator_value


def _got(error: ValidationError) -> Any:
    return error.instance


def _types(names: str | list[str]) -> str:
    either = " " + _("or") + " "
    return either.join(_(_TYPE_NAMES[n]) for n in ([names] if isinstance(names, str) else names))


def _unknown(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return _('unknown field (did you mean "%(name)s"?)', name=close[0]) if close else _("unknown field")
