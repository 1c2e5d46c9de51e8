"""Reading a PDF that holds the plan table, with pdfplumber.

A PDF keeps no table, only letters placed on pages and the lines drawn around
cells. pdfplumber finds the ruled cells; :mod:`.pdf_text` puts each cell's
letters back into paragraphs; this module puts the pages back into tables:

- a frame around a page or a title is not a cell: where pdfplumber reports a
  cell covering others, only its uncovered parts are cells;
- a table that runs on at the top of the next page with the same columns is
  one table; the heading row a printer repeats on each page is read once;
- a row a page break cut in two, whose rest on the next page has no number in
  the id columns (those whose cells mostly start with a recommendation or
  item number), is joined to the row above it, cell by cell;
- text outside the tables before the first one is the preamble (the title,
  the force, the leads), less what repeats on every page (a printer's header
  and footer: date, address, page number).

The cells come out as the HTML and Word readers give them (see
:mod:`plan_cli.importer.table`), so the rest of the importer is the same.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from plan_cli.basics.errors import SourceError
from plan_cli.importer.pdf_text import appended, cell_from_letters, paragraph_cells
from plan_cli.importer.table import Cell, Row, Table

MAX_PAGES = 2000
_ID = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})?(?:\s|$)")
_TOLERANCE = 1.5  # points: two edges this close are one


class _Box(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float


class _PageLine(NamedTuple):
    """A line of text outside the tables: what it says with digits as '#', where it is, and its letters."""

    signature: tuple[str, int]
    chars: list[dict[str, Any]]


class _Piece(NamedTuple):
    """One ruled table on one page: its column edges, rows of cells, and the page's text above it."""

    page: int
    edges: tuple[float, ...]
    rows: list[tuple[Cell, ...]]
    before: list[_PageLine]
    first_on_page: bool
    last_on_page: bool


def tables_from_pdf(data: bytes, name: str) -> list[Table]:
    """Every ruled table of the PDF, a table that runs across pages as one, with the text before it.

    Raise SourceError for a PDF that cannot be read or holds no text.
    """
    import pdfplumber

    with _quiet("pdfminer", "pdfplumber"):
        return _read(pdfplumber, data, name)


@contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """The readers' own warnings about a damaged file kept off the terminal: the error says what matters."""
    levels = {name: logging.getLogger(name).level for name in loggers}
    for name in loggers:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _read(pdfplumber: Any, data: bytes, name: str) -> list[Table]:
    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise SourceError(name, f"is not a readable PDF ({_reason(error)}); save it again as PDF") from None
    pieces: list[_Piece] = []
    text_seen = False
    with document:
        try:
            pages = document.pages
        except Exception as error:
            raise SourceError(
                name, f"is not a readable PDF ({_reason(error)}); save it again as PDF"
            ) from None
        if len(pages) > MAX_PAGES:
            raise SourceError(name, f"has {len(pages)} pages; a published plan has at most {MAX_PAGES}")
        for number, page in enumerate(pages, start=1):
            try:
                found, has_text = _page_pieces(page, number)
            except Exception as error:
                raise SourceError(
                    name, f"page {number} cannot be read ({_reason(error)}); save the file again as PDF"
                ) from None
            finally:
                page.close()
            pieces += found
            text_seen = text_seen or has_text
    if not text_seen:
        raise SourceError(
            name,
            "holds no text, only images (a scanned document?); import the page or document it was made from",
        )
    if not pieces:
        raise SourceError(
            name,
            f"holds no table drawn with lines on its {len(pages)} page(s); a PDF's table is found by its "
            "ruled cells. Import the page or Word document it was printed from",
        )
    return _tables(pieces, len(pages))


def _reason(error: Exception) -> str:
    said = str(error).strip()
    return f"{type(error).__name__}: {said[:120]}" if said else type(error).__name__


# ---- one page ----------------------------------------------------------------------


