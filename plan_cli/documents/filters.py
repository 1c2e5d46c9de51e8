"""The filters documents use: plan text made safe for Markdown, Mermaid, HTML and CSV, and worded for readers.

Markdown filters make plan text safe in GitHub-flavoured Markdown, which is
often turned into HTML later: see :func:`markdown_text` and :func:`markdown_cell`.
Plain functions, so documents built without Jinja (Word) use them too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date

from markupsafe import Markup, escape

from plan_cli.basics.wording import describe_days

STATUS_WORDS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "blocked": "Blocked",
    "complete": "Complete",
    "superseded": "Superseded",
    "unstated": "Status not stated",
}


_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINK_CLOSE = re.compile(r"\](?=\s*[(\[:])")


def _neutralise(text: str) -> str:
    """Escape what Markdown would turn into markup: raw HTML, entities, links, code spans."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\")
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("`", "\\`")
    return _LINK_CLOSE.sub("\\\\]", text) if "]" in text else text


# What opens a block at the start of a line: a heading (#), a fence (~~~; ``` is escaped anyway), a rule
# or setext underline (- * _ =), a list item (- + * or 1. 1)), after any indentation.
_MARKERS = frozenset("#~*+=_-")
_NUMBERED = re.compile(r"\d{1,9}(?=[.)])")


def _line_starts(text: str) -> str:
    """Backslash-escape the marker that would open a heading, fence, rule, list or setext heading at each line start.

    Indentation is dropped too: four spaces after a blank line would open a
    code block (Markdown ignores a paragraph line's indentation anyway).
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        line = line.lstrip(" \t")
        if line[:1] in _MARKERS:
            line = "\\" + line
        elif line[:1].isdecimal():
            number = _NUMBERED.match(line)
            if number:
                line = f"{number.group()}\\{line[number.end() :]}"
        lines[index] = line
    return "\n".join(lines)


def markdown_text(value: object) -> str:
    """Plan text as Markdown paragraphs, with raw HTML, links and block markers neutralised.

    ``<`` and ``>`` become ``&lt;``/``&gt;``; ``&`` is escaped only where it
    would start an entity (so "A & B" stays readable); a ``]`` that would close
    a link or link reference is backslash-escaped, so ``[x](javascript:…)``
    is text, not a link; backslashes, backticks and ``|`` (a table) are
    escaped; so is what would open a block at a line's start (``# ``, ``~~~``,
    ``---``, ``===``, ``- ``, ``1. ``), and indentation that would open a code
    block is dropped. What the text says is unchanged when rendered.
    """
    return _line_starts(_neutralise(str(value)).strip().replace("|", "\\|"))


def markdown_inline(value: object) -> str:
    """Plan text on one Markdown line (a heading or list item): neutralised, line breaks as spaces."""
    return one_line(markdown_text(value))


def one_line(text: str) -> str:
    """``text`` with each run of white space that holds a line break made one space."""
    if "\n" not in text:
        return text
    first, *middle, last = text.split("\n")
    kept = (part.strip() for part in middle)
    return " ".join([first.rstrip(), *(part for part in kept if part), last.lstrip()])


def markdown_cell(value: object) -> str:
    """Plan text inside a GFM table cell: neutralised, ``|`` escaped, line breaks as ``<br>``.

    A paragraph break becomes ``<br><br>``, so a cell never breaks the table.
    """
    if value is None:
        return ""
    text = _neutralise(str(value)).strip().replace("|", "\\|")
    if "\n" not in text:
        return text
    text = re.sub(r"\n[ \t]*\n\s*", "<br><br>", text)
    return re.sub(r"[ \t]*\n[ \t]*", "<br>", text)


_MERMAID_KEYWORD = re.compile(
    r"(gantt|title|section|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|"
    r"inclusiveenddates|topaxis|weekday|weekend|acctitle|accdescr|click|call|href|%%)",
    re.IGNORECASE,
)


def mermaid_text(value: object, limit: int = 70) -> str:
    """Text safe as a Mermaid gantt task name: one line without ':', '#', ';', '%%' or markup.

    Text that starts like a gantt keyword ("Title …", "Section …") would be
    read as that keyword, so it is prefixed with '- '.
    """
    text = re.sub(r"\s+", " ", str(value)).strip()
    text = text.replace(":", " -").replace("#", "no.").replace(";", ",").replace("&", "and")
    text = re.sub(r"[<>{}\[\]`\"]", "", text).replace("%%", "%")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if not text or _MERMAID_KEYWORD.match(text):
        text = "- " + text
    return text


def html_lines(value: object) -> Markup:
    """Escaped text with its single line breaks as <br> (for one HTML paragraph)."""
    escaped = escape(str(value).replace("\r\n", "\n"))
    return Markup("<br>\n").join(escaped.split("\n"))


def days_text(value: date | None, today: date) -> str:
    """'12 days left', 'due today' or '236 days overdue'."""
    if value is None:
        return "no date"
    return describe_days(value, today)


def status_words(value: str) -> str:
    """A status in words for readers: 'in-progress' -> 'In progress'."""
    return STATUS_WORDS.get(value, value)


def csv_row(cells: Iterable[object]) -> str:
    """One CSV record, quoted as RFC 4180, without its line break (the template's line ends it).

    Text that a spreadsheet would run as a formula (starting ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, which
    spreadsheets show as text; numbers are written as they are.
    """
    from plan_cli.documents.export import spreadsheet_safe

    out = io.StringIO()
    row = [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in cells]
    # The writer quotes a field holding any character of its line terminator, so it keeps one.
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue().removesuffix("\r\n")
