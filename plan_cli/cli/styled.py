"""Styled text: the lines the CLI prints, built without importing Rich.

A :class:`Styled` is plain text plus style spans ("bold", "red" …). Printed
to a pipe or under NO_COLOR it is just its text, wrapped to the width by
:func:`wrap`; only when colouring a terminal does the CLI hand it to Rich.
Rich's import costs a quarter of a command's start-up, and most output goes
to pipes, files and CI logs, so the plain path never pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from plan_cli.basics.controls import escapes

ELLIPSIS = "…"

# A word with the spaces after it (and, at the start of a line, the indent before it).
_WORD = re.compile(r"\s*\S+\s*")


def char_width(char: str) -> int:
    """How many terminal columns one character takes: 0, 1 or 2 (wide East Asian forms)."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """How many terminal columns ``text`` takes (one line): what alignment and truncation count."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def cut(text: str, width: int) -> tuple[str, str]:
    """Split ``text`` after at most ``width`` columns (at least one character): (the part that fits, the rest)."""
    if text.isascii():
        return text[:width], text[width:]
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width:
            index = index or 1  # a character wider than the whole width still goes somewhere
            return text[:index], text[index:]
    return text, ""


def wrap(line: str, width: int) -> list[str]:
    """Word-wrap one line to ``width`` columns, folding words longer than a line.

    Wrapped lines lose the spaces they end on; an indent at the start of the
    line is kept. Breaks fall where Rich would break the same line.
    """
    if cell_width(line) <= width:
        return [line]
    lines: list[str] = []
    current = ""
    for word in _WORD.findall(line):
        if cell_width((current + word).rstrip()) <= width:
            current += word
            continue
        if current:
            lines.append(current.rstrip())
        current = word
        while cell_width(current.rstrip()) > width:
            head, current = cut(current, width)
            lines.append(head)
    if current or not lines:
        lines.append(current.rstrip())
    return lines


class Styled:
    """Text with style spans; the subset of ``rich.text.Text`` the CLI needs, without Rich.

    ``style`` applies to the whole text, ``spans`` (start, end, style) to parts
    of it. ``no_wrap`` lines are printed as they are (the caller has fitted
    them); ``end`` follows the text when printed.
    """

    __slots__ = ("end", "no_wrap", "plain", "spans", "style")

    def __init__(self, text: str = "", style: str = "", *, no_wrap: bool = False, end: str = "\n") -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []
        self.no_wrap = no_wrap
        self.end = end

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Styled({self.plain!r}, {self.style!r}, spans={self.spans!r})"

    def __add__(self, other: str | Styled) -> Styled:
        return self.copy().append(other)

    @property
    def cell_len(self) -> int:
        """The columns the text takes."""
        return cell_width(self.plain)

    def copy(self) -> Styled:
        """An independent copy."""
        twin = Styled(self.plain, self.style, no_wrap=self.no_wrap, end=self.end)
        twin.spans = list(self.spans)
        return twin

    def append(self, text: str | Styled, style: str = "") -> Styled:
        """Add text at the end, in ``style``; a Styled brings its own styles. Returns self."""
        start = len(self.plain)
        if isinstance(text, Styled):
            self.plain += text.plain
            if text.style and text.plain:
                self.spans.append((start, len(self.plain), text.style))
            self.spans.extend((start + a, start + b, s) for a, b, s in text.spans)
        else:
            self.plain += text
            if style and text:
                self.spans.append((start, len(self.plain), style))
        return self

    def join(self, pieces: Iterable[str | Styled]) -> Styled:
        """The pieces with this text between them, like ``str.join``."""
        joined = Styled()
        for index, piece in enumerate(pieces):
            if index:
                joined.append(self)
            joined.append(piece)
        return joined

    def visible(self) -> Styled:
        """This text with control characters and bidi overrides shown as escapes (``\\x1b``), spans moved to match.

        Returns the text itself when it has none (nearly always): what a terminal
        is sent must never act on it. See :func:`plan_cli.basics.controls.visible`.
        """
        found = escapes(self.plain)
        if not found:
            return self

        def moved(index: int) -> int:
            return index + sum(len(shown) - (end - start) for start, end, shown in found if start < index)

        pieces: list[str] = []
        last = 0
        for start, end, shown in found:
            pieces += [self.plain[last:start], shown]
            last = end
        twin = Styled("".join([*pieces, self.plain[last:]]), self.style, no_wrap=self.no_wrap, end=self.end)
        twin.spans = [(moved(a), moved(b), s) for a, b, s in self.spans]
        return twin

    def truncate(self, width: int) -> None:
        """Shorten to ``width`` columns, ending in … where text was cut."""
        if self.cell_len <= width:
            return
        kept, _ = cut(self.plain, max(0, width - 1))
        self._clip(len(kept))
        self.plain = kept + ELLIPSIS if width > 0 else ""

    def rstrip(self) -> None:
        """Drop trailing whitespace."""
        self._clip(len(self.plain.rstrip()))
        self.plain = self.plain.rstrip()

    def _clip(self, length: int) -> None:
        self.spans = [(a, min(b, length), s) for a, b, s in self.spans if a < length]

    def slice(self, start: int, end: int) -> Styled:
        """The text from ``start`` to ``end`` (character offsets), with its styles."""
        part = Styled(self.plain[start:end], self.style, no_wrap=self.no_wrap, end=self.end)
        part.spans = [
            (max(a, start) - start, min(b, end) - start, s) for a, b, s in self.spans if a < end and b > start
        ]
        return part

    def wrapped(self, width: int) -> list[Styled]:
        """The text as printed lines, each with its styles: split at newlines, word-wrapped as :func:`wrap`."""
        found: list[Styled] = []
        offset = 0
        for line in self.plain.split("\n"):
            at = offset
            for piece in wrap(line, width):
                at = self.plain.find(piece, at)
                found.append(self.slice(at, at + len(piece)))
                at += len(piece)
            offset += len(line) + 1
        return found

    def lines(self, width: int | None) -> list[str]:
        """The plain text as printed lines: wrapped to ``width`` unless None or ``no_wrap``."""
        if width is None or self.no_wrap:
            return self.plain.split("\n")
        return [wrapped for line in self.plain.split("\n") for wrapped in wrap(line, width)]
