"""The national roll-up as a Word document: the map and the half-year shares as shaded table cells.

Built from :func:`plan_cli.national.report_data.national_context`, the data
the HTML page shows; each shaded cell also carries its state's letter, so the
document reads printed in black and white. python-docx is imported only here.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.table import _Cell

from plan_cli.basics.wording import long_date, plural
from plan_cli.documents.docx_layout import (
    cell_text,
    deterministic_bytes,
    filled_table,
    new_document,
    new_table,
    set_widths,
)
from plan_cli.documents.filters import status_words


def shade(cell: _Cell, fill: str, ink: str, text: str) -> None:
    """Fill ``cell`` with the colour ``fill`` and write ``text`` in bold ``ink`` (both '#rrggbb')."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    properties.append(shading)
    cell_text(cell, text, bold=True)
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())


def _round_words(force: dict[str, Any]) -> str:
    latest = force["latest_round"]
    if latest is None:
        return "no round published yet"
    published = (
        f"published {long_date(latest['published'])}" if latest["published"] else "no publication date"
    )
    due = f"due {long_date(latest['due'])}" if latest["due"] else "no due date"
    return f"{latest['title']}: {published}, {due}"


def national_docx(context: dict[str, Any]) -> bytes:
    """Return the roll-up as a landscape A4 Word document (the same bytes for the same roll-up)."""
    plans = context["plans"]
    title = f"National roll-up: {plans['counted']} of {plural(plans['given'], 'plan')}"
    document = new_document(title, "national roll-up", context["today"], landscape=True)
    document.add_heading(title, level=1)
    intro = f"As at {long_date(context['today'])}."
    if context["selection_words"]:
        intro += f" Showing only {'; '.join(context['selection_words'])}."
    document.add_paragraph(intro)
    _left_out(document, context)
    document.add_heading("Forces", level=2)
    filled_table(
        document,
        [
            "Force",
            "Latest round",
            "Next round overdue",
            "Items",
            "Complete",
            "Open dependencies",
            "Passed deadlines",
            "Stale items",
        ],
        (
            [force["force"], "nothing matches the filters", "", "", "", "", "", ""]
            if force["nothing_matches"]
            else [
                force["force"],
                _round_words(force),
                f"{force['overdue_round']['title']}, {plural(force['overdue_round']['days_overdue'], 'day')}"
                if force["overdue_round"] and "days_overdue" in force["overdue_round"]
                else "no",
                str(force["items"]),
                str(force["status_counts"].get("complete", 0)),
                str(len(force["open_dependencies"])),
                str(len(force["passed_deadlines"])),
                str(len(force["stale_items"])),
            ]
            for force in context["forces"]
        ),
    )
    _map(document, context)
    _periods(document, context)
    document.add_heading("Missing answers", level=2)
    for gaps in context["missing_answers"]:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(gaps["force"]).bold = True
        paragraph.add_run(f": {gaps['words']}")
    if not context["missing_answers"]:
        document.add_paragraph("Every force has answered every item counted.")
    _dependencies(document, context)
    return deterministic_bytes(document)


def _left_out(document: DocumentObject, context: dict[str, Any]) -> None:
    if not context["left_out"] and not context["set_aside"]:
        return
    document.add_heading("Left out", level=2)
    for bad in context["left_out"]:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(bad["path"]).bold = True
        paragraph.add_run(f": {plural(bad['total_problems'], 'problem')}: {'; '.join(bad['problems'])}")
    for older in context["set_aside"]:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(older["path"]).bold = True
        paragraph.add_run(f": {older['why']}.")


def _map(document: DocumentObject, context: dict[str, Any]) -> None:
    found, states = context["map"], context["states"]
    document.add_heading("Map: each force's worst status by recommendation", level=2)
    if not found["numbers"]:
        document.add_paragraph("No item matches.")
        return
    table = new_table(document, ["Force", *(str(number) for number in found["numbers"])], len(found["rows"]))
    for row, values in zip(table.rows[1:], found["rows"], strict=True):
        cell_text(row.cells[0], values["force"])
        for cell, key in zip(row.cells[1:], values["cells"], strict=True):
            state = states[key]
            shade(cell, state["fill"], state["ink"], state["letter"])
    set_widths(table, [Cm(7), *([Cm(1)] * len(found["numbers"]))])
    document.add_paragraph("Key:")
    key = new_table(document, ["Letter", "State"], len(found["states"]))
    for row, state in zip(key.rows[1:], found["states"], strict=True):
        shade(row.cells[0], state["fill"], state["ink"], state["letter"])
        cell_text(row.cells[1], state["words"])
    set_widths(key, [Cm(1.5), Cm(6)])


def _periods(document: DocumentObject, context: dict[str, Any]) -> None:
    periods, states = context["status_by_period"], context["states"]
    if not periods:
        return
    statuses = context["statuses"]
    document.add_heading("Items by status, half-year by half-year", level=2)
    document.add_paragraph(
        "The share of items in each status at the end of each half-year, counting each force's "
        "latest round due by then."
    )
    headings = ["Half-year", "Forces", "Items", *(status_words(status) for status in statuses)]
    table = new_table(document, headings, len(periods))
    for row, period in zip(table.rows[1:], periods, strict=True):
        cell_text(row.cells[0], period["label"])
        cell_text(row.cells[1], str(period["forces"]))
        cell_text(row.cells[2], str(period["items"]))
        for cell, status in zip(row.cells[3:], statuses, strict=True):
            count = period["status_counts"].get(status, 0)
            share = round(100 * count / period["items"]) if period["items"] else 0
            state = states[status]
            if count:
                shade(cell, state["fill"], state["ink"], f"{state['letter']} {share}%")
            else:
                cell_text(cell, "0%")


def _dependencies(document: DocumentObject, context: dict[str, Any]) -> None:
    document.add_heading("Dependencies", level=2)
    if not context["dependencies"]:
        document.add_paragraph("No force has an open dependency.")
        return
    filled_table(
        document,
        ["Dependency", "Forces", "Items held up", "Longest wait"],
        (
            [
                ", ".join(group["ids"]),
                ", ".join(group["forces"]),
                str(group["blocking_count"]),
                f"{plural(group['longest_wait']['days'], 'day')}, {group['longest_wait']['force']}"
                if group["longest_wait"] and group["longest_wait"]["days"] is not None
                else "no date raised",
            ]
            for group in context["dependencies"]
        ),
    )
