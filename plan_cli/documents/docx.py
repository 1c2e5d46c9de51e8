"""Word documents: the plan in the NPCC template's layout, and the progress report.

Both are built from the template context (:mod:`plan_cli.documents.template_context`), so they
show what the Markdown and HTML documents show. The bytes depend only on the
plan and ``today``: the document properties are fixed (dated ``today``, no
author, revision 1) and the zip is rewritten with its parts in one order and
one timestamp, so the same plan on the same day gives the same file, and a
golden test can compare its XML parts.

Plan text goes into runs as text, never as markup: python-docx escapes it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from plan_cli.basics.wording import expected_words, first_sentence, long_date, plural
from plan_cli.documents.docx_layout import (
    add_labelled,
    add_lines,
    add_run,
    cell_text,
    cell_update,
    dependency_age,
    deterministic_bytes,
    filled_table,
    new_document,
    new_table,
    plan_widths,
    set_widths,
    shade,
    status_note,
)
from plan_cli.documents.filters import status_words

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject


def plan_docx(context: dict[str, Any]) -> bytes:
    """Return the whole plan as a landscape Word document in the NPCC template's layout.

    The force and its leads above one table: Rec. No., Recommendation,
    Evidence requirements (the item id in bold, then its text), Recommendation
    Owner, a column per reported round (labelled parts with their labels in
    bold, as published), Status. The header row repeats on every page; a
    recommendation's number and text span its items' rows.
    """
    plan = context["plan"]
    document = new_document(plan["title"], plan["force"], context["today"], landscape=True)
    document.add_heading(plan["title"], level=1)
    if plan["responds_to"]:
        document.add_paragraph(plan["responds_to"])
    for label, value in (
        ("Force", plan["force"]),
        ("Executive Lead", plan["executive_lead"]),
        ("Operational Lead", plan["operational_lead"]),
    ):
        if value:
            add_labelled(document.add_paragraph(), label + ": ", value)
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
    table = new_table(document, headings, len(rows))
    widths = plan_widths(len(rounds))
    row_index = 1
    for rec in plan["recommendations"]:
        first = row_index
        for item in rec["items"]:
            cells = table.rows[row_index].cells
            if row_index == first:
                cell_text(cells[0], str(rec["number"]), bold=True)
                cell_text(cells[1], rec["text"])
            evidence = cells[2].paragraphs[0]
            add_run(evidence, item["id"], bold=True)
            if item["evidence"]:
                add_run(evidence, " ")
                add_lines(evidence, item["evidence"])
            cell_text(cells[3], item["owner"])
            for column, declared in enumerate(rounds, start=4):
                update = item["by_round"].get(declared["id"])
                if update is not None:
                    cell_update(cells[column], update)
            cell_text(cells[-1], status_words(item["status"]), bold=True)
            row_index += 1
        last = row_index - 1
        if last > first:
            for column in (0, 1):
                table.cell(first, column).merge(table.cell(last, column))
    set_widths(table, widths)
    closing = "Status summarises each item's latest update"
    if context["latest_round"]:
        closing += f" ({context['latest_round']['title']})"
    document.add_paragraph(f"{closing}. Last updated {long_date(context['today'])}.")
    return deterministic_bytes(document)


def report_docx(context: dict[str, Any]) -> bytes:
    """Return the progress report as a Word document: the sections and tables of ``report.md.j2``.

    Where the Markdown report draws a Mermaid timeline, this has the table of
    status counts by round and the tables of deadlines passed and coming.
    """
    plan = context["plan"]
    today: date = context["today"]
    document = new_document(f"{plan['title']}: progress report", plan["force"], today, landscape=False)
    document.add_heading(f"{plan['title']}: progress report", level=1)
    document.add_paragraph(f"{plan['force']} · as at {long_date(today)}")
    for label, value in (
        ("Executive Lead", plan["executive_lead"]),
        ("Operational Lead", plan["operational_lead"]),
    ):
        if value:
            add_labelled(document.add_paragraph(style="List Bullet"), label + ": ", value)

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
        add_labelled(document.add_paragraph(style="List Bullet"), label, value)
    filled_table(
        document,
        ["Status", "Items"],
        [
            *([status_words(row["status"]), str(row["count"])] for row in context["counts"]),
            ["Total", str(context["total"])],
        ],
    )

    document.add_heading("Progress by round", level=2)
    document.add_paragraph(
        "Each item's status as of each round (its latest update up to then); "
        "each status is shaded and lettered: N not started, P in progress, B blocked, C complete, S superseded."
    )
    progress = filled_table(
        document,
        ["Round", "Items updated", *(status_words(row["status"]) for row in context["counts"])],
        [
            [row["round"]["title"], str(row["updated"]), *(str(cell["count"]) for cell in row["counts"])]
            for row in context["round_counts"]
        ],
    )
    for table_row, row in zip(progress.rows[1:], context["round_counts"], strict=True):
        for cell, counted in zip(table_row.cells[2:], row["counts"], strict=True):
            if counted["count"]:
                shade(cell, counted["status"], str(counted["count"]))
    if context.get("briefing"):
        add_briefing(document, context["briefing"])

    moved_title = "What moved" + (f" in the {latest['title']}" if latest else "")
    document.add_heading(moved_title, level=2)
    previous = context["previous_round"]
    if context["movements"]:
        filled_table(
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
        filled_table(
            document,
            ["Item", "Evidence", "Owner", "Status", "Latest round"],
            [
                [
                    item["id"],
                    first_sentence(item["evidence"], 120),
                    ", ".join(item["owners"]),
                    status_note(item, context["dependencies_by_id"]),
                    item["latest_round"] or "none",
                ]
                for item in rec["items"]
            ],
        )

    document.add_heading("Open dependencies", level=2)
    if context["dependencies"]:
        filled_table(
            document,
            ["Dependency", "Party", "Raised", "Outstanding", "Expected", "Blocks"],
            [
                [
                    f"{dep['title']} ({dep['id']})",
                    dep["party"],
                    dep["raised_title"],
                    dependency_age(dep),
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
        filled_table(
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
    return deterministic_bytes(document)


def add_briefing(document: DocumentObject, briefing: dict[str, Any]) -> None:
    """Add the briefing: each item asked for, in its latest update's own words, with what it waits on."""
    document.add_heading(f"Briefing: {briefing['asked']}", level=2)
    if not briefing["items"]:
        document.add_paragraph("No outstanding item matches.")
    for item in briefing["items"]:
        document.add_heading(f"{item['id']}: {status_words(item['status'])}", level=3)
        document.add_paragraph(item["evidence"] or "(no evidence text)")
        add_labelled(document.add_paragraph(style="List Bullet"), "Owners: ", ", ".join(item["owners"]))
        add_labelled(
            document.add_paragraph(style="List Bullet"), "Latest update: ", item["latest_round"] or "none yet"
        )
        if item["waits_on"]:
            add_labelled(
                document.add_paragraph(style="List Bullet"),
                "Waits on: ",
                "; ".join(
                    f"{dep['title']} ({dep['party']}, {expected_words(dep['expected'])})"
                    for dep in item["waits_on"]
                ),
            )
        before = f" before the {briefing['next_round']}" if briefing["next_round"] else ""
        for key, label in (
            ("deadlines_passed", "Deadlines passed: "),
            ("due_before_next_round", f"Falls due{before}: "),
        ):
            if item[key]:
                add_labelled(
                    document.add_paragraph(style="List Bullet"),
                    label,
                    "; ".join(f"{due['when']}: {first_sentence(due['what'], 100)}" for due in item[key]),
                )
        for paragraph in item["latest_text"].split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph)
        if item["shortened"]:
            document.add_paragraph(item["shortened"]).runs[0].italic = True
