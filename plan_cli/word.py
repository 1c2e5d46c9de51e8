"""Word documents: the plan in the NPCC template's layout, and the progress report.

Both are built from the template context (:mod:`plan_cli.template_context`), so they
show what the Markdown and HTML documents show. The bytes depend only on the
plan and ``today``: the document properties are fixed (dated ``today``, no
author, revision 1) and the zip is rewritten with its parts in one order and
one timestamp, so the same plan on the same day gives the same file, and a
golden test can compare its XML parts.

Plan text goes into runs as text, never as markup: python-docx escapes it.
"""

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
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .render import status_words
from .wording import first_sentence, long_date, plural

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TABLE_FONT = Pt(8)
A4_LONG, A4_SHORT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.27)


def plan_docx(context: dict[str, Any]) -> bytes:
    """Return the whole plan as a landscape Word document in the NPCC template's layout.

    The force and its leads above one table: Rec. No., Recommendation,
    Evidence requirements (the item id in bold, then its text), Recommendation
    Owner, a column per reported round (labelled parts with their labels in
    bold, as published), Status. The header row repeats on every page; a
    recommendation's number and text span its items' rows.
    """
    plan = context["plan"]
    document = _new_document(plan["title"], plan["force"], context["today"], landscape=True)
    document.add_heading(plan["title"], level=1)
    if plan["responds_to"]:
        document.add_paragraph(plan["responds_to"])
    for label, value in (
        ("Force", plan["force"]),
        ("Executive Lead", plan["executive_lead"]),
        ("Operational Lead", plan["operational_lead"]),
    ):
        if value:
            _labelled(document.add_paragraph(), label + ": ", value)
    rounds = plan["reported_rounds"]
    headings = [
        "Rec. No.",
        "Recommendation",
        "Evidence requirements of progress/completion",
        "Recommendation Owner",
        *(r["title"] for r in rounds),
        "Status",
    ]
    rows = [item for rec in plan["recommendations"] for item in rec["items"]]
    table = _table(document, headings, len(rows))
    widths = _plan_widths(len(rounds))
    row_index = 1
    for rec in plan["recommendations"]:
        first = row_index
        for item in rec["items"]:
            cells = table.rows[row_index].cells
            if row_index == first:
                _text(cells[0], str(rec["number"]), bold=True)
                _text(cells[1], rec["text"])
            evidence = cells[2].paragraphs[0]
            _run(evidence, item["id"], bold=True)
            if item["evidence"]:
                _run(evidence, " ")
                _lines(evidence, item["evidence"])
            _text(cells[3], item["owner"])
            for column, declared in enumerate(rounds, start=4):
                update = item["by_round"].get(declared["id"])
                if update is not None:
                    _update(cells[column], update)
            _text(cells[-1], status_words(item["status"]), bold=True)
            row_index += 1
        last = row_index - 1
        if last > first:
            for column in (0, 1):
                table.cell(first, column).merge(table.cell(last, column))
    _set_widths(table, widths)
    closing = "Status summarises each item's latest update"
    if context["latest_round"]:
        closing += f" ({context['latest_round']['title']})"
    document.add_paragraph(f"{closing}. Last updated {long_date(context['today'])}.")
    return _deterministic_bytes(document)


