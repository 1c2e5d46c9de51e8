"""From the plan table's rows to recommendations, evidence items and owners.

:func:`build_plan` reads the heading row (what each column is, where a heading
is missing or shifted) and then each row below it in turn: the recommendation
it belongs to, its evidence item and owner, and its responses per round (read
by :mod:`plan_cli.importer.updates`), with a note wherever a broken row had to
be structured.
"""

from __future__ import annotations

import re
from collections import Counter

from plan_cli.basics.controls import describe, first_control, visible
from plan_cli.basics.errors import SourceError
from plan_cli.importer.headings import (
    UNDATED,
    Column,
    classify,
    heading_text,
    leading_item_id,
    numbered_text,
    round_of,
)
from plan_cli.importer.records import ImportedItem, ImportedPlan, ImportedRecommendation, ImportedRound
from plan_cli.importer.stated import take_deadline, take_status, take_supporting
from plan_cli.importer.table import Cell, Row, Table, quoted
from plan_cli.importer.updates import declare_round, response_segments, take_responses

_ITEM_ID = re.compile(r"(\d{1,3})\.(\d{1,3})")
_NUMBERED_ITEM = re.compile(r"\s*(\d{1,3}\.\d{1,3})\s*[.:)]\s*")
_FUSED_ID = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\s*(?:[-\u2013:.]\s*|\s)")
_NUMBER = re.compile(r"\d{1,3}")
_EVIDENCE_LABEL = re.compile(r"^(evidence requirements?[^:]{0,60}):\s*", re.IGNORECASE)


def build_plan(plan: ImportedPlan, table: Table, header_index: int, name: str, plain: bool) -> ImportedPlan:
    """Return ``plan`` with the recommendations, items and rounds of the rows below the heading row.

    Raise SourceError on a row that cannot be structured.
    """
    return _Builder(plan, table, header_index, name, plain).build()


