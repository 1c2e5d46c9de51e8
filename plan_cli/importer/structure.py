"""From the source's tables to a plan: which table holds it, and what is above its heading row.

:func:`structure` finds the table holding the plan (a heading row with a
recommendation column and an evidence column), or asks for ``--table N`` when
more than one could be, takes the title, force and leads from above the heading
row, and hands the rows to :func:`plan_cli.importer.rows.build_plan`, which
builds the rest of the :class:`ImportedPlan`: the published words exactly as the
cells hold them, with a note (written as a ``# source:`` comment) wherever the
source is broken and had to be structured. Nothing is judged: a status is taken
only where the source states one; dependencies, milestones and measures are
left for the plan team.
"""

from __future__ import annotations

import re

from plan_cli.basics.errors import SourceError
from plan_cli.importer.headings import classify, heading_text
from plan_cli.importer.layouts import joined_tables, label_value_table, recommendation_above
from plan_cli.importer.lists import SHARED_RESPONSES, labelled_lines_table
from plan_cli.importer.records import ImportedPlan
from plan_cli.importer.rows import build_plan
from plan_cli.importer.table import Cell, Row, Run, Table, quoted

_ITEM_OR_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})?")
_FIELD_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z /&,()-]{2,60}?)\s*:\s*(\S.*)$")


def structure(tables: list[Table], name: str, plain: bool, table_number: int | None = None) -> ImportedPlan:
    """Return the plan the source's table holds; raise SourceError when no table (or two) can be used."""
    tables = label_value_table(tables)
    candidates = []
    for table in tables:
        header = _header_row(table)
        if header is not None:
            candidates.append((table, header))
    if not candidates:
        lines = labelled_lines_table([cell for t in tables for cell in t.before])
        if lines is None:
            raise SourceError(name, _no_plan_table(tables))
        page = tables[0]  # the page's front matter comes with every table it gives
        candidates = [(lines[0]._replace(preamble=page.preamble, named=page.named), lines[1])]
    answered = [c for c in candidates if _has_responses(*c)]
    candidates = answered or candidates  # a summary table (recommendation, items, status) is not the plan
    if table_number is not None:
        chosen = [c for c in candidates if c[0].where == f"table {table_number}"]
        if not chosen:
            numbers = ", ".join(c[0].where for c in candidates)
            raise SourceError(
                name, f"--table {table_number} is not a plan table; the plan tables are: {numbers}"
            )
        candidates = chosen
    if (len(candidates) > 1 or _items_only(*candidates[0])) and (
        joined := joined_tables(candidates)
    ) is not None:
        candidates = [joined]
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
    plan = ImportedPlan(table=table.where)
    table = _sub_headings_joined(table, header_index, plan)
    _front_matter(plan, table, header_index)
    if table.where == SHARED_RESPONSES:
        plan.notes.append(
            "each recommendation's section gives one response for all its items; it is kept on its first item"
        )
    return build_plan(plan, table, header_index, name, plain)


def _header_row(table: Table) -> int | None:
    for index, row in enumerate(table.rows[:50]):
        kinds = {c.kind for c in (classify(heading_text(cell)) for cell in row.cells) if c is not None}
        if ("recommendation" in kinds or "number" in kinds) and kinds & {"evidence", "item", "round"}:
            return index
        if "item" in kinds and kinds & {"evidence", "round"}:
            return index  # a table of one recommendation's items, its number and text above it
    return None


def _sub_headings_joined(table: Table, index: int, plan: ImportedPlan) -> Table:
    """``table`` with a second heading row (the sub-headings under a heading spanning several columns,
    "Progress" over "Update – October 2025" and "Q3 Update") joined into the heading row above it.

    A sub-heading that names a column itself is kept as written; one that does not ("Ref" under
    "Evidence requirements") is read with the heading over it.
    """
    if index + 1 >= len(table.rows):
        return table
    header, below = table.rows[index].cells, table.rows[index + 1].cells
    texts = [heading_text(c) for c in below]
    spanned = [i for i in range(1, min(len(header), len(below))) if header[i].is_empty and texts[i]]
    short = all(len(t) <= 60 for t in texts)  # a heading may wrap over lines (a PDF's does)
    if not spanned or not short or any(_ITEM_OR_NUMBER.fullmatch(t) for t in texts if t):
        return table
    joined: list[Cell] = []
    over = ""
    for position in range(max(len(header), len(below))):
        top = heading_text(header[position]) if position < len(header) else ""
        sub = texts[position] if position < len(texts) else ""
        over = top or over
        column = classify(sub) if sub else None
        if not sub:
            written = top
        elif (column is not None and column.kind != "other") or not over:
            written = sub
        else:
            written = f"{over} {sub}"
        joined.append(Cell(((Run(written),),) if written else ()))
    plan.notes.append(
        f"the heading row has a second row of sub-headings ({_headings(table.rows[index + 1])}); "
        "read with the headings above them"
    )
    rows = (*table.rows[:index], Row(tuple(joined), table.rows[index].line), *table.rows[index + 2 :])
    return table._replace(rows=rows)


