"""An SVG document built from rectangles, lines and text: all the report's charts are made of.

No ids and no style sheet: several charts sit in one HTML page (an id would clash) and the
web app shows them as `<img>`s under a strict CSP. Text stays text, in DejaVu Sans, the font
matplotlib drew the charts in; its widths below let a chart make room for its longest label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

# DejaVu Sans first (the widths below are its own), then fonts as wide or narrower, so a label
# never outgrows the room made for it where DejaVu Sans is missing (a browser, resvg).
FONT = "DejaVu Sans, Verdana, Liberation Sans, Arial, sans-serif"
# DejaVu Sans's advance widths of the characters from space to tilde, in 1/2048 em.
_ADVANCE = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405,
    1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300,
    1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300,
    1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298,
    1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
)
_WIDEST = 2048  # a wide (East Asian) character
_AVERAGE = 1300  # any other letter outside the table: a digit's width
# From the middle of a line of text to its baseline, as a share of the font size: capitals
# and digits, 0.73 em high in DejaVu Sans, then sit centred on the point given.
_CENTRE_TO_BASELINE = 0.36

Rect = tuple[float, float, float, float]  # x, y, width, height


def text_width(text: str, size: float) -> float:
    """How wide `text` is at `size` pixels in DejaVu Sans (accented letters as their base)."""
    return sum(_advance(c) for c in text) * size / 2048


def _advance(char: str) -> int:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    code = ord(base)
    if 32 <= code <= 126:
        return _ADVANCE[code - 32]
    return _WIDEST if unicodedata.east_asian_width(base) in "WF" else _AVERAGE


def number(value: float) -> str:
    """A coordinate: one decimal is a tenth of a pixel, finer than any screen shows."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Svg:
    """One chart's document, `width` by `height` pixels; `render` gives the `<svg>` element."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self._parts: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> None:
        self._parts.append(f'<rect x="{number(x)}" y="{number(y)}" width="{number(width)}" '
                           f'height="{number(height)}" fill="{fill}"/>')

    def rects(self, rects: Iterable[Rect], fill: str) -> None:
        """Many rectangles of one colour as one path: a week grid of fifty stays small."""
        steps = [f"M{number(x)} {number(y)}h{number(w)}v{number(h)}h{number(-w)}z"
                 for x, y, w, h in rects if w > 0 and h > 0]
        if steps:
            self._parts.append(f'<path d="{"".join(steps)}" fill="{fill}"/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, *, colour: str = "#000000",
             width: float = 1.0, dashed: bool = False) -> None:
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        self._parts.append(f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" '
                           f'y2="{number(y2)}" stroke="{colour}" stroke-width="{number(width)}"{dash}/>')

    def text(self, x: float, y: float, content: str, *, size: float = 14, anchor: str = "start",
             rotate: float = 0, colour: str = "#000000") -> None:
        """`content` with its middle at height `y`; `anchor` start, middle or end at `x`;
        `rotate` degrees anticlockwise about (x, y)."""
        turn = f' transform="rotate({number(-rotate)} {number(x)} {number(y)})"' if rotate else ""
        fill = f' fill="{colour}"' if colour != "#000000" else ""
        middle = "" if anchor == "start" else f' text-anchor="{anchor}"'
        baseline = y + _CENTRE_TO_BASELINE * size
        self._parts.append(f'<text x="{number(x)}" y="{number(baseline)}" font-size="{number(size)}"'
                           f"{middle}{fill}{turn}>{escape(content)}</text>")

    def render(self) -> str:
        width, height = number(self.width), number(self.height)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}" font-family={quoteattr(FONT)}>'
                f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(self._parts) + "</svg>")
