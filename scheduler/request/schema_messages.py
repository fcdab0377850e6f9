"""JSON Schema errors in the contract's words: the field's path and what a person should fix.

jsonschema reports errors in its own terms (`'minutes' is a required property`); requests
and plans are both checked against their published schema, and both report problems the
same way, so the translation lives here once.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator

from i18n import N_, _
from scheduler.errors import Problem
from scheduler.request.draft import Finding, format_path, show

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


def load_schema(name: str, package: str = "scheduler") -> dict[str, Any]:
    """A packaged JSON Schema, version 1, as published to users: the core's "request" and
    "plan", or another package's (the organisation request is "org" in "organisation")."""
    text = resources.files(package).joinpath(f"schemas/{name}.v1.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_problems(name: str, data: Any, package: str = "scheduler") -> list[Finding]:
    """Every way `data` breaks the named schema, in the contract's words, ordered by field."""
    if _surely_valid(name, data, package):
        return []
    rank = _field_rank(name, package)
    errors = sorted(_validator(name, package).iter_errors(data), key=lambda e: _order(e.path, rank))
    found = [finding for error in errors for finding in _describe(error)]
    return list(dict.fromkeys(found))  # one message per missing field, however often reported


def to_problems(found: list[Finding], schema: str, package: str = "scheduler") -> list[Problem]:
    """Findings as `Problem`s, ordered as the schema (and the contract) lists the fields."""
    rank = _field_rank(schema, package)
    ordered = sorted(found, key=lambda finding: _order(finding[0], rank))
    return [Problem(format_path(path), message) for path, message in ordered]


@cache
def _validator(name: str, package: str) -> Validator:
    return _EcmaValidator(load_schema(name, package))


def _surely_valid(name: str, data: Any, package: str) -> bool:
    """The compiled check (jsonschema-rs, issue 23: most of reading an organisation was
    jsonschema's `iter_errors` on valid team requests): True only for a document the
    messages' validator also finds no fault in.

    It may be stricter (it refuses NaN as a number with a minimum): such a document goes
    on to `_validator`, which decides. A value it cannot take (a lone
    surrogate, a key that is not text, a date from TOML) is left to `_validator` too.
    """
    try:
        return _fast_validator(name, package).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


@cache
def _fast_validator(name: str, package: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(_python_spaces(load_schema(name, package)))


# What Python's `\s` matches in text (`str.isspace`); ECMA-262's `\s`, which jsonschema-rs
# follows, leaves out U+001C..U+001F and adds U+FEFF. tests/test_schema_fast.py checks the list.
PYTHON_SPACES = ("\t-\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000")


def _python_spaces(node: Any) -> Any:
    """The schema with each pattern's `\\s` spelled out as Python's whitespace, so that the
    compiled check never lets through what the messages' validator refuses."""
    if isinstance(node, dict):
        return {key: (_spell_spaces(value) if key == "pattern" and isinstance(value, str)
                      else _python_spaces(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_python_spaces(value) for value in node]
    return node


def _spell_spaces(pattern: str) -> str:
    spaces = "".join(f"\\u{ord(c):04x}" if c not in "-" else c for c in PYTHON_SPACES)
    out: list[str] = []
    for char, escaped, in_class in _pattern_chars(pattern):
        if escaped and char == "s":
            out[-1] = spaces if in_class else f"[{spaces}]"  # the backslash before it
        else:
            out.append(char)
    return "".join(out)


def _pattern_chars(pattern: str) -> Iterator[tuple[str, bool, bool]]:
    """Each character of a pattern, with whether a backslash escapes it and whether it is
    inside a character class: what both rewritings of a pattern need to know."""
    escaped, in_class = False, False
    for char in pattern:
        yield char, escaped, in_class
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False


def _ecma_pattern(validator: Validator, pattern: str, instance: object,
                  schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema means it (ECMA-262): `$` ends the text. Python's `$` also
    matches before a final newline, so `"10:00\\n"` passed `^...$` and failed later as a 500."""
    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern compiled so that each `$` outside a character class is `\\Z`."""
    return re.compile("".join(r"\Z" if char == "$" and not escaped and not in_class else char
                              for char, escaped, in_class in _pattern_chars(pattern)))


_EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def _field_rank(name: str, package: str) -> dict[str, int]:
    """Field names in the order the schema first lists them: version before team, start
    before end. Sorting by it reads like the request itself, not like a dictionary."""
    rank: dict[str, int] = {}
    for node in schema_nodes(load_schema(name, package)):
        for field in node.get("properties", {}):
            rank.setdefault(field, len(rank))
    return rank


def schema_nodes(node: object) -> Iterator[dict[str, Any]]:
    """Every object of a schema, each before those inside it, in the order it lists them."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_nodes(value)


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
