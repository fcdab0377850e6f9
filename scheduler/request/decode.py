"""JSON text as Python values, or a `RequestError` naming where the text cannot be read.

Three things valid JSON may hold that Python cannot turn into a request, each once a
traceback (issue 22.15): nesting deeper than the decoder's recursion, an integer longer
than Python converts (4300 digits: `int()` raises ValueError, by design against quadratic
conversion), and a string with half of a UTF-16 surrogate pair (`"\\ud800"`), which no
encoder writes back out (the plan's JSON, the database, the terminal). Each is refused here,
at the field it is in, so every reader of JSON (`rhythm plan`, the API, `rhythm org`) says
the same.
"""

from __future__ import annotations

import json
import re
import sys

from scheduler.errors import Problem, RequestError
from scheduler.request.draft import JsonPath, format_path

# The deepest field of a v1 request (members[0].calendars[0].ics) is five levels down.
MAX_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")


class _LongNumber:
    """An integer too long to convert, kept in its place so the message names the field."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _whole_number(text: str) -> int | _LongNumber:
    digits = len(text.lstrip("-"))
    limit = sys.get_int_max_str_digits()
    return _LongNumber(digits) if limit and digits > limit else int(text)


def decode_json(text: str | bytes, name: str) -> object:
    """JSON text as Python values, or a RequestError naming where it breaks: the line and
    column of a syntax error, or the field holding a value no request can carry."""
    try:
        data = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as error:
        where = f"{name}, line {error.lineno}, column {error.colno}"
        raise RequestError([Problem(where, error.msg)]) from None
    except RecursionError:
        # The decoder recurses per nesting level: thousands of "[" overflow it before any
        # syntax error is seen.
        raise RequestError([Problem(name, f"is nested too deeply to read (a v1 request has at most "
                                          f"{MAX_DEPTH} levels)")]) from None
    except UnicodeDecodeError:
        raise RequestError([Problem(name, "is not UTF-8 text")]) from None
    if plainly_readable(data):
        return data
    problems = [Problem(format_path(path) or name, message) for path, message in unreadable(data)]
    if problems:
        raise RequestError(problems)
    return data


def plainly_readable(data: object, max_entries: int | None = None, max_depth: int = MAX_DEPTH) -> bool:
    """True when no value needs a closer look: no `unreadable` value or key, nothing nested
    deeper than `max_depth`, no list or object longer than `max_entries`. One walk that keeps
    no paths and skips the surrogate search for ASCII text: reading an organisation's team
    requests walked each three times building the path of every value (issue 23). Only when
    it says False do `unreadable`, `too_deep` and `too_long` look for where."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return False
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                return False
        elif isinstance(value, dict):
            if max_entries is not None and len(value) > max_entries:
                return False
            for key, item in value.items():
                if not isinstance(key, str) or (not key.isascii() and _SURROGATE.search(key)):
                    return False
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if max_entries is not None and len(value) > max_entries:
                return False
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, _LongNumber):
            return False
    return True


def unreadable(data: object) -> list[tuple[JsonPath, str]]:
    """Each value (or key) of decoded JSON that cannot be read as text or a number, with its
    path. Walked without recursion, so a deep body cannot exhaust the stack here either."""
    found: list[tuple[JsonPath, str]] = []
    stack: list[tuple[object, JsonPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _LongNumber):
            found.append((path, f"is a number of {value.digits} digits; no field of a request "
                                "takes more than a few"))
        elif isinstance(value, str) and _SURROGATE.search(value):
            found.append((path, _half_pair(value)))
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    found.append(((*path, key.encode("utf-8", "backslashreplace").decode()),
                                  "this field's name " + _half_pair(key)))
                else:
                    stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))
    return sorted(found, key=lambda finding: format_path(finding[0]))


def _half_pair(text: str) -> str:
    half = _SURROGATE.search(text)
    code = f"\\u{ord(half.group()):04x}" if half else ""
    return f"holds {code}, half of a UTF-16 surrogate pair, which is not text"
