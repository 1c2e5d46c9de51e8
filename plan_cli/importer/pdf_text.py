"""Letters placed on a PDF page, back into lines and paragraphs of runs, verbatim.

pdfplumber gives each letter with its place, size and font. Letters whose
tops line up make a line; the lines of one paragraph are joined with a space,
and a line that ends in a hyphen after a letter runs on without one (a
browser or word processor breaks a line after a hyphen the text has; it adds
none, so the hyphen stays and no space is invented). Nothing else is
changed: a word the printer broke without a hyphen stays broken.

A new paragraph starts after a taller gap than the cell's line spacing, after
a line that stops short although the next word would have fitted (a word
processor sets paragraphs without space between them), at a first-line
indent, at a bullet, and at a bold label after a sentence's end.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, NamedTuple

from plan_cli.importer.table import Cell, Run, quoted

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]['\"\u2019\u201d)]?$")
_BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u2023\u2043\u25e6\u2219]\s")
_BROKEN_AFTER_HYPHEN = re.compile(r"\w-$")


class _Line(NamedTuple):
    runs: tuple[Run, ...]
    x0: float
    x1: float
    top: float
    size: float
    first_word: float  # the width of the line's first word

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def cell_from_letters(chars: list[dict[str, Any]], edges: tuple[float, float] | None = None) -> Cell:
    """The cell whose letters are ``chars`` (pdfplumber's), inside ``edges`` (its left and right), if known.

    Lines, then paragraphs, as the module's docstring says; a bold font makes a bold run.
    """
    lines = _lines(chars)
    if not lines:
        return Cell(())
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    if edges is not None:
        right = max(right, edges[1] - (left - edges[0]))
    pitches = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top]
    usual = min(pitches) if pitches else 0.0
    paragraphs: list[list[Run]] = [list(lines[0].runs)]
    for before, line in itertools.pairwise(lines):
        pitch = line.top - before.top
        gap = usual and pitch > 1.3 * usual and pitch > 1.25 * line.size
        fits = right - before.x1 > line.first_word + 0.6 * line.size
        indented = line.x0 > left + 0.8 * line.size and before.x0 <= left + 0.5 * line.size
        labelled = line.runs[0].bold and not before.runs[-1].bold and _SENTENCE_END.search(before.text)
        if gap or fits or indented or labelled or _BULLET.match(line.text):
            paragraphs.append(list(line.runs))
            continue
        current = paragraphs[-1]
        end = current[-1].text.rstrip()
        joint = "" if _BROKEN_AFTER_HYPHEN.search(end) and line.text[:1].isalnum() else " "
        current[-1] = Run(end + joint, current[-1].bold)
        first = line.runs[0]
        current += [Run(first.text.lstrip(), first.bold), *line.runs[1:]]
    shown = " ".join(line.text.strip() for line in lines)
    return Cell(tuple(merged(p) for p in paragraphs), quoted(shown))


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """The letters as lines, top to bottom: a letter that starts above the line's lowest bottom is on it.

    (A quarter of its size above, so a raised "th" joins its line and the next
    line, set below this one's bottom, does not.)
    """
    grouped: list[list[dict[str, Any]]] = []
    bottom = float("-inf")
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if grouped and char["top"] < bottom - char["size"] / 4:
            grouped[-1].append(char)
            bottom = max(bottom, char["bottom"])
        else:
            grouped.append([char])
            bottom = char["bottom"]
    lines = []
    for group in grouped:
        line = _line(sorted(group, key=lambda c: c["x0"]))
        if line is not None:
            lines.append(line)
    return lines


def _line(chars: list[dict[str, Any]]) -> _Line | None:
    printed = [c for c in chars if c["text"].strip()]
    if not printed:
        return None
    runs: list[Run] = []
    previous: dict[str, Any] | None = None
    spaced = False
    first_word_end: float | None = None
    for char in chars:
        text = char["text"]
        if not text.strip():
            if previous is not None and not spaced:
                runs.append(Run(" " if text == "\t" else text, runs[-1].bold))
                spaced = True
                first_word_end = previous["x1"] if first_word_end is None else first_word_end
            continue
        if previous is not None and not spaced and char["x0"] - previous["x1"] > 0.2 * char["size"]:
            runs.append(Run(" ", runs[-1].bold))
            first_word_end = previous["x1"] if first_word_end is None else first_word_end
        runs.append(Run(text, bool(_BOLD_FONT.search(char.get("fontname") or ""))))
        previous, spaced = char, False
    end = first_word_end if first_word_end is not None else printed[-1]["x1"]
    return _Line(
        merged(runs),
        printed[0]["x0"],
        printed[-1]["x1"],
        min(c["top"] for c in printed),
        max(c["size"] for c in printed),
        end - printed[0]["x0"],
    )


def merged(runs: list[Run]) -> tuple[Run, ...]:
    """Adjacent runs of one weight as one run; a space between runs goes with the run before it."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold == run.bold or not run.text.strip()):
            out[-1] = Run(out[-1].text + run.text, out[-1].bold)
        else:
            out.append(run)
    if out:
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold)
    return tuple(run for run in out if run.text)


def paragraph_cells(chars: list[dict[str, Any]]) -> list[Cell]:
    """Text outside the tables: each paragraph a cell of its own (the title, the force, the leads)."""
    cell = cell_from_letters(chars)
    return [Cell((paragraph,), quoted("".join(r.text for r in paragraph))) for paragraph in cell.paragraphs]


def appended(cell: Cell, more: Cell) -> Cell:
    """A cell and its rest from the next page: the paragraph the page break cut runs on with a space.

    A page break falls far more often between two sentences of a paragraph
    than between two paragraphs, and the page shows neither; so the rest
    starts a paragraph of its own only where it starts with a bold label
    after a sentence's end, or with a bullet.
    """
    if more.is_empty:
        return cell
    if cell.is_empty:
        return more
    last = cell.paragraphs[-1]
    following = more.paragraphs[0]
    text = "".join(r.text for r in last).rstrip()
    labelled = following[0].bold and len(following) > 1 and _SENTENCE_END.search(text)
    if labelled or _BULLET.match(following[0].text):
        return Cell((*cell.paragraphs, *more.paragraphs), quoted(f"{cell.shown} {more.shown}"))
    runs = [*last[:-1], Run(last[-1].text.rstrip() + " ", last[-1].bold)]
    runs += [Run(following[0].text.lstrip(), following[0].bold), *following[1:]]
    joined = (*cell.paragraphs[:-1], merged(runs), *more.paragraphs[1:])
    return Cell(joined, quoted(f"{cell.shown} {more.shown}"))
