"""The words in a calendar that say where someone works or that they are off, in Dutch and
English, in one table that the ICS and the Outlook readers both read.

An all-day event titled (or placed) "Kantoor", "Thuis" or "Vakantie" tells the planner what a
person does that day; people write it in their own words and language. Matching is by whole
word, any case, a space or hyphen between the words of a phrase ("out-of-office"); a word with
`*` also matches longer words that start with it ("thuis*": "thuiswerkdag"). "Out of office"
says nothing about the office, so a day-off phrase is taken out before the places are looked
for, and home is looked for before office: "home office" is working from home.
"""

from __future__ import annotations

import re
from typing import Literal

Meaning = Literal["office", "home", "off"]

CALENDAR_WORDS: dict[str, Meaning] = {
    # at the office
    "kantoor": "office", "op kantoor": "office", "kantoordag": "office", "office": "office",
    "office day": "office", "in the office": "office",
    # at home
    "thuis*": "home", "thuiswerken": "home", "home": "home", "homeoffice": "home", "wfh": "home",
    "working from home": "home", "remote": "home",
    # not working
    "vrij": "off", "vrije dag": "off", "vakantie": "off", "verlof": "off", "ziek": "off",
    "oof": "off", "ooo": "off", "out of office": "off", "out of the office": "off",
    "vacation": "off", "day off": "off", "sick": "off",
}


def _pattern(meaning: Meaning) -> re.Pattern[str]:
    words = sorted((w for w, m in CALENDAR_WORDS.items() if m == meaning), key=len, reverse=True)
    parts = [r"[ -]".join(map(re.escape, w.rstrip("*").split())) + (r"\w*" if w.endswith("*") else "")
             for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


_PATTERNS: dict[Meaning, re.Pattern[str]] = {m: _pattern(m) for m in ("off", "home", "office")}


def says_off(text: str) -> bool:
    """The text says the person is not working (a day off, holiday, sick, out of office)."""
    return bool(_PATTERNS["off"].search(text))


def stated_place(text: str) -> Literal["office", "home"] | None:
    """The place the text says the person works, if any: home before office."""
    text = _PATTERNS["off"].sub(" ", text)  # "out of office" is not at the office
    if _PATTERNS["home"].search(text):
        return "home"
    return "office" if _PATTERNS["office"].search(text) else None


def meaning(text: str) -> Meaning | None:
    """What the text says: off, home, office, or nothing."""
    return "off" if says_off(text) else stated_place(text)
