"""The map and the status-by-period bars as inline SVG: labelled, no script, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plan_cli.national.force_figures import rollup_statuses
from plan_cli.national.map_svg import map_svg, periods_svg
from plan_cli.national.national_map import STATES, MapRow, NationalMap, national_map, status_by_period

from .test_rollup import FENLAND, HARBOUR, WEARSIDE, rolled

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_the_map_is_an_image_labelled_by_its_title_and_description() -> None:
    root = parsed(map_svg(national_map(rolled())))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "3 forces by 3 recommendations" in (desc.text or "")
    assert not list(root.iter(f"{SVG}script"))


def test_the_map_names_every_force_and_draws_a_letter_per_cell() -> None:
    root = parsed(map_svg(national_map(rolled())))
    shown = texts(root)
    assert {FENLAND, HARBOUR, WEARSIDE} <= set(shown)
    assert {"7", "14", "25"} <= set(shown)
    cells = [text for text in shown if len(text) == 1 and not text.isdigit()]
    assert cells.count("B") == 3 + 1  # one per force for 7, and one in the legend
    assert "not in its plan" in shown


def test_hostile_force_names_stay_text() -> None:
    hostile = '<script>alert(1)</script> & "x"'
    found = NationalMap((7,), (MapRow(hostile, ("blocked",), 1, 0, None, 0),), (STATES["blocked"],), None)
    svg = map_svg(found)
    assert "<script>" not in svg
    assert hostile in texts(parsed(svg))


def test_the_bars_are_labelled_and_share_each_period_by_status() -> None:
    roll = rolled()
    root = parsed(periods_svg(status_by_period(roll), rollup_statuses(roll)))
    assert root.get("role") == "img"
    shown = texts(root)
    assert "2026 H1 (3 forces)" in shown
    assert "P 33%" in shown
    widths = [float(rect.get("width") or 0) for rect in root.iter(f"{SVG}rect")]
    assert abs(sum(widths[:4]) - 420) < 1  # 2024 H2: not started, in progress, blocked, complete