def _has_responses(table: Table, index: int) -> bool:
    """True when the heading row names a response column (a round), as a plan table's does."""
    return any(
        column is not None and column.kind == "round"
        for column in (classify(heading_text(cell)) for cell in table.rows[index].cells)
    )


def _items_only(table: Table, index: int) -> bool:
    """True for a table of items with no recommendation column under a heading naming one ("Recommendation 7")."""
    kinds = {
        c.kind for c in (classify(heading_text(cell)) for cell in table.rows[index].cells) if c is not None
    }
    return not kinds & {"recommendation", "number"} and bool(recommendation_above(table.before)[0])


def _headings(row: Row) -> str:
    return " | ".join(h for h in (heading_text(c) for c in row.cells) if h)


def _no_plan_table(tables: list[Table]) -> str:
    """What the source holds and what was looked for, when no layout of a plan is in it."""
    shown = [t for t in tables if t.rows]
    paragraphs = sum(len(t.before) for t in tables)
    seen = "; ".join(
        f"{t.where} ({len(t.rows)} rows, first row: {_headings(t.rows[0])[:80] or '(empty)'})"
        for t in shown[:5]
    )
    found = f"{len(shown)} tables ({seen})" if shown else "no table"
    return (
        f"holds no plan that can be read: it has {found} and {paragraphs} paragraphs or list items outside "
        "tables. Looked for: a table whose heading row names a recommendation ('Rec No.', 'Recommendation') "
        "with evidence ('Evidence requirements', 'Sub recommendation') or responses ('Initial response', "
        "'<Month Year> update', 'Force update'), with or without <th>; tables of 'Recommendation: | 7.1' "
        "label/value rows; or, under headings or accordion summaries naming 'Recommendation 7', "
        "lines labelled with item numbers ('7.1 - Evidence requirements ...: ...', or '7.1' alone) "
        "followed by 'Owner:', 'Progress:' or '<Month Year> update:' lines. "
        "Nothing is invented: give the plan's own table, or use --table N if one of these is it"
    )


def _front_matter(plan: ImportedPlan, table: Table, header_index: int) -> None:
    """Take the title, what the plan responds to, and the force and leads from above the heading row."""
    if table.named:
        plan.fields["force"] = table.named
    for cell in table.preamble:
        texts = cell.texts
        if not texts:
            continue
        if _fields(plan, texts):
            continue
        if texts[0].lower().startswith("in response to") and plan.responds_to is None:
            plan.responds_to = texts[0]
        elif plan.title is None:
            _title(plan, cell)
    for row in table.rows[:header_index]:
        filled = [c.text for c in row.cells if not c.is_empty]
        if len(filled) >= 2:
            key = _field_key(filled[0].rstrip(":").strip())
            if key is not None:
                plan.fields[key] = filled[1]
                continue
        if len(filled) == 1 and plan.title is None:
            plan.title = filled[0]


def _fields(plan: ImportedPlan, texts: tuple[str, ...]) -> bool:
    """Take 'Force:' and every lead a block's lines name; True when its first line is such a field."""
    taken = False
    for number, line in enumerate(texts):
        field = _FIELD_LINE.match(line)
        if field is None:
            continue
        key = _field_key(field[1])
        if key is None:
            continue
        taken = taken or number == 0
        value = field[2].strip()
        if key == "force":
            plan.fields["force"] = value
        elif key in plan.fields and value not in plan.fields[key].split("\n"):
            plan.fields[key] += "\n" + value
            plan.notes.append(f'the page names more than one {key.replace("_", " ")}: "{field[1].strip()}"')
        else:
            plan.fields.setdefault(key, value)
    return taken


def _field_key(label: str) -> str | None:
    """The plan field a front-matter label names: the force, or an executive or operational lead."""
    low = " ".join(re.sub(r"[^a-z]+", " ", label.lower()).split())
    if low in ("force", "police force", "force name"):
        return "force"
    if not re.search(r"\bleads?\b", low):
        return None
    if re.search(r"\b(executive|strategic|senior|chief officer)\b", low):
        return "executive_lead"
    if re.search(r"\b(operational|tactical)\b", low):
        return "operational_lead"
    return None


def _title(plan: ImportedPlan, cell: Cell) -> None:
    """The title, and the words after a bold title on the same line ("in response to ...")."""
    first = cell.paragraphs[0]
    if first[0].bold and len(first) > 1:
        plan.title = first[0].text.strip().rstrip(":").strip()
        after = "".join(r.text for r in first[1:]).strip()
        if after.lower().startswith("in response to"):
            plan.responds_to = after
        elif after:
            plan.title = cell.texts[0]
            return
        if first[0].text.strip().endswith(":"):
            plan.notes.append(f'the title line is "{quoted(cell.texts[0], 90)}"')
    else:
        plan.title = cell.texts[0]
