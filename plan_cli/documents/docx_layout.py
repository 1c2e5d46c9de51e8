"""Building blocks of the Word documents: the page, tables, runs of text, and bytes that do not vary."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from plan_cli.basics.wording import plural
from plan_cli.documents.charts import STATUS_STYLE
from plan_cli.documents.filters import status_words

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TABLE_FONT = Pt(8)
A4_LONG, A4_SHORT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.27)


def new_document(title: str, subject: str, today: date, landscape: bool) -> DocumentObject:
    """An empty A4 document whose properties depend only on ``title``, ``subject`` and ``today``."""
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = A4_LONG, A4_SHORT
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4_SHORT, A4_LONG
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    stamp = datetime(today.year, today.month, today.day)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    return document


def new_table(document: DocumentObject, headings: Sequence[str], rows: int) -> Table:
    """A grid table with a bold header row that Word repeats at the top of every page."""
    table: Table = document.add_table(rows=rows + 1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, heading in zip(header.cells, headings, strict=True):
        cell_text(cell, heading, bold=True)
    return table


def filled_table(document: DocumentObject, headings: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table of plain text cells under ``headings``, its columns as wide as their text needs.

    Each column's share of the page follows the longest text in it (up to a
    limit), so a text column is the widest and a column of numbers narrow.
    """
    body = [list(row) for row in rows]
    table = new_table(document, headings, len(body))
    for row, values in zip(table.rows[1:], body, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell_text(cell, value)
    section = document.sections[-1]
    usable = (
        int(section.page_width or A4_SHORT) - int(section.left_margin or 0) - int(section.right_margin or 0)
    )
    set_widths(table, content_widths([list(headings), *body], usable))
    return table


def content_widths(rows: Sequence[Sequence[str]], usable: int) -> list[int]:
    """Column widths (EMU) sharing ``usable`` by the longest text in each column (8 to 60 characters).

    A column is never narrower than its longest word, so headings do not break inside a word.
    """
    columns = len(rows[0]) if rows else 0
    weights = []
    for index in range(columns):
        texts = [str(row[index]) for row in rows]
        longest_line = max((len(line) for text in texts for line in text.split("\n")), default=0)
        longest_word = max((len(word) for text in texts for word in text.split()), default=0)
        weights.append(min(60, max(8, longest_word + 5, longest_line)))
    total = sum(weights) or 1
    return [usable * weight // total for weight in weights]


STATUS_FILLS: dict[str, tuple[str, str, str]] = {
    status: (fill.lstrip("#").upper(), ink.lstrip("#").upper(), letter)
    for status, (fill, ink, letter) in STATUS_STYLE.items()
}
"""Each status's cell fill, text colour and letter in Word: the charts' palette."""


def shade(cell: _Cell, status: str, text: str) -> None:
    """Fill ``cell`` with the status's colour and write ``text`` after its letter, readable without colour."""
    fill, ink, letter = STATUS_FILLS.get(status, ("FFFFFF", "1A1A1A", "?"))
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)
    runs = [run for paragraph in cell.paragraphs for run in paragraph.runs]
    for run in runs:
        run.text = ""
    run = runs[0] if runs else cell.paragraphs[0].add_run()
    run.text = f"{letter} {text}"
    run.font.color.rgb = RGBColor.from_string(ink)


def plan_widths(rounds: int) -> list[int]:
    """Column widths of the plan table that fill the landscape page: rounds share what is left."""
    usable = A4_LONG - 2 * MARGIN
    fixed = [Cm(1.2), Cm(4.0), Cm(4.0), Cm(2.8)]
    status = Cm(2.0)
    left = usable - sum(fixed) - status
    return [*fixed, *([left // rounds] * rounds if rounds else []), status]


def set_widths(table: Table, widths: Sequence[int]) -> None:
    """Fix the column widths: the grid Word lays out by, and each cell's own."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def add_run(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = TABLE_FONT


def add_lines(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph`` with its single line breaks kept as breaks."""
    for index, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if index:
            paragraph.add_run().add_break()
        add_run(paragraph, line)


def cell_text(cell: _Cell, text: str, bold: bool = False) -> None:
    """Put ``text`` in ``cell``: one paragraph per blank-line-separated paragraph, breaks kept."""
    paragraphs = text.replace("\r\n", "\n").split("\n\n")
    for index, paragraph_text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if bold:
            add_run(paragraph, paragraph_text, bold=True)
        else:
            add_lines(paragraph, paragraph_text)


def cell_update(cell: _Cell, update: dict[str, Any]) -> None:
    """An update in a cell: each labelled part a paragraph with its label in bold, or its paragraphs."""
    if update["parts"]:
        for index, part in enumerate(update["parts"]):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            add_run(paragraph, part["label"], bold=True)
            add_run(paragraph, " - ")
            add_lines(paragraph, part["text"])
    else:
        cell_text(cell, "\n\n".join(update["paragraphs"]))
    for document in update.get("supporting") or ():
        where = f" ({document['url']})" if document["url"] else ""
        add_labelled(cell.add_paragraph(), "Supporting document: ", f"{document['text']}{where}")


def add_labelled(paragraph: Paragraph, label: str, value: str) -> None:
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)


def status_note(item: dict[str, Any], dependencies: dict[str, dict[str, Any]]) -> str:
    """An item's status in words, with what it waits on (each dependency's title and party) and staleness."""
    note = status_words(item["status"])
    if item["blocked_by"]:
        named = [dependencies.get(dep_id) for dep_id in item["blocked_by"]]
        note += (
            " (waits on "
            + "; ".join(
                f"{dep['title']} ({dep['party']})" if dep else dep_id
                for dep_id, dep in zip(item["blocked_by"], named, strict=True)
            )
            + ")"
        )
    if item["stale"]:
        note += " · stale"
    return note


def dependency_age(dep: dict[str, Any]) -> str:
    days, rounds = dep["age_days"], dep["age_rounds"]
    text = "unknown" if days is None else plural(days, "day")
    if rounds is not None:
        text += ", " + plural(rounds, "round")
    return text


def deterministic_bytes(document: DocumentObject) -> bytes:
    """The saved document with every zip entry in name order and dated 1 January 1980."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [name for name in names if name == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name))
    return out.getvalue()
