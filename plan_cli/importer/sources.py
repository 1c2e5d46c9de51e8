"""Which reader a source needs, chosen from its bytes, and the readers for text sources.

:func:`read_tables` takes the source's bytes and returns its tables. The
kind is told from the content (a zip archive is a Word document, ``%PDF-`` starts a PDF, markup with
table tags is HTML, a first line that is comma-separated with the plan's
headings is CSV, tab-separated lines are the published text); the file name
only sharpens the error for a ``.docx`` that is not one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from plan_cli.basics.errors import SourceError
from plan_cli.basics.files import FileKind, Unreadable, too_large
from plan_cli.documents.export import spreadsheet_text
from plan_cli.importer.table import Cell, Row, Run, Table, plain_cell, quoted

MAX_SOURCE_BYTES = 32 * 1024 * 1024
PUBLISHED_PLAN = FileKind("published plan", MAX_SOURCE_BYTES, "the published plan's file")
"""How a source to import is read (see :mod:`plan_cli.basics.files`): its limit and the words for it."""
_HTML_TAG = re.compile(rb"<\s*(table|tr|td|th|html|body|!doctype)\b", re.IGNORECASE)
_MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CSV_HEADINGS = re.compile(r"recom+end|evidence|rec\.? ?no", re.IGNORECASE)
# An HTML page's own <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# A cell with no markup, entity or control character reads the same as text as through the HTML parser.
_PLAIN_TEXT = re.compile(r"[^<&\x00-\x1f\x7f]*")


def read_tables(data: bytes, name: str) -> tuple[str, list[Table]]:
    """Return (the kind of source, its tables); raise SourceError for what cannot be read.

    Kinds: "docx", "pdf", "html", "csv", "text".
    """
    if not data.strip():
        raise SourceError(name, "is empty; give the published plan (an HTML page, .docx, .pdf, .txt or .csv)")
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(name, f"is {len(data) / 1024 / 1024:.1f} MB; {too_large(PUBLISHED_PLAN)}")
    if data.startswith(b"PK\x03\x04"):
        from plan_cli.importer.word import tables_from_docx

        return "docx", tables_from_docx(data, name)
    if b"%PDF-" in data[:1024]:
        from plan_cli.importer.pdf import tables_from_pdf

        return "pdf", tables_from_pdf(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(name, "is a Word 97-2003 document (.doc); open it in Word and save it as .docx")
    if name.lower().endswith(".docx"):
        raise SourceError(
            name, "is not a .docx file (a .docx is a zip archive; this is not one); save it again from Word"
        )
    html = _HTML_TAG.search(data[:1_000_000]) is not None
    text = decode(served_as_utf8(data, declared_charset(data)) if html else data, name)
    if html:
        from plan_cli.importer.html import tables_from_html

        return "html", tables_from_html(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" not in first and "," in first and _CSV_HEADINGS.search(first):
        return "csv", [table_from_csv(text, name)]
    if "\t" in text:
        return "text", [table_from_tab_separated(text)]
    raise SourceError(
        name,
        "holds no table: expected an HTML page with a <table>, a .docx with a table, "
        "tab-separated text or the CSV of 'plan export --format csv'",
    )


def served_as_utf8(data: bytes, charset: str | None) -> bytes:
    """A downloaded text in UTF-8: as sent when it is UTF-8 already (or not text), else from its ``charset``.

    A server names a page's character set in its Content-Type; an older site
    sends Windows-1252, which a file saved from it would carry unconverted.
    A PDF, a Word document and a name Python does not know are left alone.
    """
    if charset is None or b"%PDF-" in data[:1024] or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a ``<meta>`` tag near its start; None where it names none.

    A page saved from Word ("Web Page, Filtered") is Windows-1252 and says so in its head.
    """
    match = _META_CHARSET.search(data[:8192])
    return match[1].decode("ascii") if match else None


def decode(data: bytes, name: str) -> str:
    """The source as text (see :func:`plan_cli.basics.files.decode`); raise SourceError saying why not."""
    from plan_cli.basics.files import decode as decode_text

    try:
        return decode_text(data)
    except Unreadable as error:
        raise SourceError(name, error.reason, error.line) from None


def table_from_tab_separated(text: str) -> Table:
    """The published text: one line per row, cells separated by tabs, each cell HTML or plain text.

    Lines before the first line with a tab are the preamble (the title line,
    with ``**bold**`` as the source marks it).
    """
    from plan_cli.importer.html import cell_from_html

    rows: list[Row] = []
    preamble: list[Cell] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        if "\t" not in line and not rows:
            preamble.append(_markdown_cell(line))
            continue
        rows.append(Row(tuple(_text_cell(cell, cell_from_html) for cell in line.split("\t")), number))
    return Table(tuple(rows), tuple(preamble), "the table")


def _text_cell(text: str, from_html: Callable[[str], Cell]) -> Cell:
    """The cell a published line's field stands for: plain text directly, anything else as HTML.

    Most fields are plain words; reading them without the parser keeps a long
    file's import time proportional to its size.
    """
    if _PLAIN_TEXT.fullmatch(text):
        return Cell(((Run(text),),) if text.strip() else (), quoted(text))
    return from_html(text)


def _markdown_cell(line: str) -> Cell:
    runs: list[Run] = []
    position = 0
    for match in _MARKDOWN_BOLD.finditer(line):
        if match.start() > position:
            runs.append(Run(line[position : match.start()]))
        runs.append(Run(match[1], True))
        position = match.end()
    if position < len(line):
        runs.append(Run(line[position:]))
    return Cell((tuple(runs),), line)


def table_from_csv(text: str, name: str) -> Table:
    """A CSV table (as 'plan export --format csv' writes it): plain cells, paragraphs by blank lines.

    A cell the export guarded against spreadsheet formulas ('=..., '-...) is read as the text it stands for.
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise SourceError(name, f"is not readable CSV ({error})") from None
    rows = []
    line = 1
    for record in records:
        rows.append(Row(tuple(plain_cell(spreadsheet_text(value), value) for value in record), line))
        line += 1 + sum(value.count("\n") for value in record)
    return Table(tuple(rows), (), "the table")
