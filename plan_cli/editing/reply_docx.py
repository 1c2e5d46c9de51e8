"""Reading a filled-in Word reply form back: its reply tables, as ``plan apply`` reads a Markdown draft.

The form (``plan draft --format docx``) ends each item with a table whose first
row says "Reply for 25.3", then a Status row and an Update row. Only those
tables are read, so text carried forward in the form's paragraphs can never be
a reply; a table is found by its first cell wherever a word processor moved
it. The status is whatever its cell shows (the drop-down's choice, or words
typed over it), read with the one status vocabulary; the Update cell's
paragraphs become paragraphs, its bulleted or numbered paragraphs "- " lines.
Each reply is then judged as a Markdown one is
(:func:`plan_cli.editing.replies.judge_reply`), located as "table 3, item 25.3".

A Word file is untrusted: before anything is parsed its zip must be small
once decompressed (declared sizes summed, and every part read is bounded
again as it is inflated), hold no macros, and its XML no DTD (so no external
or expanding entities); otherwise the whole file is refused with the reason,
and nothing is applied.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

from plan_cli.basics.errors import Problem
from plan_cli.basics.files import Unreadable
from plan_cli.editing.replies import IDENTITY_PATTERN
from plan_cli.editing.reply_text import FormAnswer, ReadDraft, Reply, judge_reply

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MOST_DECOMPRESSED = 64 * 1024 * 1024
MOST_ENTRIES = 2000
_DOCUMENT = "word/document.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_REPLY = re.compile(r"^\s*reply\s+for\s+(?:item\s+)?(\d+(?:\.\d+)*)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^\s*choose\s+a\s+status\.?\s*$", re.IGNORECASE)
_SAVE_AS_DOCX = "save the reply as a Word Document (.docx) and apply that"


def parse_docx_reply(raw: bytes, path: str, keep_signoffs: bool = False) -> ReadDraft:
    """Return the replies a filled-in Word form holds, with a located Problem for each malformed one.

    Raise Unreadable when the file cannot be a safe Word document: not a zip,
    too large once decompressed, macros, a DTD, XML that does not parse.
    """
    body = _document_body(raw)
    identity = IDENTITY_PATTERN.search("\n".join(_text(p) for p in body.iter(f"{_W}p")))
    plan_key, round_id = (identity.group(1), identity.group(2).casefold()) if identity else (None, None)
    replies: list[Reply] = []
    unfilled: list[str] = []
    problems: list[Problem] = []
    tables = [child for child in body if child.tag == f"{_W}tbl"]
    for number, table in enumerate(tables, start=1):
        rows = [row for row in table if row.tag == f"{_W}tr"]
        cells = [[cell for cell in row if cell.tag == f"{_W}tc"] for row in rows]
        if not cells or not cells[0]:
            continue
        reply_for = _REPLY.match(_cell_text(cells[0][0]))
        if reply_for is None:
            continue
        item_id = reply_for.group(1)
        place = f"table {number}, item {item_id}"
        status_cell = _row(cells, "status")
        update_cell = _row(cells, "update")
        if status_cell is None or update_cell is None:
            missing = "Status" if status_cell is None else "Update"
            problems.append(
                Problem(
                    f"the reply table has no {missing} row; put the table back as the form had it",
                    field=f"item {item_id}",
                    path=path,
                    place=place,
                )
            )
            continue
        status = _cell_text(status_cell).strip()
        if _PLACEHOLDER.match(status):
            status = ""
        answer = FormAnswer(item_id, status, _update_lines(update_cell), path, None, place=place)
        judged = judge_reply(answer, keep_signoffs)
        problems.extend(judged.problems)
        if judged.unfilled:
            unfilled.append(item_id)
        elif judged.reply is not None:
            replies.append(judged.reply)
    return ReadDraft(path, plan_key, round_id, tuple(replies), tuple(unfilled), tuple(problems))


def _row(cells: list[list[ElementTree.Element]], label: str) -> ElementTree.Element | None:
    """The cell after the first cell reading ``label`` (any case), in the rows after the first."""
    for row in cells[1:]:
        if len(row) >= 2 and _cell_text(row[0]).strip().strip(":").casefold() == label:
            return row[1]
    return None


def _text(paragraph: ElementTree.Element) -> str:
    """A paragraph's text: its runs' text (in content controls too), tabs as spaces, breaks as new lines."""
    pieces: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            pieces.append(node.text)
        elif node.tag == f"{_W}tab":
            pieces.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            pieces.append("\n")
    return "".join(pieces)


def _cell_text(cell: ElementTree.Element) -> str:
    return "\n".join(_text(p) for p in cell.iter(f"{_W}p"))


def _is_listed(paragraph: ElementTree.Element) -> bool:
    """True for a bulleted or numbered paragraph: it has numbering, or a list style."""
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return False
    if properties.find(f"{_W}numPr") is not None:
        return True
    style = properties.find(f"{_W}pStyle")
    return style is not None and "list" in (style.get(f"{_W}val") or "").casefold()


def _update_lines(cell: ElementTree.Element) -> list[str]:
    """The Update cell as typed lines: paragraphs set apart by blank lines, list entries as '- ' lines.

    A list entry follows the paragraph before it without a blank line, as a
    list under its lead-in does in a text draft.
    """
    lines: list[str] = []
    for paragraph in cell.iter(f"{_W}p"):
        text = _text(paragraph).strip()
        if not text:
            continue
        if _is_listed(paragraph):
            lines.extend(
                f"- {line.strip()}" if index == 0 else line for index, line in enumerate(text.split("\n"))
            )
        else:
            if lines:
                lines.append("")
            lines.extend(text.split("\n"))
    return lines


def _document_body(raw: bytes) -> ElementTree.Element:
    """The body of the Word document in ``raw``, once the zip and its XML are found safe to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        raise Unreadable(f"is not a Word document (it is not a .docx zip file); {_SAVE_AS_DOCX}") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MOST_ENTRIES:
            raise Unreadable(f"holds {len(entries):,} parts, more than a Word reply form ever has; refused")
        total = sum(entry.file_size for entry in entries)
        if total > MOST_DECOMPRESSED:
            raise Unreadable(
                f"would be {total / 1024 / 1024:.0f} MB once decompressed; a Word reply may be at most "
                f"{MOST_DECOMPRESSED // 1024 // 1024} MB (is this a zip bomb?); refused"
            )
        names = {entry.filename.casefold() for entry in entries}
        if any("vbaproject" in name or "vbadata" in name for name in names):
            raise Unreadable(f"holds macros (a VBA project), which plan never opens; {_SAVE_AS_DOCX}")
        if _DOCUMENT not in archive.namelist():
            raise Unreadable(
                f"is a zip file but not a Word document (it has no {_DOCUMENT}); {_SAVE_AS_DOCX}"
            )
        types = _bounded_part(archive, _CONTENT_TYPES) if _CONTENT_TYPES in archive.namelist() else b""
        if b"macroenabled" in types.lower():
            raise Unreadable(f"is a macro-enabled Word document, which plan never opens; {_SAVE_AS_DOCX}")
        document = _bounded_part(archive, _DOCUMENT)
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as error:
        raise Unreadable(
            f"has a {_DOCUMENT} that is not well-formed XML ({error}); {_SAVE_AS_DOCX}"
        ) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise Unreadable(f"has no document body in {_DOCUMENT}; {_SAVE_AS_DOCX}")
    return body


def _bounded_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, inflated at most to the limit whatever its header says; refused if it holds a DTD."""
    try:
        with archive.open(name) as part:
            data = part.read(MOST_DECOMPRESSED + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError) as error:
        raise Unreadable(f"has a part {name} that cannot be read ({error}); {_SAVE_AS_DOCX}") from None
    if len(data) > MOST_DECOMPRESSED:
        raise Unreadable(
            f"has a part {name} larger than {MOST_DECOMPRESSED // 1024 // 1024} MB once decompressed "
            "(is this a zip bomb?); refused"
        )
    if _DTD.search(data):
        raise Unreadable(
            f"has a DTD (<!DOCTYPE or <!ENTITY) in {name}, which a Word document never needs and which "
            "could pull in external entities; refused"
        )
    return data
