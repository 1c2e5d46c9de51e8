"""The national roll-up as Word: the map in shaded cells with letters, the half-year shares, the same bytes each time."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from plan_cli.national.docx import national_docx
from plan_cli.national.report_data import national_context

from .test_rollup import FENLAND, HARBOUR, WEARSIDE, rolled


def built(**selection: object) -> bytes:
    return national_docx(national_context(rolled(**selection)))


def fill(cell: object) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None  # type: ignore[attr-defined]
    return shading.get(qn("w:fill")) if shading is not None else None


def test_the_map_is_a_table_of_shaded_cells_each_with_its_letter() -> None:
    document = Document(io.BytesIO(built()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Force" and len(t.columns) == 4)
    assert [cell.text for cell in table.rows[0].cells] == ["Force", "7", "14", "25"]
    rows = {row.cells[0].text: row.cells[1:] for row in table.rows[1:]}
    assert set(rows) == {FENLAND, HARBOUR, WEARSIDE}
    assert [cell.text for cell in rows[FENLAND]] == ["B", "-", "N"]
    assert fill(rows[FENLAND][0]) == "942514"
    assert [cell.text for cell in rows[HARBOUR]] == ["B", "S", "P"]
    assert fill(rows[HARBOUR][2]) == "FFDD00"


def test_the_half_year_shares_are_shaded_by_status() -> None:
    document = Document(io.BytesIO(built()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Half-year")
    last = table.rows[-1].cells
    assert last[0].text == "2026 H1"
    assert "P 33%" in [cell.text for cell in last]
    assert fill(next(cell for cell in last if cell.text == "P 33%")) == "FFDD00"


def test_the_document_says_what_is_missing_one_line_per_force() -> None:
    document = Document(io.BytesIO(built()))
    lines = [p.text for p in document.paragraphs]
    assert f"{FENLAND}: not in its plan: 14, 7.2; no update in its latest round: 25.1" in lines
    assert not any("None" in line for line in lines)


def test_the_same_roll_up_gives_the_same_bytes() -> None:
    assert built() == built()
