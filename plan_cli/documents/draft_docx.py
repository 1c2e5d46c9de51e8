"""The reply form of an update round as a Word document: what the Markdown draft holds, in tables to fill.

Built from the draft context (:func:`plan_cli.editing.drafts.draft_context`),
so it shows what templates/draft.md.j2 shows: the round and its deadline, the
line that tells ``plan apply`` which plan and round it answers, and for each
item its owner, recommendation, evidence requirement, the last reported text
word for word and the prompts. Each item ends with its reply table, the only
part ``plan apply`` reads (see :mod:`plan_cli.editing.reply_docx`):

====================  ===========================================
Reply for 25.3 (the whole first row)
Status                a drop-down of the five statuses
Update                the owner's paragraphs and bullets
====================  ===========================================

Text carried forward is put in paragraphs outside those tables, so it can
never be read as a reply. Plan text goes into runs as text, never as markup.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Cell

from plan_cli.basics.wording import expected_words, long_date, plural
from plan_cli.documents.docx_layout import (
    A4_SHORT,
    MARGIN,
    add_labelled,
    deterministic_bytes,
    new_document,
)
from plan_cli.documents.filters import STATUS_WORDS, status_words
from plan_cli.plan.model import JUDGED_STATUSES

REPLY_LABEL = "Reply for"
STATUS_LABEL = "Status"
UPDATE_LABEL = "Update"
STATUS_PLACEHOLDER = "Choose a status"
_HIGHLIGHT = "FFF2CC"  # the pale yellow of a field to fill


def draft_docx(context: dict[str, Any]) -> bytes:
    """Return the draft of the round in ``context["draft"]`` as a Word reply form (see the module's doc)."""
    draft = context["draft"]
    plan = context["plan"]
    round_ = draft["round"]
    document = new_document(
        f"{round_['title']}: reply form", plan["force"], context["today"], landscape=False
    )
    for_whom = f" for {' and '.join(draft['owners'])}" if draft["owners"] else ""
    document.add_heading(f"{round_['title']}: draft{for_whom}", level=1)
    document.add_paragraph(f"{plan['title']} · {plan['force']}")
    answered = f"{draft['answered']} of {plural(draft['asked'], 'item')} answered"
    add_labelled(document.add_paragraph(), "Round: ", f"{round_['title']} ({round_['state']}: {answered})")
    deadline = (
        f"{long_date(round_['due'])} ({round_['due_text']})" if round_["due"] else "no due date declared"
    )
    add_labelled(document.add_paragraph(), "Deadline: ", deadline)
    add_labelled(document.add_paragraph(), "Prepared: ", long_date(context["today"]))
    document.add_paragraph(draft["identity"])
    document.add_heading("How to reply", level=2)
    for line in (
        "Each item below ends with a table headed “Reply for” and its number. In that table:",
        f"1. In the {STATUS_LABEL} row, choose the status you judge the item to have now: "
        + ", ".join(STATUS_WORDS[s.value].lower() for s in JUDGED_STATUSES)
        + " (or type one).",
        f"2. In the {UPDATE_LABEL} row, write the item's update for the {round_['title']}: what has changed since, "
        "and the answer to each prompt. Paragraphs and bullets are kept.",
        "Leave both empty to skip an item. Keep the tables and the line that names the plan and round "
        "as they are, save the file as a Word Document (.docx), and send it back: the plan team reads "
        "the replies into the plan with plan apply.",
    ):
        document.add_paragraph(line)
    if not draft["entries"]:
        document.add_paragraph("None: every item of this draft has been answered.")
    for entry in draft["entries"]:
        _item(document, entry, context["dependencies_by_id"])
    return deterministic_bytes(document)


def _item(document: Any, entry: dict[str, Any], dependencies: dict[str, Any]) -> None:
    """One item: what it is, what was last reported, the prompts, then its reply table."""
    heading = f"{entry['id']} · {status_words(entry['status'])}" + (" · stale" if entry["stale"] else "")
    document.add_heading(heading, level=2)
    add_labelled(document.add_paragraph(), "Owner: ", entry["owner"])
    add_labelled(
        document.add_paragraph(), f"Recommendation {entry['recommendation']}: ", entry["recommendation_text"]
    )
    add_labelled(
        document.add_paragraph(),
        "Evidence requirement: ",
        entry["evidence"] or "none in the published plan",
    )
    before = entry["before"]
    if before is None:
        add_labelled(
            document.add_paragraph(), "Last reported: ", "nothing yet; this is the item's first update."
        )
    else:
        label = f"Last reported ({before['round_title']}, {status_words(before['status']).lower()}):"
        document.add_paragraph().add_run(label).bold = True
        if before["parts"]:
            for part in before["parts"]:
                add_labelled(document.add_paragraph(), f"{part['label']} - ", part["text"])
        else:
            for paragraph in before["paragraphs"]:
                document.add_paragraph(paragraph)
    document.add_paragraph().add_run("Prompts").bold = True
    since = before["round_title"] if before else "plan was published"
    document.add_paragraph(f"What has changed since the {since}?", style="List Bullet")
    for dep_id in entry["blocked_by"]:
        dep = dependencies[dep_id]
        if dep["open"]:
            expected = f"; {expected_words(dep['expected'])}" + (
                ", which has passed" if dep["expected_passed"] else ""
            )
            document.add_paragraph(
                f"Chase {dep['party']}: {dep['title']}. Open since the {dep['raised_title']}{expected}.",
                style="List Bullet",
            )
    for milestone in entry["milestones"]:
        if not milestone["done"]:
            asked = "Did it happen?" if milestone["passed"] else "Still on track?"
            document.add_paragraph(f"{milestone['date']}: “{milestone['text']}” {asked}", style="List Bullet")
    for measure in entry["measures"]:
        document.add_paragraph(
            f"Refresh the figure: {measure['name']} ({measure['percent']}% as of {measure['as_of']}).",
            style="List Bullet",
        )
    if entry["stale"]:
        document.add_paragraph("Stale: say what has been done, or why it cannot move.", style="List Bullet")
    _reply_table(document, entry)


def _reply_table(document: Any, entry: dict[str, Any]) -> None:
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(3.0), A4_SHORT - 2 * MARGIN - Cm(3.0))
    title = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    run = title.paragraphs[0].add_run(f"{REPLY_LABEL} {entry['id']}")
    run.bold = True
    if entry["reply"]:
        title.paragraphs[0].add_run(" (answered already; change it only to correct it)")
    for row, label in ((table.rows[1], STATUS_LABEL), (table.rows[2], UPDATE_LABEL)):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        _shade(row.cells[1])
    reply = entry["reply"]
    _status_drop_down(table.rows[1].cells[1], status_words(reply["status"]) if reply else "")
    update = table.rows[2].cells[1]
    if reply:
        for index, paragraph in enumerate(reply["paragraphs"]):
            (update.paragraphs[0] if index == 0 else update.add_paragraph()).add_run(paragraph)
    document.add_paragraph()


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _HIGHLIGHT)
    cell._tc.get_or_add_tcPr().append(shading)


def _status_drop_down(cell: _Cell, chosen: str) -> None:
    """A drop-down content control of the five statuses in ``cell``, showing ``chosen`` or a placeholder."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), STATUS_LABEL)
    properties.append(alias)
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), "status")
    properties.append(tag)
    if not chosen:
        properties.append(OxmlElement("w:showingPlcHdr"))
    choices = OxmlElement("w:dropDownList")
    for status in JUDGED_STATUSES:
        words = STATUS_WORDS[status.value]
        option = OxmlElement("w:listItem")
        option.set(qn("w:displayText"), words)
        option.set(qn("w:value"), words)
        choices.append(option)
    properties.append(choices)
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    if not chosen:
        run_properties = OxmlElement("w:rPr")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "808080")
        run_properties.append(colour)
        run.append(run_properties)
    text = OxmlElement("w:t")
    text.text = chosen or STATUS_PLACEHOLDER
    run.append(text)
    content.append(run)
    sdt.append(content)
    cell.paragraphs[0]._p.append(sdt)
