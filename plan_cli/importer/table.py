"""A published plan's table as the readers hand it over: rows of cells of paragraphs of runs.

Every reader (HTML, tab-separated text, Word, CSV) produces a :class:`Table`;
what the columns mean is decided afterwards, from the headings, by
:mod:`plan_cli.importer.rows`. A cell keeps its paragraphs and which
runs were bold, because bold words followed by " - " are labels (a round,
or a part such as Context) and not text.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Run(NamedTuple):
    """A stretch of text with one weight: ``bold`` runs may be labels."""

    text: str
    bold: bool = False


class Cell(NamedTuple):
    """One cell: its paragraphs (each a tuple of runs) and a short quote of what the source showed."""

    paragraphs: tuple[tuple[Run, ...], ...]
    shown: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (link text, address) of each link in the cell
    down: int = 1  # the rows the cell spans in the source (an HTML rowspan)

    @property
    def texts(self) -> tuple[str, ...]:
        """The paragraphs as plain text, without empty ones."""
        found = ("".join(run.text for run in p).strip() for p in self.paragraphs)
        return tuple(text for text in found if text)

    @property
    def text(self) -> str:
        """The whole cell as text, paragraphs separated by a blank line."""
        return "\n\n".join(self.texts)

    @property
    def is_empty(self) -> bool:
        """True when the cell holds no text (an empty ``<p></p>`` included)."""
        return not self.texts


class Row(NamedTuple):
    """A table row and the source line it starts on, where the reader knows it."""

    cells: tuple[Cell, ...]
    line: int | None = None


class Table(NamedTuple):
    """A table found in a source, with the text before it (title, force, leads)."""

    rows: tuple[Row, ...]
    preamble: tuple[Cell, ...] = ()
    where: str = "the table"
    before: tuple[Cell, ...] = ()  # the paragraphs between the previous table and this one
    named: str | None = None  # the force the page's title names, where it names one


EMPTY = Cell(())

# A label ends at a dash (or colon) after the bold words; "Progress -The" (no space) happens.
_SEPARATOR = re.compile(r"^\s*[-\u2013\u2014:]\s*")
# A bold label may hold its own colon or dash: "<strong><Month Year> update:</strong> The change".
_CLOSED_LABEL = re.compile(r"^\s*(\S[^:\n]{0,60}?)\s*(?::|\s[-\u2013\u2014])\s*$")
# A plain label is one to four capitalised words ("Context", "Progress & Action") before " - ".
_PLAIN_LABEL = re.compile(r"^([A-Z][a-z]*(?: (?:&|and|[A-Z][a-z]*)){0,3}) - ")


def plain_cell(text: str, shown: str | None = None) -> Cell:
    """A cell from plain text: paragraphs are separated by blank lines; nothing is bold."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return Cell(tuple((Run(p.strip()),) for p in paragraphs), shown if shown is not None else text)


def segments(cell: Cell) -> list[tuple[str | None, str]]:
    """Return ``[(label or None, text)]``: the cell's paragraphs with bold labels split off.

    A bold run followed by a dash (or a colon) is a label, and starts a new
    segment even in the middle of a paragraph (a label can sit inside the
    paragraph before it). Text before the first label of a paragraph is a
    segment without a label. Texts are stripped of surrounding space only.
    """
    out: list[tuple[str | None, str]] = []
    for paragraph in cell.paragraphs:
        label: str | None = None
        text: list[str] = []
        runs = list(paragraph)
        index = 0
        while index < len(runs):
            run = runs[index]
            after = runs[index + 1].text if index + 1 < len(runs) else ""
            separator = _SEPARATOR.match(after)
            if run.bold and run.text.strip() and separator and not runs[index + 1].bold:
                _flush(out, label, text)
                label, text = run.text.strip(), [after[separator.end() :]]
                index += 2
                continue
            closed = _CLOSED_LABEL.match(run.text)
            if run.bold and closed and (index + 1 == len(runs) or not runs[index + 1].bold):
                _flush(out, label, text)
                label, text = closed[1], []
                index += 1
                continue
            text.append(run.text)
            index += 1
        _flush(out, label, text)
    return out


def _flush(out: list[tuple[str | None, str]], label: str | None, text: list[str]) -> None:
    joined = "".join(text).strip()
    if joined or label is not None:
        out.append((label, joined))


def plain_segments(cell: Cell) -> list[tuple[str | None, str]]:
    """Segments of a cell without bold: labels only where every paragraph starts 'Label - '.

    A plain source (CSV) writes a labelled part as "Context - text"; one
    paragraph that merely contains a dash is text, so labels are taken only
    when every paragraph of the cell has one.
    """
    texts = cell.texts
    matches = [_PLAIN_LABEL.match(text) for text in texts]
    if texts and all(matches):
        return [(m[1], text[m.end() :].strip()) for m, text in zip(matches, texts, strict=True) if m]
    return [(None, text) for text in texts]


def quoted(text: str, limit: int = 60) -> str:
    """The start of ``text`` on one line, at most ``limit`` characters and " ..." where cut: for comments."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[:limit] + " ..."
