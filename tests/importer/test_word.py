"""plan_cli.importer.word: a Word table's merged cells come back once, with the rows they span."""

from __future__ import annotations

import io

import docx

from plan_cli.importer.word import tables_from_docx

HEADINGS = ("Rec No.", "Recommendation", "Evidence No.", "Evidence requirements", "Initial response")


def merged_document() -> bytes:
    """A plan table whose initial response for 7.1 is merged down over 7.2's row."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=len(HEADINGS))
    rows = [
        HEADINGS,
        ("7", "By 27 March 2025, seek changes.", "7.1", "Processes.", "One answer for both."),
        ("", "", "7.2", "Measures.", ""),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 4).merge(table.cell(2, 4))
    table.cell(1, 4).text = "One answer for both."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_cell_merged_down_comes_back_once_counting_the_rows_it_spans() -> None:
    rows = tables_from_docx(merged_document(), "plan.docx")[0].rows
    assert rows[1].cells[4].text == "One answer for both." and rows[1].cells[4].down == 2
    assert rows[2].cells[4].is_empty
    assert rows[1].cells[2].down == 1
