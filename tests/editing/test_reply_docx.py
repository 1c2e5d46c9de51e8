"""Reading a Word reply form: its reply tables only, paragraphs and bullets kept, every problem placed."""

from __future__ import annotations

import io

import pytest
from docx import Document

from plan_cli.basics.files import Unreadable
from plan_cli.editing.replies import identity_line
from plan_cli.editing.reply_docx import parse_docx_reply
from plan_cli.plan.model import Status


def word_reply(
    *tables: tuple[str, str, list[tuple[str, str]]], rows: tuple[str, ...] = ("Status", "Update")
) -> bytes:
    """A Word file like a filled form: the identity line, then per item a reply table (status typed in)."""
    document = Document()
    document.add_paragraph(identity_line("northumbria-police", "march-2027"))
    document.add_paragraph("Reply for 9.9 in a paragraph is not a table.")
    for item_id, status, paragraphs in tables:
        table = document.add_table(rows=1 + len(rows), cols=2)
        table.rows[0].cells[0].text = f"Reply for {item_id}"
        for row, label in zip(table.rows[1:], rows, strict=True):
            row.cells[0].text = label
        table.rows[1].cells[1].text = status
        cell = table.rows[-1].cells[1]
        for index, (style, text) in enumerate(paragraphs):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if style != "p":
                paragraph.style = document.styles[style]
            paragraph.add_run(text)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def test_paragraphs_and_bullets_are_kept_and_each_table_is_read() -> None:
    raw = word_reply(
        ("7.1", "Ongoing", [("p", "First."), ("p", "Then:"), ("List Bullet", "one"), ("List Number", "two")]),
        ("7.2", "Choose a status", []),
        ("25.1", "done", [("p", "Finished.")]),
    )
    read = parse_docx_reply(raw, "r.docx")
    assert read.problems == ()
    assert [(r.item_id, r.status, r.text, r.place) for r in read.replies] == [
        ("7.1", Status.IN_PROGRESS, "First.\n\nThen:\n- one\n- two", "table 1, item 7.1"),
        ("25.1", Status.COMPLETE, "Finished.", "table 3, item 25.1"),
    ]
    assert read.unfilled == ("7.2",)


def test_problems_name_the_file_the_table_and_the_item() -> None:
    read = parse_docx_reply(
        word_reply(("7.1", "", [("p", "Text only.")]), ("7.2", "amber", [("p", "x")])), "r.docx"
    )
    assert [str(p).split(";")[0] for p in read.problems] == [
        "r.docx: table 1, item 7.1: a text but no status",
        "r.docx: table 2, item 7.2: 'amber' could mean 'in progress' or 'blocked'",
    ]


def test_a_reply_table_without_its_update_row_is_a_problem() -> None:
    read = parse_docx_reply(word_reply(("7.1", "complete", [("p", "x")]), rows=("Status", "Notes")), "r.docx")
    assert [str(p) for p in read.problems] == [
        "r.docx: table 1, item 7.1: the reply table has no Update row; put the table back as the form had it"
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "is not a Word document"),
        (b"PK\x03\x04 broken", "is not a Word document"),
    ],
)
def test_what_is_not_a_word_file_is_unreadable(raw: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        parse_docx_reply(raw, "r.docx")


def test_a_part_that_inflates_beyond_its_declared_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from plan_cli.editing import reply_docx

    monkeypatch.setattr(reply_docx, "MOST_DECOMPRESSED", 1000)
    raw = word_reply(("7.1", "complete", [("p", "x" * 5000)]))
    with pytest.raises(Unreadable, match="zip bomb"):
        parse_docx_reply(raw, "r.docx")
