"""Word documents: the NPCC layout and the progress report, byte for byte the same for the same day.

Golden files: tests/golden/<name>.docx/ holds the parts this project writes
(word/document.xml, docProps/core.xml) indented one element a line, so a diff
shows what moved, and parts.txt, every part's name in package order (the
rest come from python-docx's own template). Regenerate with PLAN_UPDATE_GOLDEN=1
and review the diff.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from plan_cli.documents.docx import plan_docx, report_docx
from plan_cli.documents.template_context import template_context
from plan_cli.plan.model import Plan
from plan_cli.reading.loader import parse_plan

from ..conftest import TODAY

GOLDEN = Path(__file__).parent.parent / "golden"
WRITTEN_PARTS = ("word/document.xml", "docProps/core.xml")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def golden_parts(data: bytes) -> dict[str, bytes]:
    """The parts a golden folder holds: the written XML parts indented, and the list of every part."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    files = {
        name: etree.tostring(etree.fromstring(parts[name]), pretty_print=True, encoding="UTF-8")
        for name in WRITTEN_PARTS
    }
    files["parts.txt"] = "".join(f"{name}\n" for name in parts).encode()
    return files


def check_golden(folder: str, data: bytes) -> None:
    root = GOLDEN / folder
    for name, content in golden_parts(data).items():
        path = root / name
        if os.environ.get("PLAN_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        assert content == path.read_bytes(), f"{folder}/{name} differs from its golden file"


@pytest.mark.parametrize(("folder", "producer"), [("plan.docx", plan_docx), ("report.docx", report_docx)])
def test_documents_match_their_golden_parts(real_plan: Plan, folder: str, producer) -> None:
    check_golden(folder, producer(template_context(real_plan, TODAY)))


@pytest.mark.parametrize("producer", [plan_docx, report_docx])
def test_same_plan_and_day_give_the_same_bytes(real_plan: Plan, producer) -> None:
    first = producer(template_context(real_plan, TODAY))
    assert first == producer(template_context(real_plan, TODAY))
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"
    later = producer(template_context(real_plan, date(2027, 3, 20)))
    assert later != first


def test_plan_is_a_landscape_table_in_the_npcc_layout(real_plan: Plan) -> None:
    document = Document(io.BytesIO(plan_docx(template_context(real_plan, TODAY))))
    assert document.sections[0].orientation is WD_ORIENT.LANDSCAPE
    assert document.core_properties.title == real_plan.title
    assert document.core_properties.author == ""
    text = [p.text for p in document.paragraphs]
    assert text[:5] == [
        real_plan.title,
        real_plan.responds_to,
        "Force: Northumbria Police",
        f"Executive Lead: {real_plan.executive_lead}",
        f"Operational Lead: {real_plan.operational_lead}",
    ]
    assert (
        text[-1]
        == "Status summarises each item's latest update (March 2026 Update). Last updated 28 November 2026."
    )
    (table,) = document.tables
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == [
        "Rec. No.",
        "Recommendation",
        "Evidence requirements of progress/completion",
        "Recommendation Owner",
        "Initial Action Plan Response",
        "March 2025 Update",
        "March 2026 Update",
        "Status",
    ]
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None, "the header row repeats on every page"
    assert len(table.rows) == len(real_plan.items) + 1


def test_every_published_word_is_in_the_table(real_plan: Plan) -> None:
    document = Document(io.BytesIO(plan_docx(template_context(real_plan, TODAY))))
    rows = {row.cells[2].text.split(" ", 1)[0]: row for row in document.tables[0].rows[1:]}
    titles = [r.title for r in real_plan.rounds]
    for rec in real_plan.recommendations:
        for item in rec.items:
            cells = rows[item.id].cells
            assert cells[0].text == str(rec.number) and cells[1].text == rec.text
            assert cells[2].text == f"{item.id} {item.evidence}" if item.evidence else item.id
            for update in item.updates:
                column = 4 + titles.index(real_plan.round(update.round).title)
                assert cells[column].text == "\n".join(update.paragraphs)  # a paragraph a line


def test_part_labels_are_bold_as_published(real_plan: Plan) -> None:
    document = Document(io.BytesIO(plan_docx(template_context(real_plan, TODAY))))
    cell = document.tables[0].rows[1].cells[4]  # 7.1, Initial Action Plan Response
    first = cell.paragraphs[0].runs
    assert (first[0].text, first[0].bold) == ("Context", True)
    assert (first[1].text, first[1].bold) == (" - ", None)


def test_recommendation_cells_span_their_items(real_plan: Plan) -> None:
    document = Document(io.BytesIO(plan_docx(template_context(real_plan, TODAY))))
    table = document.tables[0]
    merged = [tc for tc in table._tbl.iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}vMerge") is not None]
    spanned = sum(len(rec.items) for rec in real_plan.recommendations if len(rec.items) > 1)
    assert len(merged) == 2 * spanned


def test_report_has_the_sections_and_the_rounds_table(real_plan: Plan) -> None:
    document = Document(io.BytesIO(report_docx(template_context(real_plan, TODAY))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("Summary", "Progress by round", "Recommendations", "Open dependencies", "Stale items"):
        assert wanted in headings
    rounds = next(t for t in document.tables if t.rows[0].cells[0].text == "Round")
    assert [row.cells[0].text for row in rounds.rows[1:]] == [
        "Initial Action Plan Response",
        "March 2025 Update",
        "March 2026 Update",
    ]
    assert all(
        sum(int(cell.text.split()[-1]) for cell in row.cells[2:]) == len(real_plan.items)
        for row in rounds.rows[1:]
    )


@settings(max_examples=30, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=120))
def test_any_text_comes_back_word_for_word(text: str) -> None:
    minimal = (Path(__file__).parent.parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    plan = parse_plan(minimal, "plan.yaml").plan
    rec = plan.recommendations[0]
    plan = plan._replace(recommendations=(rec._replace(text=text), *plan.recommendations[1:]))
    document = Document(io.BytesIO(plan_docx(template_context(plan, TODAY))))
    assert document.tables[0].rows[1].cells[1].text == text