def _page_pieces(page: Any, number: int) -> tuple[list[_Piece], bool]:
    """The page's ruled tables, top to bottom, each with the page's text above it; and whether it has text."""
    chars = _once(sorted(page.chars, key=lambda c: (c["top"], c["x0"])))
    regions: list[tuple[_Box, tuple[float, ...], list[_Box]]] = []
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        cells = _table_cells(table)
        if cells:
            edges, boxes = cells
            regions.append((_Box(edges[0], boxes[0].top, edges[-1], table.bbox[3]), edges, boxes))
    pieces: list[_Piece] = []
    outside = _page_lines([c for c in chars if not any(_inside(c, region) for region, _, _ in regions)])
    above_from = float("-inf")
    for index, (region, edges, boxes) in enumerate(regions):
        before = [line for line in outside if above_from <= line.chars[0]["top"] < region.top]
        rows = _rows(boxes, edges, chars)
        pieces.append(_Piece(number, edges, rows, before, index == 0, index == len(regions) - 1))
        above_from = region.bottom
    return pieces, bool(chars)


def _once(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The letters less those printed twice in one place (a fake bold draws each letter twice)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        if key not in seen:
            seen.add(key)
            out.append(char)
    return out


def _page_lines(chars: list[dict[str, Any]]) -> list[_PageLine]:
    """Letters outside the tables as lines, each with its signature, to tell a page's header and footer."""
    lines: list[list[dict[str, Any]]] = []
    for char in chars:
        if lines and char["top"] - lines[-1][0]["top"] <= max(char["size"] / 3, 1.0):
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        text = re.sub(r"\d+", "#", "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])))
        out.append(_PageLine((" ".join(text.split()), round(line[0]["top"] / 3)), line))
    return out


def _table_cells(table: Any) -> tuple[tuple[float, ...], list[_Box]] | None:
    """The column edges and the cells of a ruled table, from its first row of two or more cells.

    A frame drawn around a page or a title makes pdfplumber report a cell that
    covers others; such a cell keeps only the parts no other cell covers.
    Rows above the first row of two cells (a title in a box) are page text.
    """
    rows = [[_Box(*c) for c in row.cells if c is not None] for row in table.rows]
    start = next((i for i, row in enumerate(rows) if len(row) >= 2), None)
    if start is None:
        return None
    found = [box for row in rows[start:] for box in row]
    edges = _clustered([x for box in found for x in (box.x0, box.x1)])
    kept: list[_Box] = []
    for box in sorted(found, key=lambda b: (b.x1 - b.x0) * (b.bottom - b.top)):
        if not any(_overlap(box, other) for other in kept):
            kept.append(box)
            continue
        for left, right in itertools.pairwise(edges):
            if left < box.x0 - _TOLERANCE or right > box.x1 + _TOLERANCE:
                continue
            strip = _Box(left, box.top, right, box.bottom)
            covered = sorted((o.top, o.bottom) for o in kept if _overlap(strip, o))
            top = box.top
            for covered_top, covered_bottom in [*covered, (box.bottom, box.bottom)]:
                if covered_top - top > 2 * _TOLERANCE:
                    kept.append(_Box(left, top, right, covered_top))
                top = max(top, covered_bottom)
    return tuple(edges), sorted(kept, key=lambda b: (b.top, b.x0))


def _clustered(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _TOLERANCE:
            out.append(value)
    return out


def _overlap(a: _Box, b: _Box) -> bool:
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > _TOLERANCE
        and min(a.bottom, b.bottom) - max(a.top, b.top) > _TOLERANCE
    )


def _inside(char: dict[str, Any], box: _Box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box.x0 <= x <= box.x1 and box.top <= y <= box.bottom)


def _rows(boxes: list[_Box], edges: tuple[float, ...], chars: list[dict[str, Any]]) -> list[tuple[Cell, ...]]:
    """Rows of cells, one per column: a cell spanning columns or rows leaves the cells it covers empty."""
    tops = [c["top"] for c in chars]
    grouped: list[list[_Box]] = []
    for box in boxes:
        if grouped and abs(grouped[-1][0].top - box.top) <= _TOLERANCE:
            grouped[-1].append(box)
        else:
            grouped.append([box])
    rows = []
    for group in grouped:
        cells = [Cell(())] * (len(edges) - 1)
        for box in group:
            column = min(range(len(edges) - 1), key=lambda i: abs(edges[i] - box.x0))
            low = bisect.bisect_left(tops, box.top - 50)
            high = bisect.bisect_right(tops, box.bottom)
            inside = [c for c in chars[low:high] if _inside(c, box)]
            cells[column] = cell_from_letters(inside, (box.x0, box.x1))
        rows.append(tuple(cells))
    return rows


# ---- pages to tables ---------------------------------------------------------------


def _tables(pieces: list[_Piece], pages: int) -> list[Table]:
    """Pieces that run on from one page to the next with the same columns, as one table each.

    The text before a table is the text above it on its page, after the text
    before the first table; a line that repeats on most pages is left out.
    """
    seen: dict[tuple[str, int], set[int]] = {}
    for piece in pieces:
        for line in piece.before:
            seen.setdefault(line.signature, set()).add(piece.page)
    furniture = {key for key, on in seen.items() if len(on) >= 2 and len(on) * 2 >= pages}

    def text(lines: list[_PageLine]) -> list[Cell]:
        return paragraph_cells([c for line in lines if line.signature not in furniture for c in line.chars])

    tables: list[Table] = []
    preamble: list[Cell] | None = None
    groups: list[list[_Piece]] = []
    for piece in pieces:
        previous = groups[-1][-1] if groups else None
        if previous is not None and _runs_on(previous, piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    for number, group in enumerate(groups, start=1):
        before = text(group[0].before)
        if preamble is None:
            preamble = before
        rows = _joined(group)
        cells = tuple(preamble if before is preamble else [*preamble, *before])
        tables.append(Table(tuple(Row(row) for row in rows), cells, f"table {number}"))
    return tables


def _runs_on(previous: _Piece, piece: _Piece) -> bool:
    return (
        piece.page == previous.page + 1
        and previous.last_on_page
        and piece.first_on_page
        and len(piece.edges) == len(previous.edges)
        and all(abs(a - b) <= 3 * _TOLERANCE for a, b in zip(piece.edges, previous.edges, strict=True))
    )


def _joined(group: list[_Piece]) -> list[tuple[Cell, ...]]:
    """The rows of a table's pieces, a row cut by a page break joined again."""
    repeated = {_texts(piece.rows[0]) for piece in group[1:] if piece.rows}
    heading = {_texts(row) for row in group[0].rows[:3]} & repeated
    ids = _id_columns([row for piece in group for row in piece.rows if _texts(row) not in heading])
    rows = [row for row in group[0].rows if _filled(row)]
    for piece in group[1:]:
        rest = [row for row in piece.rows if _filled(row)]
        while rest and _texts(rest[0]) in heading:
            rest = rest[1:]
        if ids and rest and rows and _continues(rest[0], ids):
            rows[-1] = tuple(appended(a, b) for a, b in zip(rows[-1], rest[0], strict=True))
            rest = rest[1:]
        rows += rest
    return rows


def _filled(row: tuple[Cell, ...]) -> bool:
    return any(not cell.is_empty for cell in row)


def _texts(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(cell.text for cell in row)


def _id_columns(rows: list[tuple[Cell, ...]]) -> list[int]:
    """The columns whose filled cells mostly start with a recommendation or item number."""
    out = []
    for column in range(len(rows[0]) if rows else 0):
        filled = [row[column].text for row in rows if not row[column].is_empty]
        numbered = sum(1 for text in filled if _ID.match(text))
        if numbered >= 2 and numbered * 5 >= len(filled) * 3:
            out.append(column)
    return out


def _continues(row: tuple[Cell, ...], ids: list[int]) -> bool:
    """True for a row at a page's top with text but no number in any id column: the rest of the row above."""
    return _filled(row) and not any(_ID.match(row[i].text) for i in ids)