def report_docx(context: dict[str, Any]) -> bytes:
    """Return the progress report as a Word document: the sections and tables of ``report.md.j2``.

    Where the Markdown report draws a Mermaid timeline, this has the table of
    status counts by round and the tables of deadlines passed and coming.
    """
    plan = context["plan"]
    today: date = context["today"]
    document = _new_document(f"{plan['title']}: progress report", plan["force"], today, landscape=False)
    document.add_heading(f"{plan['title']}: progress report", level=1)
    document.add_paragraph(f"{plan['force']} · as at {long_date(today)}")
    for label, value in (
        ("Executive Lead", plan["executive_lead"]),
        ("Operational Lead", plan["operational_lead"]),
    ):
        if value:
            _labelled(document.add_paragraph(style="List Bullet"), label + ": ", value)

    document.add_heading("Summary", level=2)
    latest, following = context["latest_round"], context["next_round"]
    latest_text = "none reported yet"
    if latest:
        latest_text = latest["title"] + (f" (due {long_date(latest['due'])})" if latest["due"] else "")
    if following is None:
        next_text = "not declared yet; add it under rounds: in the plan"
    elif following["due"]:
        next_text = f"{following['title']}, due {long_date(following['due'])} ({following['due_text']})"
    else:
        next_text = f"{following['title']} (no due date declared)"
    blocked = sum(1 for item in context["outstanding"] if item["blocked_by"])
    summary = [
        ("Latest round: ", latest_text),
        ("Next round: ", next_text),
        (
            "Evidence items: ",
            f"{context['total']}, of which {len(context['complete'])} complete or superseded "
            f"and {len(context['outstanding'])} outstanding",
        ),
        (
            "Open dependencies: ",
            f"{len(context['dependencies'])} outside the force, blocking {plural(blocked, 'outstanding item')}",
        ),
    ]
    for label, value in summary:
        _labelled(document.add_paragraph(style="List Bullet"), label, value)
    _filled_table(
        document,
        ["Status", "Items"],
        [
            *([status_words(row["status"]), str(row["count"])] for row in context["counts"]),
            ["Total", str(context["total"])],
        ],
    )

    document.add_heading("Progress by round", level=2)
    document.add_paragraph("Each item's status as of each round (its latest update up to then).")
    _filled_table(
        document,
        ["Round", "Items updated", *(status_words(row["status"]) for row in context["counts"])],
        [
            [row["round"]["title"], str(row["updated"]), *(str(cell["count"]) for cell in row["counts"])]
            for row in context["round_counts"]
        ],
    )

    moved_title = "What moved" + (f" in the {latest['title']}" if latest else "")
    document.add_heading(moved_title, level=2)
    previous = context["previous_round"]
    if context["movements"]:
        _filled_table(
            document,
            ["Item", "Evidence", previous["title"] if previous else "Before", latest["title"]],
            [
                [
                    move["id"],
                    first_sentence(move["item"]["evidence"], 100),
                    status_words(move["before"]) if move["before"] else "no update",
                    status_words(move["after"]),
                ]
                for move in context["movements"]
            ],
        )
    else:
        since = f" since the {previous['title']}" if previous else ""
        document.add_paragraph(f"No item changed status{since}.")

    document.add_heading("Recommendations", level=2)
    for rec in context["recommendations"]:
        heading = f"Recommendation {rec['number']}: {rec['complete_count']} of {rec['total']} complete"
        if rec["deadline"]:
            heading += f", deadline {long_date(rec['deadline'])}"
            heading += " (passed)" if rec["deadline_passed"] else (" (met)" if rec["done"] else "")
        document.add_heading(heading, level=3)
        document.add_paragraph(rec["text"])
        _filled_table(
            document,
            ["Item", "Evidence", "Owner", "Status", "Latest round"],
            [
                [
                    item["id"],
                    first_sentence(item["evidence"], 120),
                    ", ".join(item["owners"]),
                    _status_note(item),
                    item["latest_round"] or "none",
                ]
                for item in rec["items"]
            ],
        )

    document.add_heading("Open dependencies", level=2)
    if context["dependencies"]:
        _filled_table(
            document,
            ["Dependency", "Party", "Raised", "Outstanding", "Expected", "Blocks"],
            [
                [
                    f"{dep['title']} ({dep['id']})",
                    dep["party"],
                    dep["raised_title"],
                    _age(dep),
                    dep["expected"] + (" (passed)" if dep["expected_passed"] else ""),
                    ", ".join(dep["items"]) if dep["items"] else "no item",
                ]
                for dep in context["dependencies"]
            ],
        )
    else:
        document.add_paragraph("No open dependencies.")

    document.add_heading("Deadlines and milestones", level=2)
    for title, state in (("Passed and not met", "passed"), ("Coming", "upcoming")):
        entries = [entry for entry in context["deadlines"] if entry["state"] == state]
        document.add_heading(f"{title} ({len(entries)})", level=3)
        if not entries:
            document.add_paragraph("Nothing.")
            continue
        _filled_table(
            document,
            ["Date", "Kind", "Ref", "What"],
            [
                [
                    entry["date"],
                    entry["kind"],
                    entry["ref"],
                    first_sentence(entry["text"], 120)
                    + (" (needs an update)" if entry["needs_update"] else ""),
                ]
                for entry in entries
            ],
        )

    if context["stale_assessed"]:
        document.add_heading("Stale items", level=2)
        if context["stale"]:
            for item in context["stale"]:
                document.add_paragraph(
                    f"{item['id']}: nothing new since the {item['stale_since_title']}", style="List Bullet"
                )
        else:
            document.add_paragraph("No outstanding item is stale.")
    return _deterministic_bytes(document)


