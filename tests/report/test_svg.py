"""The charts as SVG documents: well-formed, self-contained, and carrying the hand-counted
figures of the three-member week (`week.py`) in their shapes, colours and text; each PNG is
that SVG rasterised, labels included."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace

from report.charts import plan_charts
from report.charts_week import KINDS
from report.draw import Chart, pngs
from report.figures import figures_of
from report.svg.axes import nice_ticks
from report.svg.cividis import cividis
from report.svg.writer import Svg, text_width
from tests import factories as f

from .week import three_plan, three_request

SVG = "{http://www.w3.org/2000/svg}"
Rect = tuple[float, float, float, float]


def charts_of(**options: object) -> dict[str, Chart]:
    asked = three_request(office_capacity=2)
    return {c.id: c for c in plan_charts(figures_of(three_plan(asked), asked, **options))}


def rhythm_charts() -> dict[str, Chart]:
    two = replace(three_request(), weeks=2)
    plan = replace(f.plan(two), exceptions=(f.office_change("ana", 1, ("mon", "wed")),))
    return {c.id: c for c in plan_charts(figures_of(plan, two))}


def texts(chart: Chart) -> list[str]:
    return [t.text or "" for t in ET.fromstring(chart.svg).iter(f"{SVG}text")]


def shapes(chart: Chart, colour: str) -> list[Rect]:
    """The data's rectangles filled with `colour`: bars, blocks and cells are drawn as paths of
    rectangles, one path a colour (a legend's swatch is a `<rect>` of its own)."""
    found: list[Rect] = []
    for path in ET.fromstring(chart.svg).iter(f"{SVG}path"):
        if path.get("fill", "").lower() == colour.lower():
            for x, y, w, h in re.findall(r"M([-\d.]+) ([-\d.]+)h([-\d.]+)v([-\d.]+)", path.get("d", "")):
                found.append((float(x), float(y), float(w), float(h)))
    return found


def test_every_chart_is_a_well_formed_self_contained_svg() -> None:
    charts = {**charts_of(buildings={"ana": "north", "bram": "north", "cas": "south"}), **rhythm_charts()}
    assert set(charts) == {"week", "occupancy", "buildings", "overlap", "load", "per-day", "focus", "rhythm"}
    for chart in charts.values():
        root = ET.fromstring(chart.svg)  # raises on anything not well-formed
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
        # Several charts share one page: no ids to clash, nothing to fetch or run.
        assert not re.search(r"\bid=|<script|href=|<style", chart.svg)


def test_occupancy_bars_stand_as_high_as_the_people_counted() -> None:
    occupancy = charts_of()["occupancy"]
    bars = sorted(shapes(occupancy, "#0072B2"))  # this plan's bars, left to right: Mon Tue Thu Fri
    heights = [round(h, 1) for *_, h in bars]
    assert heights == [heights[0], 2 * heights[0], heights[0], heights[0]]  # 1, 2, (0), 1, 1
    shown = texts(occupancy)
    days = [t for t in shown if re.fullmatch(r"\w{3} \d\d \w{3}", t)]
    assert days == ["Mon 30 Nov", "Tue 01 Dec", "Wed 02 Dec", "Thu 03 Dec", "Fri 04 Dec"]
    assert {"people at the office", "capacity"} <= set(shown)


def test_the_heat_map_holds_the_shared_office_days_in_numbers_and_colours() -> None:
    overlap = charts_of()["overlap"]
    cells = [t for t in texts(overlap) if t.isdigit()]
    # Row by row, then the colour bar's ticks: ana shares Tuesday with bram, cas shares no day.
    assert cells[:9] == ["2", "1", "0", "1", "2", "0", "0", "0", "1"]
    assert len(shapes(overlap, cividis(2, 2))) == 2 and len(shapes(overlap, cividis(0, 2))) == 4
    assert "Shared office days (plan)" in texts(overlap)


def test_the_week_grid_draws_each_meeting_lunch_and_focus_block() -> None:
    week = charts_of()["week"]
    assert len(shapes(week, KINDS["meeting"])) == 9  # three meetings each
    assert len(shapes(week, KINDS["lunch"])) == 15  # every workday, every member
    assert len(shapes(week, KINDS["focus"])) == 1  # ana's, on Thursday
    assert {"Ana", "Bram", "Cas", "Thu 03 Dec", "at the office"} <= set(texts(week))


def test_hours_on_bars_read_as_hours_and_minutes() -> None:
    assert "1 h 45" in texts(charts_of()["load"])  # ana: sync, review and the 1:1


def test_text_is_escaped_and_stays_text() -> None:
    drawn = Svg(100, 40)
    drawn.text(10, 20, "Ana & <Bram> \"B\"")
    assert [t.text for t in ET.fromstring(drawn.render()).iter(f"{SVG}text")] == ['Ana & <Bram> "B"']


def test_accented_names_are_as_wide_as_their_letters() -> None:
    assert text_width("Anaïs Özil", 14) == text_width("Anais Ozil", 14) > text_width("Ana", 14)


def test_value_axes_tick_at_round_numbers() -> None:
    assert nice_ticks(6, whole=True) == [0, 1, 2, 3, 4, 5, 6]
    assert nice_ticks(3.08) == [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]
    assert nice_ticks(1, whole=True) == [0, 1]  # never half a person
    assert nice_ticks(47, whole=True) == [0, 10, 20, 30, 40, 50]


def test_cividis_is_matplotlibs_table() -> None:
    assert [cividis(v, 3) for v in (0, 1, 2, 3)] == ["#00224e", "#575d6d", "#a59c74", "#fee838"]


def test_the_png_is_the_svg_rasterised_with_its_labels() -> None:
    chart = charts_of()["occupancy"]
    png = chart.png()
    width, height = struct.unpack(">II", png[16:24])  # the PNG header's size
    root = ET.fromstring(chart.svg)
    assert png.startswith(b"\x89PNG") and (width, height) == (int(root.get("width")), int(root.get("height")))
    unlabelled = replace(chart, svg=re.sub(r"<text.*?</text>", "", chart.svg))
    assert unlabelled.png() != png  # a font was found: the labels are in the picture


def test_pngs_rasterised_in_two_processes_are_the_same() -> None:
    charts = list(charts_of().values())
    assert pngs(charts, processes=2) == pngs(charts)
