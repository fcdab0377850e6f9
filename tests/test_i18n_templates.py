"""No English outside the catalogue in a template: every text a reader sees in web/templates is
inside a translation call (`_()`, `ngettext`, `{% trans %}`), so the Dutch page has no English
left in it. Each template is parsed by Jinja (with the i18n extension, as the app does); its
plain text (`nodes.TemplateData`, which is what is *not* in a translation call) is read as HTML,
and any text with letters, or a title, placeholder, alt or aria-label attribute with letters,
fails the test unless it is not language (the allow-list below)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parent.parent / "web" / "templates"
TEMPLATES = sorted(p for p in ROOT.rglob("*") if p.suffix in (".html", ".txt"))
HOLE = "\x01"  # where an expression or a translation call was
LETTERS = re.compile(r"[^\W\d_]{2,}")
READ_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label"}
# What reads the same in every language: the product's name and example values in placeholders.
NOT_LANGUAGE = {"rhythm", "acme", "utrecht", "utrecht 84"}
MAIL_HEADER = re.compile(r"^Subject:", re.M)  # web/mail.py splits the subject off by this word


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._code = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._code += 1
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._code = max(0, self._code - 1)

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.found.append(data)


def plain_text(template: Path) -> str:
    """The template's text outside every `{{ }}`, `{% %}` and translation call, holes marked."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(template.read_text(encoding="utf-8"))
    return HOLE.join(node.data for node in tree.find_all(nodes.TemplateData))


def untranslated(template: Path) -> list[str]:
    text = plain_text(template)
    if template.suffix == ".txt":
        pieces = MAIL_HEADER.sub("", text).split(HOLE)
    else:
        parser = _Text()
        parser.feed(text)
        parser.close()
        pieces = [p for piece in parser.found for p in piece.split(HOLE)]
    return [p.strip() for p in pieces
            if LETTERS.search(p) and p.strip().strip("·◐ ").lower() not in NOT_LANGUAGE]


def test_the_check_sees_unmarked_text(tmp_path):
    # Guards the test itself: English outside a call is found, inside one it is not.
    page = tmp_path / "page.html"
    page.write_text('<h1>Your week</h1><p title="Office day">{{ _("Lunch") }}</p>'
                    '{% trans %}Focus time{% endtrans %}<input placeholder="{{ _(\'name\') }}">'
                    '<style>.x { color: red }</style> · rhythm')
    assert untranslated(page) == ["Your week", "Office day"]


def test_templates_are_found():
    assert len(TEMPLATES) > 30 and ROOT / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_text_of_a_template_is_in_the_catalogue(template):
    assert untranslated(template) == [], (
        f"{template.relative_to(ROOT)} shows English outside a translation call; wrap it in "
        f"{{{{ _('...') }}}} or {{% trans %}}, then run `bash scripts/translations.sh` and "
        f"translate it in i18n/locales/nl/LC_MESSAGES/messages.po")
