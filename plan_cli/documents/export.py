"""The plan as data for other tools: CSV for spreadsheets, JSON for programs.

Both are built in Python, not templates, so quoting is always right. Both
keep every published word: an update with labelled parts is written as
"Label - text" paragraphs in CSV and as its parts in JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from plan_cli.basics.controls import json_safe
from plan_cli.plan.model import EvidenceItem, Plan, Update
from plan_cli.questions.rounds import reported_rounds, round_state

CSV_BOM = "\ufeff"
# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str | int) -> str | int:
    """A cell that no spreadsheet runs as a formula: text starting with = + - @, tab or CR gets a leading '.

    The apostrophe is OWASP's advice: spreadsheets show the text without it and
    never evaluate it. Numbers are left as they are.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def spreadsheet_text(cell: str) -> str:
    """The text a :func:`spreadsheet_safe` cell stands for: its leading ' dropped where the guard added it."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def plan_csv(plan: Plan, today: date, raw: bool = False) -> str:
    """Return the plan as CSV: one row per evidence item, a text and a status column per round.

    Columns: Rec. No., Recommendation, Deadline, Evidence id, Evidence
    requirements, Recommendation Owner, Owners (the bodies, '; '-separated),
    then for each reported round (as of ``today``) '<title>' and '<title> status', then Status
    (the latest). The text starts with a UTF-8 byte-order mark so that Excel
    reads it as UTF-8; rows end with CRLF (RFC 4180). Cells that a spreadsheet
    would run as a formula are neutralised (:func:`spreadsheet_safe`) unless
    ``raw``.
    """
    rounds = reported_rounds(plan, today)
    out = io.StringIO()
    writer = csv.writer(out)
    cells: Callable[[list[str | int]], list[str | int]] = list if raw else _safe_row
    header: list[str | int] = [
        "Rec. No.",
        "Recommendation",
        "Deadline",
        "Evidence id",
        "Evidence requirements",
        "Recommendation Owner",
        "Owners",
    ]
    for declared in rounds:
        header += [declared.title, f"{declared.title} status"]
    writer.writerow(cells([*header, "Status"]))
    for rec in plan.recommendations:
        for item in rec.items:
            row: list[str | int] = [
                rec.number,
                rec.text,
                rec.deadline.isoformat() if rec.deadline else "",
                item.id,
                item.evidence or "",
                item.owner,
                "; ".join(item.owners),
            ]
            for declared in rounds:
                update = item.update_for(declared.id)
                row += [update.full_text, update.status.value] if update else ["", ""]
            writer.writerow(cells([*row, item.status.value]))
    return CSV_BOM + out.getvalue()


def _safe_row(row: list[str | int]) -> list[str | int]:
    return [spreadsheet_safe(cell) for cell in row]


def plan_json(plan: Plan, today: date) -> str:
    """Return the whole plan as a JSON document (see docs/templates.md for its shape)."""
    return json_safe(json.dumps(plan_record(plan, today), indent=2, ensure_ascii=False)) + "\n"


def plan_record(plan: Plan, today: date) -> dict[str, Any]:
    """The plan as JSON-ready data: everything published plus each item's current status."""
    return {
        "title": plan.title,
        "responds_to": plan.responds_to,
        "force": plan.force,
        "executive_lead": plan.executive_lead,
        "operational_lead": plan.operational_lead,
        "as_of": today.isoformat(),
        "rounds": [
            {
                "id": r.id,
                "title": r.title,
                "due": r.due.isoformat() if r.due else None,
                "published": r.published.isoformat() if r.published else None,
                "state": round_state(plan, r.id).value,
            }
            for r in plan.rounds
        ],
        "dependencies": [
            {
                "id": dep.id,
                "title": dep.title,
                "party": dep.party,
                "status": dep.status.value,
                "raised": dep.raised,
                "expected": dep.expected.text,
                "notes": dep.notes,
            }
            for dep in plan.dependencies
        ],
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "deadline": rec.deadline.isoformat() if rec.deadline else None,
                "owner": rec.owner,
                "owners": list(rec.owners),
                "items": [_item(item) for item in rec.items],
            }
            for rec in plan.recommendations
        ],
    }


def _item(item: EvidenceItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "evidence": item.evidence,
        "owner": item.owner,
        "owners": list(item.owners),
        "status": item.status.value,
        "depends_on": list(item.depends_on),
        "milestones": [
            {"date": m.date.text, "text": m.text, "raised": m.raised, "done": m.done} for m in item.milestones
        ],
        "measures": [
            {"name": m.name, "value": m.value, "target": m.target, "as_of": m.as_of.text, "raised": m.raised}
            for m in item.measures
        ],
        "updates": [_update(update) for update in item.updates],
    }


def _update(update: Update) -> dict[str, Any]:
    record: dict[str, Any] = {"round": update.round, "status": update.status.value}
    if update.parts:
        record["parts"] = [{"label": p.label, "text": p.text} for p in update.parts]
    else:
        record["text"] = update.text
    return record
