"""plan_cli.documents.charts: charts drawn as inline SVG that say in words what they show, text escaped."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from plan_cli.documents.charts import STATUS_STYLE, status_by_round_svg, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def round_counts(title: str) -> list[dict[str, object]]:
    counts = [{"status": "in-progress", "count": 3}, {"status": "blocked", "count": 1}]
    return [{"round": {"title": title}, "updated": 4, "counts": counts}]


def test_the_status_chart_is_an_image_with_a_title_a_description_and_letters() -> None:
    svg = ElementTree.fromstring(status_by_round_svg(round_counts("Spring 2027 Update")))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title") is not None
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text == "Spring 2027 Update: 3 in-progress, 1 blocked"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "P 3" in texts and "B 1" in texts


def test_the_key_names_the_statuses_the_bars_show() -> None:
    svg = ElementTree.fromstring(status_by_round_svg(round_counts("Q1 Review")))
    texts = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"in-progress", "blocked"} <= texts
    assert not {"unstated", "complete", "superseded", "not-started"} & texts


def test_hostile_round_titles_stay_text() -> None:
    hostile = '<script>alert(1)</script> & "quoted"'
    markup = status_by_round_svg(round_counts(hostile))
    assert "<script>" not in markup
    svg = ElementTree.fromstring(markup)
    assert hostile in [t.text for t in svg.iter(f"{SVG}text")]


def test_every_status_has_its_own_letter() -> None:
    letters = [letter for _, _, letter in STATUS_STYLE.values()]
    assert len(set(letters)) == len(letters)


def test_the_timeline_marks_today_and_says_how_many_entries_are_in_each_state() -> None:
    entries = [
        {"date": "2025-03-27", "start": date(2025, 3, 27), "end": date(2025, 3, 27), "kind": "recommendation",
         "ref": "7", "text": "By 27 March 2025 <b>", "state": "passed"},
        {"date": "2027-01", "start": date(2027, 1, 1), "end": date(2027, 1, 31), "kind": "milestone",
         "ref": "7.1", "text": "Go live", "state": "upcoming"},
        {"date": "unknown", "start": None, "end": None, "kind": "dependency", "ref": "x", "text": "?",
         "state": "upcoming"},
    ]  # fmt: skip
    markup = timeline_svg(entries, date(2026, 11, 28))
    svg = ElementTree.fromstring(markup)
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert desc.text.startswith("2 dated entries from 2025-03-27 to 2027-01-31: 0 done, 1 passed")
    assert "today" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "<b>" not in markup
