"""Layouts other than one plan table, recast as one: tables split per recommendation, label/value tables.

A force may publish one table per recommendation, its text in a paragraph
above, or one small table per evidence item whose rows are "Label: value"
pairs. :func:`joined_tables` and :func:`label_value_table` turn these into the
one table with a heading row that :mod:`plan_cli.importer.rows` reads, the
words unchanged: only headings (which are structure) are written, and each
recommendation's text comes from the paragraphs the page puts above its table.
"""

from __future__ import annotations

import re

from plan_cli.importer.headings import classify, heading_text, round_of
from plan_cli.importer.table import EMPTY, Cell, Row, Run, Table

_RECOMMENDATION_LABEL = re.compile(
    r"^\s*recom+end\w*\s*(?:no\.?|number)?\s*(\d{1,3})\b(?!\.\d)\s*[-\u2013:.)]?\s*", re.IGNORECASE
)
_ITEM_ID = re.compile(r"\s*\d{1,3}\.\d{1,3}\s*")
_THEMED = re.compile(r"\(\s*recom+end\w*\s*(\d{1,3})\s*\)", re.IGNORECASE)


def recommendation_above(before: tuple[Cell, ...]) -> tuple[str, Cell]:
    """The recommendation number and text the paragraphs above a table give ("", EMPTY where none).

    The text follows the last paragraph naming "Recommendation N" (what follows the label on that
    paragraph included); without such a label, the last paragraph is the text.
    """
    texts = [text for cell in before for text in cell.texts]
    for index in range(len(texts) - 1, -1, -1):
        match = _RECOMMENDATION_LABEL.match(texts[index]) or _THEMED.search(texts[index])
        if match is None:
            continue
        rest = texts[index][match.end() :].strip() if match.re is _RECOMMENDATION_LABEL else ""
        paragraphs = [p for p in [rest, *texts[index + 1 :]] if p]
        return match[1], Cell(tuple((Run(p),) for p in paragraphs))
    return "", Cell(((Run(texts[-1]),),)) if texts else EMPTY


def recommendation_label(text: str) -> str:
    """The number a heading gives a recommendation ("Recommendation 7", "Crime recording (recommendation 7)")."""
    match = _RECOMMENDATION_LABEL.match(text) or _THEMED.search(text)
    return match[1] if match else ""


def joined_tables(tables: list[tuple[Table, int]]) -> tuple[Table, int] | None:
    """One table for tables that share a heading row and have no recommendation column (the plan split per
    recommendation); None otherwise.

    The text above each table becomes its first row's recommendation (and the number its label gives).
    """
    headings = [[heading_text(c).lower() for c in t.rows[i].cells] for t, i in tables]
    if any(h != headings[0] for h in headings[1:]):
        return None
    first, index = tables[0]
    header = first.rows[index]
    kinds = {c.kind for c in (classify(heading_text(cell)) for cell in header.cells) if c is not None}
    if "recommendation" in kinds:
        return None  # each table names its recommendations: two plans, or two versions of one
    heading = (Cell(((Run("Rec No."),),)), Cell(((Run("Recommendation"),),)))
    rows = [Row((*heading, *header.cells), header.line)]
    for table, at in tables:
        number, text = recommendation_above(table.before)
        for position, row in enumerate(table.rows[at + 1 :]):
            lead = (Cell(((Run(number),),)) if number else EMPTY, text) if position == 0 else (EMPTY, EMPTY)
            rows.append(Row((*lead, *row.cells), row.line))
    last = tables[-1][0].where
    where = first.where if last == first.where else f"{first.where} to {last.removeprefix('table ')}"
    return Table(tuple(rows), first.preamble, where, first.before, first.named), 0


def label_value_table(tables: list[Table]) -> list[Table]:
    """``tables`` with every table of "Label | value" rows (one per evidence item) joined into one table.

    A "Date" row dates the item's update ("Nov-24"): the update's heading takes the date, so the
    round is the month it names. A "Recommendation" label whose value is an item number is the item.
    """
    pairs = [t for t in tables if _is_label_value(t)]
    if not pairs:
        return tables
    labels: list[str] = []
    records: list[dict[str, Cell]] = []
    for table in pairs:
        record: dict[str, Cell] = {}
        for row in table.rows:
            filled = [c for c in row.cells if not c.is_empty]
            if not filled:
                continue
            label = heading_text(row.cells[0])
            value = row.cells[1] if len(row.cells) > 1 else EMPTY
            column = classify(label)
            if column is not None and column.kind == "recommendation" and _ITEM_ID.fullmatch(value.text):
                label = "Evidence item number"
            if label not in labels:
                labels.append(label)
            record[label] = value
        number, text = recommendation_above(table.before)
        record["Rec No."], record["Recommendation"] = Cell(((Run(number),),)) if number else EMPTY, text
        records.append(record)
    dated = _dated_headings(labels, records)
    order = ["Rec No.", "Recommendation", *[label for label in labels if label.lower() != "date"]]
    header = Row(tuple(Cell(((Run(dated.get(label, label)),),)) for label in order), pairs[0].rows[0].line)
    rows = [header]
    for table, record in zip(pairs, records, strict=True):
        rows.append(Row(tuple(record.get(label, EMPTY) for label in order), table.rows[0].line))
    first = pairs[0]
    joined = Table(tuple(rows), first.preamble, f"{first.where} to {pairs[-1].where.removeprefix('table ')}")
    joined = joined._replace(before=first.before, named=first.named)
    return [joined, *[t for t in tables if t not in pairs]]


def _is_label_value(table: Table) -> bool:
    """True for a table of two-cell rows whose first cells name a recommendation or item and a response."""
    if len(table.rows) < 3 or any(len(row.cells) > 3 for row in table.rows):
        return False
    kinds = {c.kind for c in (classify(heading_text(row.cells[0])) for row in table.rows if row.cells) if c}
    return bool(kinds & {"recommendation", "item", "number"}) and bool(kinds & {"round", "evidence"})


def _dated_headings(labels: list[str], records: list[dict[str, Cell]]) -> dict[str, str]:
    """The response label with the date the first item's "Date" row gives, where the heading names none."""
    date = next(
        (r[label].text for r in records for label in labels if label.lower() == "date" and label in r), ""
    )
    out: dict[str, str] = {}
    for label in labels:
        column = classify(label)
        if column is not None and column.kind == "round" and round_of(label) is None and date:
            found = round_of(f"{label} {date}")
            if found is not None:
                out[label] = f"{label} {date}"
    return out
