"""The published JSON Schemas and the two checks against them, which must agree.

A request is first checked by a compiled yes/no (jsonschema-rs); only a document it does not
pass goes to jsonschema's validator, whose errors `schema_messages.py` puts in the contract's
words. Both must read each `pattern` as JSON Schema means it (ECMA-262), so both are
adjusted here: `$` ends the text, and `\\s` is Python's whitespace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator


def load_schema(name: str, package: str = "scheduler") -> dict[str, Any]:
    """A packaged JSON Schema, version 1, as published to users: the core's "request" and
    "plan", or another package's (the organisation request is "org" in "organisation")."""
    text = resources.files(package).joinpath(f"schemas/{name}.v1.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_nodes(node: object) -> Iterator[dict[str, Any]]:
    """Every object of a schema, each before those inside it, in the order it lists them."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_nodes(value)


@cache
def messages_validator(name: str, package: str) -> Validator:
    return _EcmaValidator(load_schema(name, package))


def surely_valid(name: str, data: Any, package: str) -> bool:
    """The compiled check (jsonschema-rs, issue 23: most of reading an organisation was
    jsonschema's `iter_errors` on valid team requests): True only for a document the
    messages' validator also finds no fault in.

    It may be stricter (it refuses NaN as a number with a minimum): such a document goes
    on to `messages_validator`, which decides. A value it cannot take (a lone
    surrogate, a key that is not text, a date from TOML) is left to `messages_validator` too.
    """
    try:
        return fast_validator(name, package).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


@cache
def fast_validator(name: str, package: str) -> jsonschema_rs.Validator:
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
