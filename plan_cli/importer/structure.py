"""From a table to a plan: columns by their headings, rows into recommendations, items and rounds.

:func:`structure` finds the table holding the plan (a heading row with a
recommendation column and an evidence column), reads what each column is
from its heading in any case and spelling forces use, and builds an
:class:`ImportedPlan`: the published words exactly as the cells hold them,
with a note (written as a ``# source:`` comment) wherever the source is
broken and had to be structured. Nothing is judged: a status is taken only
where the source states one; dependencies, milestones and measures are left
for the plan team.
"""

from __future__ import annotations

import re
from collections import Counter

from ..controls import describe, first_control, visible
from ..errors import SourceError
from .headings import Column, classify, heading_text, round_of
from .records import (
    ImportedItem,
    ImportedPlan,
    ImportedRecommendation,
    ImportedRound,
    ImportedUpdate,
)
from .stated import take_deadline, take_status
from .table import Cell, Row, Table, plain_segments, quoted, segments

_ITEM_ID = re.compile(r"(\d{1,3})\.(\d{1,3})")
_FUSED_ID = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\s*(?:[-\u2013:.]\s*|\s)")
_NUMBER = re.compile(r"\d{1,3}")
_EVIDENCE_LABEL = re.compile(r"^(evidence requirements?[^:]{0,60}):\s*", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*([A-Za-z ]{3,20}?)\s*:\s*(\S.*)$")
_FIELDS = {"force": "force", "executive lead": "executive_lead", "operational lead": "operational_lead"}


def structure(tables: list[Table], name: str, plain: bool, table_number: int | None = None) -> ImportedPlan:
    """Return the plan the source's table holds; raise SourceError when no table (or two) can be used."""
    candidates = []
    for table in tables:
        header = _header_row(table)
        if header is not None:
            candidates.append((table, header))
    if not candidates:
        raise SourceError(name, _no_plan_table(tables))
    if table_number is not None:
        chosen = [c for c in candidates if c[0].where == f"table {table_number}"]
        if not chosen:
            numbers = ", ".join(c[0].where for c in candidates)
            raise SourceError(
                name, f"--table {table_number} is not a plan table; the plan tables are: {numbers}"
            )
        candidates = chosen
    if len(candidates) > 1:
        listed = "; ".join(
            f"{table.where} ({len(table.rows) - index - 1} rows, headed {_headings(table.rows[index])})"
            for table, index in candidates
        )
        first = candidates[0][0].where.removeprefix("table ")
        raise SourceError(
            name,
            f"holds {len(candidates)} tables that could be the plan: {listed}. "
            f"Choose one with --table N, e.g. --table {first}",
        )
    table, header_index = candidates[0]
    return _Builder(table, header_index, name, plain).build()


def _header_row(table: Table) -> int | None:
    for index, row in enumerate(table.rows[:50]):
        kinds = {c.kind for c in (classify(heading_text(cell)) for cell in row.cells) if c is not None}
        if ("recommendation" in kinds or "number" in kinds) and ("evidence" in kinds or "item" in kinds):
            return index
    return None


def _headings(row: Row) -> str:
    return " | ".join(h for h in (heading_text(c) for c in row.cells) if h)


def _no_plan_table(tables: list[Table]) -> str:
    if not tables or not any(t.rows for t in tables):
        return (
            "holds no table; expected the plan's table with a recommendation column and an "
            "evidence requirements column"
        )
    seen = "; ".join(f"{t.where}: {_headings(t.rows[0])[:120] or '(empty)'}" for t in tables[:5] if t.rows)
    return (
        "has no table with both a recommendation column (e.g. 'Rec. No.' or 'Recommendation') and an "
        f"evidence column (e.g. 'Evidence requirements' or 'Sub recommendation'). First rows seen: {seen}"
    )


class _Builder:
    def __init__(self, table: Table, header_index: int, name: str, plain: bool) -> None:
        self.table = table
        self.header_index = header_index
        self.name = name
        self.plain = plain
        self.plan = ImportedPlan(table=table.where)
        self.rounds: dict[str, ImportedRound] = {}
        self.columns: dict[int, Column] = {}

    # ---- headings ----------------------------------------------------------------

    def build(self) -> ImportedPlan:
        self._preamble()
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

    def _preamble(self) -> None:
        for cell in self.table.preamble:
            texts = cell.texts
            if not texts:
                continue
            field = _FIELD_LINE.match(texts[0])
            if field and field[1].lower() in _FIELDS:
                self.plan.fields.setdefault(_FIELDS[field[1].lower()], field[2].strip())
            elif texts[0].lower().startswith("in response to") and self.plan.responds_to is None:
                self.plan.responds_to = texts[0]
            elif self.plan.title is None:
                self._title(cell)
        for row in self.table.rows[: self.header_index]:
            filled = [self._text(c) for c in row.cells if not c.is_empty]
            if len(filled) >= 2:
                key = filled[0].rstrip(":").strip().lower()
                if key in _FIELDS:
                    self.plan.fields[_FIELDS[key]] = filled[1]
                    continue
            if len(filled) == 1 and self.plan.title is None:
                self.plan.title = filled[0]

    def _title(self, cell: Cell) -> None:
        """The title, and the words after a bold title on the same line ("in response to ...")."""
        first = cell.paragraphs[0]
        if first[0].bold and len(first) > 1:
            self.plan.title = first[0].text.strip().rstrip(":").strip()
            after = "".join(r.text for r in first[1:]).strip()
            if after.lower().startswith("in response to"):
                self.plan.responds_to = after
            elif after:
                self.plan.title = cell.texts[0]
                return
            if first[0].text.strip().endswith(":"):
                self.plan.notes.append(f'the title line is "{quoted(cell.texts[0], 90)}"')
        else:
            self.plan.title = cell.texts[0]

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
                    if _ITEM_ID.fullmatch(self._text(cell)):
                        ids[index] += 1
            best = max(range(len(ids)), key=lambda i: ids[i])
            if ids[best] * 2 >= len([r for r in rows if any(not c.is_empty for c in r.cells)]) and ids[best]:
                if best in self.columns and best + 1 not in self.columns:
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
        kinds = [c.kind for c in self.columns.values()]
        for needed, example in (("evidence", "Evidence requirements"),):
            if needed not in kinds and "item" not in kinds:
                raise SourceError(self.name, f"{self.table.where} has no {example} column")
        for _index, column in sorted(self.columns.items()):
            if column.kind == "other":
                self.plan.ignored_columns.append(column.heading)
            if column.round is not None and column.kind == "round":
                self._declare(column.round)
        if not self._indexes("round"):
            raise SourceError(
                self.name,
                f"{self.table.where} has no response column: expected a heading such as "
                "'Initial Action Plan Response' or 'March 2026 Update'",
            )

    def _declare(self, found: ImportedRound) -> ImportedRound:
        known = self.rounds.get(found.id)
        if known is None:
            self.rounds[found.id] = known = ImportedRound(found.id, found.title, found.order)
        return known

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
        return plain_segments(cell) if self.plain else segments(cell)

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

        item_id = fused_id or (self._text(cell("item")) if item_col else "")
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
        rec_text = self._text(cell("recommendation"))
        owner = self._text(owner_cell)
        rec = next((r for r in self.plan.recommendations if r.number == number), None)
        if rec is None:
            if not rec_text:
                raise SourceError(
                    self.name, f"recommendation {number} first appears without its text", row.line
                )
            rec = ImportedRecommendation(number, rec_text, owner)
            take_deadline(rec)
            self.plan.recommendations.append(rec)
        elif rec_text and rec_text != rec.text:
            notes.append(f'this row gives recommendation {number} as "{rec_text}"')
        if not id_match:
            item_id = f"{number}.{len(rec.items) + 1}"
            notes.append("no item number in the source; numbered in order")
        elif int(id_match[1]) != number:
            raise SourceError(
                self.name,
                f"item {item_id} is in the row of recommendation {number}; an item's number starts with "
                "its recommendation's. Correct the row in the source, or move the item to its recommendation",
                row.line,
            )
        if any(i.id == item_id for r in self.plan.recommendations for i in r.items):
            raise SourceError(self.name, f"item {item_id} appears twice; each item needs one row", row.line)
        if evidence is None:
            evidence_notes.append("no evidence text")
        item = ImportedItem(item_id, evidence, owner, notes=notes, evidence_notes=evidence_notes)
        rec.items.append(item)
        for index in rounds:
            self._responses(item, cells[index] if index < len(cells) else Cell(()), self.columns[index])
        self._statuses(item, cells)

    def _responses(self, item: ImportedItem, cell: Cell, column: Column) -> None:
        assert column.round is not None
        home = self.rounds[column.round.id]
        found: list[tuple[ImportedRound, str | None, list[tuple[str | None, str]]]] = []
        current: tuple[ImportedRound, str | None] = (home, None)
        pieces: list[tuple[str | None, str]] = []
        for label, text in self._segments(cell):
            named = round_of(label) if label else None
            if named is not None:
                if pieces:
                    found.append((current[0], current[1], pieces))
                known = self.rounds.get(named.id)
                if known is None:
                    known = self._declare(named)
                    known.notes.append(f'no column of its own: named by the label "{label}" inside a cell')
                current, pieces = (known, label), []
                if text:
                    pieces.append((None, text))
                continue
            pieces.append((label, text))
        if pieces:
            found.append((current[0], current[1], pieces))
        seen = [r.id for r, _, _ in found]
        order = sorted(self.rounds.values(), key=lambda r: r.order)
        gathered: dict[str, tuple[list[tuple[str | None, str]], list[str]]] = {}
        for position, (declared, label, parts) in enumerate(found):
            target, note = declared, None
            if seen.count(declared.id) > 1 and seen.index(declared.id) == position:
                earlier = [
                    r for r in order if r.order < declared.order and r.id not in seen and r.id != "initial"
                ]
                if earlier:
                    target = earlier[-1]
                    note = (
                        f'labelled "{label}"; by its position (first of {seen.count(declared.id)} paragraphs '
                        f'labelled "{label}") this is the {target.title}'
                    )
            elif label is not None and declared.order > home.order:
                note = f'labelled "{label}" in the column headed "{column.heading}"'
            texts, notes = gathered.setdefault(target.id, ([], []))
            texts.extend(parts)
            if note:
                notes.append(note)
        for round_id, (texts, notes) in gathered.items():
            before = item.updates.pop(round_id, None)
            if before is not None:
                kept: list[tuple[str | None, str]] = list(before.parts) or [
                    (None, text) for text in (before.text or "").split("\n\n")
                ]
                texts = [*kept, *texts]
                notes = [
                    *before.notes,
                    *notes,
                    f"the {self.rounds[round_id].title} is in two cells; joined here",
                ]
            update = _update(round_id, texts)
            update.notes.extend(notes)
            if update.text is not None or update.parts:
                item.updates[round_id] = update
            else:
                item.notes.append(
                    f'the {self.rounds[round_id].title} label has no text ("{quoted(cell.shown, 50)}")'
                )

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


def _without_first(cell: Cell) -> Cell:
    return Cell(cell.paragraphs[1:], cell.shown)


def _update(round_id: str, pieces: list[tuple[str | None, str]]) -> ImportedUpdate:
    update = ImportedUpdate(round_id)
    pieces = [(label, text) for label, text in pieces if text or label]
    labels = [label for label, _ in pieces]
    if pieces and all(labels) and all(text for _, text in pieces):
        update.parts = [(label or "", text) for label, text in pieces]
    elif pieces:
        update.text = "\n\n".join(f"{label} - {text}" if label else text for label, text in pieces)
        if any(labels):
            update.notes.append(
                "labelled and unlabelled paragraphs mixed; kept as text, labels written 'Label - '"
            )
    return update
