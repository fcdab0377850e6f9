"""How the week table's lines fit the terminal: a line per day with its label and place in
columns and its items after them, wrapped under each other, never cut (`cli/table.py`)."""

from __future__ import annotations

import textwrap

DOT = " · "  # between the items of a day
KEEP = "\u00a0"  # a space no line breaks at: inside a person's name

Lines = list[str]
Row = tuple[str, str, list[str]]  # day, place, items


def block_rows(rows: list[Row], width: int) -> Lines:
    """A line per day: its label and place in columns, then its items, wrapped under each other."""
    label = max((len(day) for day, _, _ in rows), default=0)
    place = max((len(where) for _, where, _ in rows), default=0)
    out: Lines = []
    for day, where, items in rows:
        out += wrap_items(f"  {day.ljust(label)}  {where.ljust(place)}  ", items, width)
    return out


def wrap_items(prefix: str, items: list[str], width: int) -> Lines:
    """`prefix` and the items joined by a dot; an item that does not fit starts the next line
    under the first, and one longer than a whole line wraps between its words, its further
    lines indented under its title. Nothing is cut, and a name (spaces kept as `KEEP`) stays
    on one line."""
    indent = " " * len(prefix)
    lines: Lines = []
    current, fresh = prefix, True  # fresh: nothing after the prefix or indent yet
    for item in items:
        joined = item if fresh else DOT + item
        if len(current) + len(joined) <= width:
            current, fresh = current + joined, False
            continue
        if not fresh:
            lines.append(current)
            current = indent
        hang = " " * min(item.find(" ") + 1, len("00:00-00:00 "))  # under the title, past the time
        parts = textwrap.wrap(item, max(width - len(indent), 20), subsequent_indent=hang,
                              break_long_words=False, break_on_hyphens=False)
        if len(parts) > 1:
            lines += [current + parts[0], *(indent + part for part in parts[1:-1])]
            current = indent + parts[-1]
        else:
            current += item  # one word longer than the line: left whole
        fresh = False
    return [line.replace(KEEP, " ").rstrip() for line in [*lines, current]]


def fit(lines: Lines, width: int) -> Lines:
    """Every line at most `width`: a longer one wraps between words, indented under itself."""
    out: Lines = []
    for line in lines:
        if len(line) <= width:
            out.append(line.rstrip())
            continue
        lead = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(line, width, subsequent_indent=lead + "    ", break_long_words=False,
                             break_on_hyphens=False)
    return out
