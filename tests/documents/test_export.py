"""CSV and JSON exports keep every published word, in a shape other tools read."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from plan_cli.documents.export import FORMULA_STARTS, plan_csv, plan_json, spreadsheet_safe, spreadsheet_text
from plan_cli.plan.model import Plan
from plan_cli.reading.loader import parse_plan

TODAY = date(2026, 11, 28)


def csv_rows(plan: Plan) -> list[dict[str, str]]:
    text = plan_csv(plan, TODAY)
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_has_one_row_per_item_and_a_column_pair_per_round(minimal_text: str) -> None:
    plan = parse_plan(minimal_text, "plan.yaml").plan
    rows = csv_rows(plan)
    assert list(rows[0]) == [
        "Rec. No.",
        "Recommendation",
        "Deadline",
        "Evidence id",
        "Evidence requirements",
        "Recommendation Owner",
        "Owners",
        "Initial Action Plan Response",
        "Initial Action Plan Response status",
        "March 2025 Update",
        "March 2025 Update status",
        "Status",
    ]
    assert [row["Evidence id"] for row in rows] == ["7.1", "7.2", "25.1"]
    first = rows[0]
    assert first["Initial Action Plan Response"] == "Context - Linked [bold]x[/bold]."
    assert first["March 2025 Update"] == "Awaited from Minerva.\n\nSecond para."
    assert first["March 2025 Update status"] == "blocked"
    assert first["Status"] == "blocked"
    assert rows[2]["Owners"] == "Chief Constables; Police and Crime Commissioners"
    assert rows[2]["Initial Action Plan Response"] == "" and rows[2]["Evidence requirements"] != ""


def test_csv_rows_end_with_crlf(minimal_text: str) -> None:
    text = plan_csv(parse_plan(minimal_text, "plan.yaml").plan, TODAY)
    assert text.count("\r\n") >= 4


def test_csv_keeps_every_update_of_the_real_plan(real_plan: Plan) -> None:
    rows = {row["Evidence id"]: row for row in csv_rows(real_plan)}
    assert len(rows) == len(real_plan.items)
    for item in real_plan.items:
        for update in item.updates:
            assert rows[item.id][real_plan.round(update.round).title] == update.full_text


def test_json_round_trips_the_published_text(real_plan: Plan) -> None:
    data = json.loads(plan_json(real_plan, TODAY))
    assert data["force"] == real_plan.force and data["as_of"] == "2026-11-28"
    items = {item["id"]: item for rec in data["recommendations"] for item in rec["items"]}
    assert len(items) == len(real_plan.items)
    for item in real_plan.items:
        exported = items[item.id]
        assert exported["evidence"] == item.evidence
        assert exported["status"] == item.status.value
        for update, record in zip(item.updates, exported["updates"], strict=True):
            assert record["round"] == update.round
            if update.parts:
                assert [(p["label"], p["text"]) for p in record["parts"]] == [
                    (p.label, p.text) for p in update.parts
                ]
            else:
                assert record["text"] == update.text
    assert {d["id"] for d in data["dependencies"]} == {d.id for d in real_plan.dependencies}


# ---- formulas ---------------------------------------------------------------------

FORMULAS = ["=1+4 March 2026 Update", "+44 191 214 6555", "-2 days", "@SUM(A1:A9)", "\tTabbed", "\rReturn"]


def with_formulas(minimal_text: str) -> Plan:
    text = minimal_text.replace("title: March 2025 Update", 'title: "=1+4 March 2025 Update"')
    text = text.replace("evidence: Processes should be put in place.", 'evidence: "@SUM(A1:A9)"')
    text = text.replace("text: Done.", 'text: "-2+3 done"')
    text = text.replace("force: Test Police", 'force: "Test Police"\nresponds_to: "+44"')
    return parse_plan(text, "plan.yaml").plan


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_starting_a_formula_gets_an_apostrophe(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["March 2026 Update", "7.1", "", " =spaced", "a=b", 25])
def test_other_cells_are_untouched(cell: str | int) -> None:
    assert spreadsheet_safe(cell) == cell


@pytest.mark.parametrize("cell", [*FORMULAS, "'quoted", "'", "March 2026 Update", ""])
def test_spreadsheet_text_reads_a_guarded_cell_back(cell: str) -> None:
    guarded = spreadsheet_safe(cell)
    assert isinstance(guarded, str)
    assert spreadsheet_text(guarded) == cell


def test_no_csv_cell_or_header_starts_a_formula(minimal_text: str) -> None:
    text = plan_csv(with_formulas(minimal_text), TODAY).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'=1+4 March 2025 Update" in rows[0] and "'=1+4 March 2025 Update status" in rows[0]
    assert "'@SUM(A1:A9)" in cells and "'-2+3 done" in cells


def test_raw_csv_keeps_the_text_untouched(minimal_text: str) -> None:
    text = plan_csv(with_formulas(minimal_text), TODAY, raw=True).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert "=1+4 March 2025 Update" in rows[0] and "@SUM(A1:A9)" in cells and "-2+3 done" in cells
    assert not [cell for cell in cells if cell.startswith("'")]