# ---- building blocks ------------------------------------------------------------


def _new_document(title: str, subject: str, today: date, landscape: bool) -> DocumentObject:
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


def _table(document: DocumentObject, headings: Sequence[str], rows: int) -> Table:
    """A grid table with a bold header row that Word repeats at the top of every page."""
    table: Table = document.add_table(rows=rows + 1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, heading in zip(header.cells, headings, strict=True):
        _text(cell, heading, bold=True)
    return table


def _filled_table(document: DocumentObject, headings: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table of plain text cells under ``headings``."""
    body = [list(row) for row in rows]
    table = _table(document, headings, len(body))
    for row, values in zip(table.rows[1:], body, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _text(cell, value)
    return table


def _plan_widths(rounds: int) -> list[int]:
    """Column widths of the plan table that fill the landscape page: rounds share what is left."""
    usable = A4_LONG - 2 * MARGIN
    fixed = [Cm(1.2), Cm(4.0), Cm(4.0), Cm(2.8)]
    status = Cm(2.0)
    left = usable - sum(fixed) - status
    return [*fixed, *([left // rounds] * rounds if rounds else []), status]


def _set_widths(table: Table, widths: Sequence[int]) -> None:
    """Fix the column widths: the grid Word lays out by, and each cell's own."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _run(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = TABLE_FONT


def _lines(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph`` with its single line breaks kept as breaks."""
    for index, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if index:
            paragraph.add_run().add_break()
        _run(paragraph, line)


def _text(cell: _Cell, text: str, bold: bool = False) -> None:
    """Put ``text`` in ``cell``: one paragraph per blank-line-separated paragraph, breaks kept."""
    paragraphs = text.replace("\r\n", "\n").split("\n\n")
    for index, paragraph_text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if bold:
            _run(paragraph, paragraph_text, bold=True)
        else:
            _lines(paragraph, paragraph_text)


def _update(cell: _Cell, update: dict[str, Any]) -> None:
    """An update in a cell: each labelled part a paragraph with its label in bold, or its paragraphs."""
    if update["parts"]:
        for index, part in enumerate(update["parts"]):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            _run(paragraph, part["label"], bold=True)
            _run(paragraph, " - ")
            _lines(paragraph, part["text"])
    else:
        _text(cell, "\n\n".join(update["paragraphs"]))


def _labelled(paragraph: Paragraph, label: str, value: str) -> None:
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)


def _status_note(item: dict[str, Any]) -> str:
    note = status_words(item["status"])
    if item["blocked_by"]:
        note += f" (waits on {', '.join(item['blocked_by'])})"
    if item["stale"]:
        note += " · stale"
    return note


def _age(dep: dict[str, Any]) -> str:
    days, rounds = dep["age_days"], dep["age_rounds"]
    text = "unknown" if days is None else plural(days, "day")
    if rounds is not None:
        text += ", " + plural(rounds, "round")
    return text


def _deterministic_bytes(document: DocumentObject) -> bytes:
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
