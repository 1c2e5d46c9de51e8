"""A plan published as text, not as a table: sections per recommendation with labelled lines.

A page may give each recommendation a section (a heading such as "Crime
recording (recommendation 7)", or an accordion's "Recommendation 9" summary),
its text under a heading such as "Recommendation received" or in the paragraph
below, and each evidence item as a line "7.1 - Evidence requirements of
progress/completion: ..." (or "7.1" alone, the evidence below it). The force's
response is under a heading naming it ("Our current process", "<Month Year>
update"), or on lines labelled per item ("Owner: <body>", "Progress: ...", a
definition list's terms). :func:`labelled_lines_table` recasts these as the one
plan table :mod:`plan_cli.importer.rows` reads; every published word is kept,
the headings and labels become column headings, and a response given once for a
recommendation is kept on its first item with a note.
"""

from __future__ import annotations

import re

from plan_cli.importer.headings import classify, heading_text
from plan_cli.importer.layouts import recommendation_above, recommendation_label
from plan_cli.importer.table import EMPTY, Cell, Row, Run, Table

_ITEM_PREFIX = r"^\s*(?:(?:sub[- ]?)?recom+end\w*|evidence(?: requirements?)?|item)?\s*"
_ITEM_LINE = re.compile(
    _ITEM_PREFIX + r"(\d{1,3}\.\d{1,3})\s*(?:[-\u2013:.]\s*|$)(?:(evidence[^:]{0,60}):\s*)?", re.IGNORECASE
)
_ITEM_HEADING = re.compile(_ITEM_PREFIX + r"(\d{1,3}\.\d{1,3})\s+(?=\S)", re.IGNORECASE)
_LABELLED = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s*")
_FIELD_KINDS = frozenset({"owner", "round", "status", "deadline"})

LABELLED_LINES = "the page's labelled lines"
SHARED_RESPONSES = "the page's labelled lines and sections"


class _Item:
    def __init__(self, item_id: str, evidence: list[tuple[Run, ...]]) -> None:
        self.id = item_id
        self.evidence = evidence
        self.fields: dict[str, list[tuple[Run, ...]]] = {}  # column (see _column_key) -> its paragraphs


class _Recommendation:
    def __init__(self, number: str) -> None:
        self.number = number
        self.text: list[tuple[Run, ...]] = []
        self.items: list[_Item] = []
        self.responses: dict[str, list[tuple[Run, ...]]] = {}


def labelled_lines_table(blocks: list[Cell]) -> tuple[Table, int] | None:
    """The plan table the page's labelled lines make, with its heading row's index; None without item lines.

    An item is a line "7.1 - evidence" (or "7.1" alone, its evidence in the paragraphs below); the
    lines after it labelled with an owner, a status or a round ("Owner: <body>", "Progress: ...",
    "<Month Year> update: ...", as a definition list or bold labels gives them) fill its columns, and
    unlabelled paragraphs right after such a line continue it.
    """
    if not any(_item_line(cell) for cell in blocks if cell.texts):
        return None
    found: list[_Recommendation] = []
    rounds: list[str] = []
    fields: dict[str, str] = {}  # column (see _column_key) -> the label as first written
    section: str | None = None
    into: list[tuple[Run, ...]] | None = None  # where unlabelled paragraphs go: an item's evidence or field
    for cell in blocks:
        texts = cell.texts
        if not texts:
            continue
        named = _is_heading(cell) or _only_label(texts) or _bold(cell) or _bold_label(cell)
        number = recommendation_label(texts[0]) if named else ""
        item = _item_line(cell)
        field = _field(cell, found[-1].items[-1]) if found and found[-1].items and section is None else None
        if number:
            found.append(_Recommendation(number))
            stated = recommendation_above((cell,))[1]  # the text a bold label line gives after the label
            found[-1].text.extend(stated.paragraphs if stated.text != texts[0] else ())
            section, into = None, None
        elif item:
            if not found or found[-1].number != item[1].split(".")[0]:
                found.append(_Recommendation(item[1].split(".")[0]))  # its section is not named: no text
            rest = texts[0][item.end() :]
            paragraphs: list[tuple[Run, ...]] = [(Run(t),) for t in (rest, *texts[1:]) if t.strip()]
            found[-1].items.append(_Item(item[1], paragraphs))
            into = found[-1].items[-1].evidence if not paragraphs else None
        elif field is not None:
            label, value = field
            listed = found[-1].items[-1]
            if _is_evidence(label):
                kept = listed.evidence  # "Evidence requirement: ..." under an item line without its text
            else:
                fields.setdefault(_column_key(label), label)
                kept = listed.fields.setdefault(_column_key(label), [])
            kept.extend((Run(t),) for t in (value, *texts[1:]) if t.strip())
            into = kept
        elif _is_heading(cell):
            column = classify(heading_text(cell))
            section = heading_text(cell) if column is not None and column.kind == "round" else None
            if section and section not in rounds:
                rounds.append(section)
            into = None
        elif found and section is not None:
            found[-1].responses.setdefault(section, []).extend(cell.paragraphs)
        elif into is not None:
            into.extend(cell.paragraphs)
        elif found and not found[-1].items:
            found[-1].text.extend(cell.paragraphs)
    if not any(rec.items for rec in found):
        return None
    labels = list(fields)
    headings = [
        "Rec No.",
        "Recommendation",
        "Evidence item number",
        "Evidence requirements",
        *(fields[label] for label in labels),
        *rounds,
    ]
    rows = [Row(tuple(Cell(((Run(h),),)) for h in headings))]
    for rec in found:
        for position, listed in enumerate(rec.items):
            first = position == 0
            lead = (Cell(((Run(rec.number),),)), Cell(tuple(rec.text))) if first else (EMPTY, EMPTY)
            own = [Cell(tuple(listed.fields.get(label, ()))) for label in labels]
            answers = [Cell(tuple(rec.responses.get(r, ()))) if first else EMPTY for r in rounds]
            evidence = Cell(tuple(listed.evidence))
            rows.append(Row((*lead, Cell(((Run(listed.id),),)), evidence, *own, *answers)))
    shared = any(rec.responses for rec in found)
    return Table(tuple(rows), (), SHARED_RESPONSES if shared else LABELLED_LINES), 0


