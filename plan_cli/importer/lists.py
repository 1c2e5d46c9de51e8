"""A plan published as text, not as a table: sections per recommendation with labelled lines.

A page may give each recommendation a section ("Crime recording (recommendation
7)"), its text under a heading such as "Recommendation received", each evidence
item as a line "7.1 - Evidence requirements of progress/completion: ...", and
the force's response under a heading naming it ("Our current process", "March
2025 update"). :func:`labelled_lines_table` recasts these as the one plan table
:mod:`plan_cli.importer.rows` reads; every published word is kept, the headings
become column headings, and a response given once for a recommendation is
kept on its first item with a note.
"""

from __future__ import annotations

import re

from plan_cli.importer.headings import classify, heading_text
from plan_cli.importer.layouts import recommendation_label
from plan_cli.importer.table import EMPTY, Cell, Row, Run, Table

_ITEM_LINE = re.compile(
    r"^\s*(\d{1,3}\.\d{1,3})\s*[-\u2013:.]\s*(?:(evidence[^:]{0,60}):\s*)?", re.IGNORECASE
)

LABELLED_LINES = "the page's labelled lines"


class _Recommendation:
    def __init__(self, number: str) -> None:
        self.number = number
        self.text: list[tuple[Run, ...]] = []
        self.items: list[tuple[str, Cell]] = []
        self.responses: dict[str, list[tuple[Run, ...]]] = {}


def labelled_lines_table(blocks: list[Cell]) -> tuple[Table, int] | None:
    """The plan table the page's labelled lines make, with its heading row's index; None without item lines."""
    if not any(_ITEM_LINE.match(cell.texts[0]) for cell in blocks if cell.texts):
        return None
    found: list[_Recommendation] = []
    rounds: list[str] = []
    section: str | None = None
    for cell in blocks:
        texts = cell.texts
        if not texts:
            continue
        number = recommendation_label(texts[0]) if _is_heading(cell) else ""
        item = _ITEM_LINE.match(texts[0])
        if number:
            found.append(_Recommendation(number))
            section = None
        elif _is_heading(cell):
            column = classify(heading_text(cell))
            section = heading_text(cell) if column is not None and column.kind == "round" else None
            if section and section not in rounds:
                rounds.append(section)
        elif item and found:
            rest = texts[0][item.end() :]
            paragraphs = ((Run(rest),), *((Run(t),) for t in texts[1:]))
            found[-1].items.append((item[1], Cell(paragraphs)))
        elif found and section is not None:
            found[-1].responses.setdefault(section, []).extend(cell.paragraphs)
        elif found and not found[-1].items:
            found[-1].text.extend(cell.paragraphs)
    if not any(rec.items for rec in found):
        return None
    headings = ["Rec No.", "Recommendation", "Evidence item number", "Evidence requirements", *rounds]
    rows = [Row(tuple(Cell(((Run(h),),)) for h in headings))]
    for rec in found:
        for position, (item_id, evidence) in enumerate(rec.items):
            first = position == 0
            lead = (Cell(((Run(rec.number),),)), Cell(tuple(rec.text))) if first else (EMPTY, EMPTY)
            answers = [Cell(tuple(rec.responses.get(r, ()))) if first else EMPTY for r in rounds]
            rows.append(Row((*lead, Cell(((Run(item_id),),)), evidence, *answers)))
    return Table(tuple(rows), (), LABELLED_LINES), 0


def _is_heading(cell: Cell) -> bool:
    """True for a short block written all in bold: a heading (h1-h6 are read as bold) or a bold label line."""
    runs = [run for paragraph in cell.paragraphs for run in paragraph if run.text.strip()]
    return len(cell.paragraphs) == 1 and bool(runs) and all(run.bold for run in runs) and len(cell.text) < 120
