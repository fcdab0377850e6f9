"""The report as one self-contained HTML page: the charts inline as SVG, the style inline, no
script and nothing fetched, so it opens from disk and can be mailed. Each chart's PNG is
written beside it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

import i18n

from .draw import Chart, pngs

_ENV = Environment(loader=PackageLoader("report", "templates"), autoescape=select_autoescape(["html"]),
                   extensions=["jinja2.ext.i18n"])
# The page speaks the language in use (`rhythm report --lang nl`), from rhythm's one catalogue.
_ENV.install_gettext_callables(gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]


Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def render_page(title: str, lead: str, charts: list[Chart], summary: Table, timezone: str,
                against: str | None = None, trade: str | None = None) -> str:
    css = files("report").joinpath("templates/report.css").read_text(encoding="utf-8")
    macros = _ENV.get_template("macros.html").module
    return _ENV.get_template("report.html").render(
        title=title, lead=lead, charts=charts, css=css, table=macros.table,  # type: ignore[attr-defined]
        summary_headers=summary[0], summary_rows=summary[1], timezone=timezone, against=against,
        trade=trade, language=i18n.current())


def write_report(out: Path, page: str, charts: list[Chart], processes: int = 1) -> Path:
    """index.html and one PNG per chart in `out` (rasterised in `processes` at once); the page
    last, so a reader never finds a page whose pictures are still being written."""
    out.mkdir(parents=True, exist_ok=True)
    for chart, png in zip(charts, pngs(charts, processes), strict=True):
        (out / f"{chart.id}.png").write_bytes(png)
    index = out / "index.html"
    temporary = out / ".index.html.part"
    temporary.write_text(page, encoding="utf-8")
    temporary.replace(index)
    return index
