"""The charts carry the hand-counted numbers in their tables and their labels in the SVG."""

from __future__ import annotations

from report.charts import plan_charts
from report.figures import figures_of

from .week import three_plan, three_request


def charts_of(**options: object) -> dict:
    asked = three_request(office_capacity=2)
    figures = figures_of(three_plan(asked), asked, **options)
    return {c.id: c for c in plan_charts(figures)}


def test_each_chart_has_its_text_alternative_and_numbers() -> None:
    charts = charts_of()
    assert list(charts) == ["week", "occupancy", "overlap", "load", "per-day", "focus"]
    occupancy = charts["occupancy"]
    assert [r[1] for r in occupancy.rows] == ["1", "2", "0", "1", "1"]
    assert "against a capacity of 2" in occupancy.alt
    assert "2 pairs never are" in charts["overlap"].alt  # ana-cas and bram-cas
    assert charts["load"].rows[0] == ("Ana", "3", "1 h 45", "1")  # durations read as hours and minutes
    assert all(c.png().startswith(b"\x89PNG") and c.svg.startswith("<svg") for c in charts.values())


def test_svg_labels_stay_text() -> None:
    charts = charts_of()
    assert ">Cas<" in charts["overlap"].svg.replace("\n", "")
    assert "people at the office" in charts["occupancy"].svg


def test_a_building_mapping_adds_its_chart() -> None:
    charts = charts_of(buildings={"ana": "north", "bram": "north", "cas": "south"},
                       building_capacity={"north": 2})
    assert charts["buildings"].headers == ("Day", "north (capacity 2)", "south (capacity -)")
    assert [r[1:] for r in charts["buildings"].rows] == [
        ("1", "0"), ("2", "0"), ("0", "0"), ("1", "0"), ("0", "1")]
