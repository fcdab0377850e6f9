"""The catalogue is complete: every message of the code and the templates, extracted as
`pybabel extract` does (babel.cfg), has a Dutch translation, not fuzzy, with the same
placeholders; and each catalogue compiles. A new English string anywhere in the user
interface fails here until `bash scripts/translations.sh` has added it and it is translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("i18n", "scheduler", "constraints", "connectors", "report", "notify", "organisation",
            "web", "cli")
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "N_": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*[sdfr]|\{\w*\}")


def extracted() -> dict[str, str]:
    """Every message id of the user interface, with the file it is in."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, str] = {}
    for package in PACKAGES:
        for filename, _line, message, _comments, _context in extract_from_dir(
                ROOT / package, method_map, options_map, keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message  # a plural: its singular
            if msgid:
                found.setdefault(msgid, f"{package}/{filename}")
    return found


def catalogue(language: str):
    with i18n.catalogue_path(language).open("rb") as po:
        return read_po(po, locale=language)


@pytest.fixture(scope="module")
def messages() -> dict[str, str]:
    return extracted()


def test_extraction_finds_the_user_interface(messages):
    # Guards the test itself: the templates and the code are both read.
    assert "week %(number)d" in messages


def test_every_message_is_translated_in_dutch(messages):
    dutch = catalogue("nl")
    missing = [f"{where}: {msgid!r}" for msgid, where in sorted(messages.items(), key=lambda m: m[1])
               if not (entry := dutch.get(msgid)) or not _translated(entry)]
    assert missing == [], (f"{len(missing)} message(s) without a Dutch translation; run "
                           f"`bash scripts/translations.sh` and translate them in "
                           f"i18n/locales/nl/LC_MESSAGES/messages.po:\n" + "\n".join(missing))


def test_a_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for entry in catalogue("nl"):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = {p for msgid in ids for p in PLACEHOLDER.findall(msgid)}
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) - expected:
                wrong.append(f"{entry.id!r} -> {string!r}")
    assert wrong == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_each_catalogue_compiles_and_is_found(language):
    assert language in ("en", "nl") or i18n.catalogue_path(language).is_file()
    i18n.translations.cache_clear()
    i18n.translations(language)  # read_po and write_mo raise on a broken catalogue


def _translated(entry) -> bool:
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return not entry.fuzzy and all(strings)


def test_every_catalogue_is_installed_with_the_package():
    # A wheel carries what package-data names: the catalogues, compiled when first used.
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = setuptools["package-data"]["i18n"]
    shipped = {p for pattern in patterns for p in (ROOT / "i18n").glob(pattern)}
    assert {i18n.catalogue_path(language) for language in i18n.LANGUAGES} <= shipped
