"""Hypothesis strategies for hostile v1 requests: a small valid request with a few of its
values (or fields) replaced by what a careless or hostile client sends. Shared by the fuzz
tests of `rhythm plan -` (tests/test_fuzz_requests.py) and of the API (tests/web)."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from .test_hostile_requests import small_request

LONG_INTEGER = "9" * 5000
# Values that once got a traceback or a 500, and their neighbours.
NASTY_TEXT = ["10:00\n", "2026-11-30\n", "\ud800", "\udfff", "a\nb", "a\r\nX: 1", "\u0000", "\u2028",
              "", " ", "#", "sync#1", "all", "Mon", "99:99", "24:00", "2026-02-30", "../../etc/passwd",
              "caldav:http://127.0.0.1/", "outlook:me", "http://[::127.0.0.1]/", "\u202e", "x" * 3000,
              "Europe/Nowhere", "2026-11-30T10:00:00", "2026-11-30T10:00:00+01:00"]
VALUES = st.one_of(
    st.sampled_from(NASTY_TEXT), st.text(max_size=20), st.none(), st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40), st.sampled_from([LONG_INTEGER, "-" + LONG_INTEGER]),
    st.floats(allow_nan=True, allow_infinity=True), st.just([]), st.just({}),
    st.lists(st.sampled_from(["mon", "tue", "all", 1, None]), max_size=3),
)


# Values a well-meaning client sends, so that part of the requests reach the solver.
PLAUSIBLE = {
    "team": st.text(min_size=1), "name": st.text(), "title": st.text(), "id": st.text(min_size=1),
    "minutes": st.sampled_from([5, 25, 30, 55, 90]), "per_week": st.integers(1, 3),
    "timezone": st.sampled_from(["Europe/Amsterdam", "Asia/Kolkata", "Pacific/Chatham", "UTC"]),
    "start": st.sampled_from(["08:00", "09:30", "12:00"]),
    "end": st.sampled_from(["16:00", "18:30", "23:59"]),
    "week": st.sampled_from(["2026-11-30", "2026-03-30", "2026-10-26"]),
    "email": st.emails(),
}


def _paths(data: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*path, i))
    return found


@st.composite
def hostile_requests(draw: st.DrawFn) -> str:
    """The JSON text of a small request with up to three values replaced, or fields added."""
    data: dict[str, Any] = copy.deepcopy(small_request())
    data["meetings"][0].update(title="Sync", per_week=1)
    data["members"][0].update(name="Ana", email="ana@example.com")
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(data)))
        place: Any = data
        for part in path[:-1]:
            place = place[part]
        if path[-1] in PLAUSIBLE and draw(st.booleans()):
            place[path[-1]] = draw(PLAUSIBLE[path[-1]])  # what a client means to send
        elif isinstance(place, dict) and draw(st.booleans()):
            key = draw(st.sampled_from(["extra", "\ud800", "a\nb", "per_week", "busy", "office"]))
            place[key] = draw(VALUES)
        else:
            place[path[-1]] = draw(VALUES)
    text = json.dumps(data, allow_nan=True, ensure_ascii=draw(st.booleans()))
    # A number longer than Python converts cannot be made by json.dumps: put it in as text.
    return text.replace(f'"{LONG_INTEGER}"', LONG_INTEGER).replace(f'"-{LONG_INTEGER}"', "-" + LONG_INTEGER)