def _item_line(cell: Cell) -> re.Match[str] | None:
    """The item number a block opens with: "7.1 - ...", "7.1" alone, or a heading "7.1 Evidence ..."."""
    return _ITEM_LINE.match(cell.texts[0]) or (
        _ITEM_HEADING.match(cell.texts[0]) if _is_heading(cell) else None
    )


def _field(cell: Cell, listed: _Item) -> tuple[str, str] | None:
    """(label, value) of a line labelled with an owner, status or round ("Owner: PFCC"), with the
    evidence where the item has none yet, or with any other bold label (a column of its own, which
    the import names as not imported); None otherwise."""
    text = cell.texts[0]
    match = _LABELLED.match(text)
    column = classify(match[1]) if match is not None else None
    if match is None or column is None:
        return None
    first = cell.paragraphs[0][0] if cell.paragraphs and cell.paragraphs[0] else None
    bold = first is not None and first.bold and first.text.strip().rstrip(":").strip() == match[1]
    if column.kind == "evidence":
        return (match[1], text[match.end() :]) if not listed.evidence else None
    if column.kind in _FIELD_KINDS or bold:
        return match[1], text[match.end() :]
    return None


def _bold(cell: Cell) -> bool:
    """True for a block written all in bold, however long (a heading or summary with its text)."""
    runs = [run for paragraph in cell.paragraphs for run in paragraph if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _bold_label(cell: Cell) -> bool:
    """True for a block opening with a bold label that only names a recommendation ("**Recommendation 9:**")."""
    first = cell.paragraphs[0][0] if cell.paragraphs and cell.paragraphs[0] else None
    return first is not None and first.bold and _only_label((first.text.strip().rstrip(":-\u2013 "),))


def _column_key(label: str) -> str:
    """The column a label fills: one for every owner label ("Owner", "Lead officer"), one per round."""
    column = classify(label)
    if column is not None and column.kind == "round" and column.round is not None:
        return f"round {column.round.id}"
    if column is not None and column.kind in ("owner", "status", "deadline"):
        return column.kind
    return label.lower()


def _is_evidence(label: str) -> bool:
    column = classify(label)
    return column is not None and column.kind == "evidence"


def _only_label(texts: tuple[str, ...]) -> bool:
    """True for a block that only names a recommendation ("Recommendation 9"), as an accordion's summary does."""
    return len(texts) == 1 and len(texts[0]) <= 40 and bool(recommendation_label(texts[0]))


def _is_heading(cell: Cell) -> bool:
    """True for a short block written all in bold: a heading (h1-h6 are read as bold) or a bold label line."""
    runs = [run for paragraph in cell.paragraphs for run in paragraph if run.text.strip()]
    return len(cell.paragraphs) == 1 and bool(runs) and all(run.bold for run in runs) and len(cell.text) < 120