class _Builder:
    def __init__(self, plan: ImportedPlan, table: Table, header_index: int, name: str, plain: bool) -> None:
        self.table = table
        self.header_index = header_index
        self.name = name
        self.plain = plain
        self.plan = plan
        self.rounds: dict[str, ImportedRound] = {}
        self.columns: dict[int, Column] = {}
        self.by_number: dict[int, ImportedRecommendation] = {}
        self.item_ids: set[str] = set()
        self.spanning: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, the item above)

    # ---- headings ----------------------------------------------------------------

    def build(self) -> ImportedPlan:
        self._columns()
        rows = self.table.rows[self.header_index + 1 :]
        self._label_rounds(rows)
        owners = Counter(
            self._text(row.cells[index])
            for row in rows
            for index in self._indexes("owner")
            if index < len(row.cells)
        )
        del owners[""]
        for row in rows:
            self._row(row, owners)
        if not self.plan.recommendations:
            raise SourceError(
                self.name, f"{self.table.where} has a heading row but no rows of recommendations"
            )
        self.plan.rounds = sorted(self.rounds.values(), key=lambda r: r.order)
        return self.plan

    def _columns(self) -> None:
        header = self.table.rows[self.header_index]
        for index, cell in enumerate(header.cells):
            column = classify(heading_text(cell))
            if column is not None:
                self.columns[index] = column
        rows = self.table.rows[self.header_index + 1 :]
        if not self._indexes("item"):
            ids = [0] * (len(header.cells) + 1)
            for row in rows:
                for index, cell in enumerate(row.cells[: len(ids)]):
                    if _ITEM_ID.fullmatch(_item_number(self._text(cell))):
                        ids[index] += 1
            best = max(range(len(ids)), key=lambda i: ids[i])
            if ids[best] * 2 >= len([r for r in rows if any(not c.is_empty for c in r.cells)]) and ids[best]:
                if best in self.columns and self.columns[best].kind in ("number", "other"):
                    pass  # the item numbers sit under their own heading ("Ref", or the number column's)
                elif best in self.columns and best + 1 not in self.columns:
                    self.columns[best + 1] = self.columns[best]  # one heading over both (colspan)
                elif best in self.columns:
                    moved = {i + 1 if i >= best else i: c for i, c in self.columns.items()}
                    shifted = self.columns[best].heading
                    self.columns = moved
                    self.plan.notes.append(
                        f"the heading row has no heading over the item numbers (column {best + 1}); "
                        f'the headings from "{shifted}" on sit one column left of their cells'
                    )
                self.columns[best] = Column("item", "")
        for index, column in sorted(self.columns.items()):
            before = [i for i in self._indexes("round") if i < index]
            if column.kind == "action" and before:
                self.columns[index] = Column("round", column.heading, self.columns[before[-1]].round)
            elif column.kind == "action":
                self.columns[index] = Column("other", column.heading)
        for _index, column in sorted(self.columns.items()):
            if column.kind == "other":
                self.plan.ignored_columns.append(column.heading)
            if column.round is not None and column.kind == "round":
                self._declare(column.round)
        self._undated_in_column_order()
        if not self._indexes("round"):
            raise SourceError(
                self.name,
                f"{self.table.where} has no response column: expected a heading such as "
                "'Initial Action Plan Response' or '<Month Year> Update'",
            )

    def _undated_in_column_order(self) -> None:
        """Place a round named without a date ("Six Month Update") that sits left of a dated one
        ("Update – December 2025") after the round column before it, as the headings order them."""
        declared = list(self.rounds.values())
        for position, found in enumerate(declared):
            if found.order == UNDATED and any(r.order != UNDATED for r in declared[position + 1 :]):
                found.order = declared[position - 1].order if position else (0, 0)

    def _declare(self, found: ImportedRound) -> ImportedRound:
        return declare_round(self.rounds, found)

    def _indexes(self, kind: str) -> list[int]:
        return [i for i, c in sorted(self.columns.items()) if c.kind == kind]

    def _label_rounds(self, rows: tuple[Row, ...]) -> None:
        """Declare the rounds named only by labels inside cells, noting which column holds them."""
        labelled: dict[str, tuple[ImportedRound, str, list[int]]] = {}
        for index in self._indexes("round"):
            for row in rows:
                if index >= len(row.cells):
                    continue
                for label, _text in self._segments(row.cells[index]):
                    found = round_of(label) if label else None
                    if found is not None and found.id not in self.rounds:
                        labelled.setdefault(found.id, (found, label or "", []))[2].append(index)
        for found, label, columns in labelled.values():
            heading = self.columns[max(set(columns), key=columns.count)].heading
            self._declare(found).notes.append(
                f'no column of its own: its paragraphs are labelled "{label}" inside the column headed "{heading}"'
            )

    # ---- rows --------------------------------------------------------------------

    def _text(self, cell: Cell) -> str:
        """A cell's text with its paragraphs kept (separated by a blank line)."""
        return cell.text

    def _segments(self, cell: Cell) -> list[tuple[str | None, str]]:
        return response_segments(cell, self.plain)

    def _row(self, row: Row, owners: Counter[str]) -> None:
        cells = list(row.cells)
        if all(c.is_empty for c in cells):
            return
        for written in cells:
            at = first_control(written.text)
            if at >= 0:
                raise SourceError(
                    self.name,
                    f'a cell holds {describe(written.text[at])} ("{visible(quoted(written.text, 40))}"); '
                    "delete it from the source and import again",
                    row.line,
                )
        header = self.table.rows[self.header_index]
        if [heading_text(c) for c in cells] == [heading_text(c) for c in header.cells]:
            return  # the heading row repeated (a table split across pages)
        filled = [c for c in cells if not c.is_empty]
        if len(filled) == 1 and len(self.columns) > 1 and not _ITEM_ID.search(filled[0].text):
            at_line = f" (line {row.line})" if row.line else ""
            self.plan.notes.append(
                f'a row{at_line} holds only "{filled[0].text}": a note, not a recommendation or item; not imported'
            )
            return
        used = max(self.columns) + 1
        notes: list[str] = []
        evidence_notes: list[str] = []
        item_col = self._indexes("item")
        evidence_col = self._indexes("evidence")
        fused_id: str | None = None
        if len(cells) < used:
            where = item_col[0] if item_col else None
            first = (
                cells[where].texts[0]
                if where is not None and where < len(cells) and cells[where].texts
                else ""
            )
            if where is not None and len(cells) == used - 1 and _ITEM_ID.fullmatch(first):
                fused_id = first
                shown = cells[where].shown
                cells = [*cells[:where], Cell(()), _without_first(cells[where]), *cells[where + 1 :]]
                evidence_notes.append(
                    f'item id fused into the evidence cell ("{quoted(shown, 40)}"); '
                    f"the row has only {len(row.cells)} cells"
                )
            else:
                raise SourceError(
                    self.name,
                    f"ragged row: {len(row.cells)} cells where the heading row has {used}; "
                    "check the table has one cell per column in every row",
                    row.line,
                )
        elif any(not c.is_empty for c in cells[used:]):
            raise SourceError(
                self.name,
                f"ragged row: {len(row.cells)} cells, more than the {used} the heading row names",
                row.line,
            )

        def cell(kind: str) -> Cell:
            indexes = self._indexes(kind)
            return cells[indexes[0]] if indexes and indexes[0] < len(cells) else Cell(())

        rounds = self._indexes("round")
        evidence_cell = cell("evidence")
        owner_cell = cell("owner")
        if (
            evidence_col
            and self._indexes("owner")
            and cells[rounds[-1]].is_empty
            and self._text(evidence_cell) in owners
            and owners[self._text(owner_cell)] <= 1
            and evidence_col[0] + 1 == self._indexes("owner")[0]
        ):
            start = evidence_col[0]
            notes.append(
                f'cells shifted one column left: the owner text "{self._text(evidence_cell)}" sits in the '
                "evidence column, each response one column left of its heading, and the last column is empty"
            )
            cells = [*cells[:start], Cell(()), *cells[start:-1]]
            evidence_cell, owner_cell = cell("evidence"), cell("owner")

        item_id = fused_id or (_item_number(self._text(cell("item"))) if item_col else "")
        evidence = self._text(evidence_cell) if not evidence_cell.is_empty else None
        if not _ITEM_ID.fullmatch(item_id or "") and evidence:
            if _ITEM_ID.fullmatch(evidence.strip()):
                item_id, evidence = evidence.strip(), None  # the item number alone: no evidence text
            match = _FUSED_ID.match(evidence or "")
            if match and evidence:
                item_id = match[1]
                evidence = evidence[match.end() :].strip() or None
                label = _EVIDENCE_LABEL.match(evidence or "")
                if evidence and label:
                    evidence_notes.append(f'the evidence text starts with the label "{label[1]}:"')
                    evidence = evidence[label.end() :].strip() or None
        number_text = self._text(cell("number"))
        if not item_col and not _ITEM_ID.fullmatch(item_id or "") and _ITEM_ID.fullmatch(number_text):
            item_id = number_text  # the item's number in the recommendation number column
        if not item_col and not evidence_col and not item_id and rounds:
            item_id, cells[rounds[0]] = leading_item_id(cells[rounds[0]], notes)
        rec_cell, stated_number = numbered_text(cell("recommendation"))
        number_text = number_text or stated_number
        number_match = _NUMBER.search(number_text)
        id_match = _ITEM_ID.fullmatch(item_id or "")
        previous = self.plan.recommendations[-1] if self.plan.recommendations else None
        if number_match:
            number = int(number_match[0])
        elif id_match:
            number = int(id_match[1])
        elif previous is not None:
            number = previous.number
        else:
            raise SourceError(self.name, "the first row names no recommendation number", row.line)
        rec_text = self._text(rec_cell)
        owner = self._text(owner_cell)
        rec = self.by_number.get(number)
        if rec is None:
            if not rec_text:
                raise SourceError(
                    self.name,
                    f"recommendation {number} first appears without its text; give it in the first row of its "
                    f"items, or above them under a heading naming 'Recommendation {number}'",
                    row.line,
                )
            rec = ImportedRecommendation(number, rec_text, owner)
            take_deadline(rec)
            self.plan.recommendations.append(rec)
            self.by_number[number] = rec
        elif rec_text and rec_text != rec.text:
            notes.append(f'this row gives recommendation {number} as "{rec_text}"')
        if not id_match and not item_col and not evidence_col:
            item_id = f"{number}.{len(rec.items) + 1}"
            notes.append(
                "the source has one response per recommendation and no evidence items; one item for it"
            )
        elif not id_match:
            item_id = f"{number}.{len(rec.items) + 1}"
            notes.append("no item number in the source; numbered in order")
        elif int(id_match[1]) != number:
            raise SourceError(
                self.name,
                f"item {item_id} is in the row of recommendation {number}; an item's number starts with "
                "its recommendation's. Correct the row in the source, or move the item to its recommendation",
                row.line,
            )
        if item_id in self.item_ids:
            raise SourceError(self.name, f"item {item_id} appears twice; each item needs one row", row.line)
        if evidence is None and (item_col or evidence_col):
            evidence_notes.append("no evidence text")
        item = ImportedItem(item_id, evidence, owner, notes=notes, evidence_notes=evidence_notes)
        rec.items.append(item)
        self.item_ids.add(item_id)
        for index in rounds:
            response = cells[index] if index < len(cells) else Cell(())
            take_responses(item, response, self.columns[index], self.rounds, self.plain)
            self._spanned(item, index, response)
        self._statuses(item, cells)
        for index in self._indexes("supporting"):
            if index < len(cells) and not cells[index].is_empty:
                take_supporting(item, cells[index], self.rounds)

    def _spanned(self, item: ImportedItem, index: int, response: Cell) -> None:
        """Note a response cell that spans the rows below it (kept once, on its first item), and on each
        item below it that it covers."""
        column = self.columns[index].round
        if column is None:
            return
        title = self.rounds[column.id].title
        left, above = self.spanning.pop(index, (0, ""))
        if response.down > 1 and column.id in item.updates:
            item.updates[column.id].notes.append(
                f"this {title} cell spans {response.down} rows in the source: this item's and those of "
                "the items below it; kept here once"
            )
            self.spanning[index] = (response.down - 1, item.id)
        elif left > 0 and response.is_empty:
            item.notes.append(f"its {title} is the cell of item {above} above, which spans this row")
            if left > 1:
                self.spanning[index] = (left - 1, above)

    def _statuses(self, item: ImportedItem, cells: list[Cell]) -> None:
        per_round = {
            column.round.id: i
            for i in self._indexes("status")
            if (column := self.columns[i]).round is not None
        }
        if per_round:
            for round_id, index in per_round.items():
                update = item.updates.get(round_id)
                if update is not None and index < len(cells):
                    take_status(update, self._text(cells[index]))
            return
        general = [i for i in self._indexes("status") if self.columns[i].round is None]
        if general and item.updates and general[0] < len(cells):
            latest = max(item.updates, key=lambda r: self.rounds[r].order)
            take_status(item.updates[latest], self._text(cells[general[0]]))


def _item_number(text: str) -> str:
    """An item column's text without the stop or bracket after the number ("7.1." is item 7.1)."""
    found = _NUMBERED_ITEM.fullmatch(text)
    return found[1] if found else text


def _without_first(cell: Cell) -> Cell:
    return Cell(cell.paragraphs[1:], cell.shown)
