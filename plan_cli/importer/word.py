"""Reading a Word document (.docx) that holds the plan table, with python-docx.

A .docx is a zip archive of XML; python-docx reads its tables, paragraphs
and runs, so bold labels survive. Merged cells come back once: a cell merged
across columns is followed by empty cells, a cell merged down the rows leaves
the rows below it empty (the cell counts the rows it spans, as an HTML rowspan does).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from plan_cli.basics.errors import SourceError
from plan_cli.importer.table import Cell, Row, Run, Table, quoted

MAX_UNPACKED_BYTES = 64 * 1024 * 1024


def tables_from_docx(data: bytes, name: str) -> list[Table]:
    """Every table of the document, with its non-empty paragraphs before the tables as preamble."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise SourceError(name, f"is not a readable .docx (a damaged zip archive: {error})") from None
    if "word/document.xml" not in names:
        raise SourceError(name, "is a zip archive but not a Word document (no word/document.xml)")
    if unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(name, f"unpacks to {unpacked / 1024 / 1024:.0f} MB; is this the right file?")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise SourceError(name, f"is not a readable .docx ({type(error).__name__}: {error})") from None
    preamble = tuple(_cell([p]) for p in document.paragraphs[:5] if p.text.strip())
    tables = []
    for number, table in enumerate(document.tables, start=1):
        rows: list[list[Cell]] = []
        above: list[Any] = []
        origin: dict[int, tuple[int, int]] = {}  # a merged cell's element -> (row, column) where it starts
        for row in table.rows:
            cells: list[Cell] = []
            seen: list[Any] = []
            for column, cell in enumerate(row.cells):
                element = cell._tc
                merged_left = bool(seen) and seen[-1] is element
                merged_up = column < len(above) and above[column] is element
                seen.append(element)
                if merged_up and not merged_left and id(element) in origin:
                    at, start = origin[id(element)]
                    rows[at][start] = rows[at][start]._replace(down=rows[at][start].down + 1)
                elif not merged_left and not merged_up:
                    origin[id(element)] = (len(rows), column)
                cells.append(Cell(()) if merged_left or merged_up else _cell(cell.paragraphs))
            above = seen
            rows.append(cells)
        found = tuple(Row(tuple(cells), index) for index, cells in enumerate(rows, start=1))
        tables.append(Table(found, preamble, f"table {number}"))
    return tables


def _cell(paragraphs: list[Any]) -> Cell:
    out = []
    for paragraph in paragraphs:
        runs = tuple(Run(run.text, bool(run.bold)) for run in paragraph.runs if run.text)
        merged: list[Run] = []
        for run in runs:
            if merged and merged[-1].bold == run.bold:
                merged[-1] = Run(merged[-1].text + run.text, run.bold)
            else:
                merged.append(run)
        if "".join(r.text for r in merged).strip():
            out.append(tuple(merged))
    shown = " ".join(p.text for p in paragraphs)
    return Cell(tuple(out), quoted(shown))
