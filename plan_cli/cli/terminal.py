"""The terminal toolkit: where output goes, whether it is coloured, how wide it is, how tables are laid out.

Data goes to stdout, messages to stderr, so a pipe gets only data. Output to
a pipe, a file or under NO_COLOR is written plainly; Rich is imported only to
colour a terminal or to lay out a table whose cells wrap.

Every line printed shows control characters and bidi overrides as escapes
(``\\x1b``), never raw: text from a plan or a command line is untrusted. Every
byte to stdout is checked (:func:`check_stdout`): a full disk, a file size
limit or a closed stdout is an error, not a silently short document.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from plan_cli.basics.controls import json_safe, visible
from plan_cli.basics.errors import Problem, UsageError, WriteError
from plan_cli.basics.wording import describe_age
from plan_cli.cli.styled import Styled, cell_width
from plan_cli.plan.model import Status

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from plan_cli.questions.measures import Progress

STATUS_STYLE = {
    Status.NOT_STARTED: "magenta",
    Status.IN_PROGRESS: "yellow",
    Status.BLOCKED: "bold red",
    Status.COMPLETE: "green",
    Status.SUPERSEDED: "dim",
    Status.UNSTATED: "cyan",
}
DEADLINE_STYLE = {"passed": "red", "upcoming": "yellow", "done": "green"}  # by deadlines.State value
BAR_WIDTH = 30
MAX_WIDTH = 1000  # the widest line laid out, whatever COLUMNS says
STDOUT = "standard output"


class Screen:
    """Where a command prints: plain text to a pipe, a file or under NO_COLOR; Rich on a colour terminal.

    Most output goes to pipes, files and CI logs, and importing Rich costs a
    quarter of a command's start-up. So :class:`Styled` lines are written
    plainly unless a terminal is to be coloured, and Rich is imported only then
    or to lay out a table whose cells wrap. Plain lines never end in spaces.
    """

    def __init__(self, stream: TextIO, *, wrap: bool = True) -> None:
        self.stream = stream
        self.wrap = wrap
        self.colour = wants_colour(stream)
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The Rich console for this stream, made on first use (colourless unless colouring)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stream,
                highlight=False,
                soft_wrap=not self.wrap,
                color_system="auto" if self.colour else None,
                width=terminal_width(),
            )
        return self._console

    @functools.cached_property
    def width(self) -> int:
        """The columns to fit lines in (asked once: a command prints many lines)."""
        return terminal_width()

    def print(self, item: Styled | str | RenderableType = "") -> None:
        """Print one line (wrapped to the width unless it is ``no_wrap``), or a Rich table."""
        if isinstance(item, str):
            item = Styled(item)
        if isinstance(item, Styled):
            item = item.visible()
            if self.colour:
                self.console.print(rich_text(item))
                return
            lines = item.lines(self.width if self.wrap else None)
            self.stream.write("\n".join(line.rstrip() for line in lines) + item.end)
            return
        if self.colour:
            self.console.print(item)
            return
        with self.console.capture() as drawn:
            self.console.print(item)
        self.stream.write("".join(line.rstrip() + "\n" for line in drawn.get().splitlines()))


def wants_colour(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal to colour, by the rules Rich follows.

    NO_COLOR (https://no-color.org) or TERM=dumb turn colour off; TTY_COMPATIBLE
    or FORCE_COLOR force it; otherwise colour goes to terminals only.
    """
    environ = os.environ
    if environ.get("NO_COLOR", "") or environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    if environ.get("TTY_COMPATIBLE", "") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if "FORCE_COLOR" in environ:
        return environ["FORCE_COLOR"] != ""
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def terminal_width() -> int:
    """The width output fits: COLUMNS, else the terminal's, else 80 (as Rich decides it); at most MAX_WIDTH."""
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
            break
        except (OSError, ValueError):
            continue
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit():
        width = int(columns[:6])  # a longer number is wider than MAX_WIDTH anyway
    return min(width, MAX_WIDTH) or 80


def rich_text(item: Styled | str) -> Text:
    """The Rich Text for a line or table cell (never parsed as markup: published text is literal)."""
    from rich.text import Span, Text

    if isinstance(item, str):
        return Text(visible(item))
    item = item.visible()
    return Text(
        item.plain,
        style=item.style,
        spans=[Span(start, end, style) for start, end, style in item.spans],
        no_wrap=item.no_wrap or None,
        overflow="ignore" if item.no_wrap else None,
        end=item.end,
    )


def add_row(table: Table, *cells: Styled | str) -> None:
    """Add a row of lines to a Rich table."""
    table.add_row(*map(rich_text, cells))


def stdout() -> Screen:
    """The screen for data."""
    return Screen(sys.stdout)


def stderr() -> Screen:
    """The screen for messages: never wrapped, so a long path or message stays on one line."""
    return Screen(sys.stderr, wrap=False)


def print_columns(
    out: Screen, columns: list[tuple[str, int | None, bool]], rows: list[list[Styled | str]]
) -> None:
    """Print rows under bold headings in fixed-width columns, two spaces apart, one line each.

    ``columns`` are (heading, width, right-aligned); the one column of width None takes the
    rest of the line and ends in … where its text is longer. It looks like a borderless
    Rich table, at a fraction of the cost for the thousands of rows of a national plan.
    """
    fixed = sum(width for _, width, _ in columns if width is not None)
    flexible = max(10, out.width - fixed - 2 * (len(columns) - 1))
    headings: list[Styled | str] = [Styled(heading, style="bold") for heading, _, _ in columns]
    for row in [headings, *rows]:
        line = Styled(no_wrap=True)
        for position, ((_, width, right), cell) in enumerate(zip(columns, row, strict=True)):
            text = (cell.copy() if isinstance(cell, Styled) else Styled(cell)).visible()
            size = flexible if width is None else width
            text.truncate(size)
            padding = " " * (size - text.cell_len)
            if position:
                line.append("  ")
            if right:
                line.append(padding)
            line.append(text)
            if not right:
                line.append(padding)
        out.print(line)


def print_fields(out: Screen, fields: list[tuple[str, Styled]], label_width: int) -> None:
    """Print labelled values, one a line, each value wrapped under its own column.

    Labels take ``label_width`` columns and a space; a value's wrapped lines line
    up after them, so a long title still reads at 80 columns.
    """
    indent = " " * (label_width + 1)
    for label, value in fields:
        block = Styled(no_wrap=True)
        block.append(label + " " * max(0, label_width - cell_width(label)) + " ")
        for number, line in enumerate(value.wrapped(max(1, out.width - label_width - 1))):
            if number:
                block.append("\n" + indent)
            block.append(line)
        out.print(block)


def print_json(data: Any) -> None:
    """Write JSON to stdout, nothing else: no colour, no wrapping; dates as YYYY-MM-DD."""
    from plan_cli.cli.json_text import dumps

    sys.stdout.write(json_safe(dumps(data, default=_json_value)) + "\n")


def _json_value(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    if isoformat is None:
        raise TypeError(f"{type(value).__name__} is not JSON data")
    return str(isoformat())


def print_problems(problems: Iterable[Problem]) -> None:
    """Print problems to stderr, compiler-style, in file order."""
    console = stderr()
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0)):
        style = "yellow" if problem.severity == "warning" else "red"
        console.print(Styled(str(problem), style=style))


def deliver(document: str | bytes, output: Path | None, force: bool, what: str) -> None:
    """Send a document to --output (atomically, refusing to overwrite without --force) or to stdout.

    Text is written as UTF-8; on a terminal, with control characters shown as
    escapes. Bytes (a binary document) are refused on a terminal, where they
    would only garble the screen. Every byte is checked: a short write is a
    WriteError naming the destination.
    """
    if output is None or str(output) == "-":
        terminal = _is_terminal(sys.stdout)
        if isinstance(document, bytes) and terminal:
            raise UsageError(
                f"{what} is a binary file; write it with --output FILE or redirect stdout to a file"
            )
        if isinstance(document, str):
            document = (visible(document) if terminal else document).encode("utf-8")
        sys.stdout.flush()
        written = sys.stdout.buffer.write(document)
        if written is not None and written < len(document):
            raise WriteError(STDOUT, f"only {written:,} of {len(document):,} bytes could be written")
        sys.stdout.buffer.flush()
        return
    from plan_cli.basics.atomic_write import write_document

    write_document(output, document.encode("utf-8") if isinstance(document, str) else document, force=force)
    stderr().print(f"Wrote {what} to {output}.")


def finish_stdout(leaving: SystemExit) -> None:
    """Write out what stdout still holds as a command ends; a write that fails is an error (exit 1).

    An error already reported is not reported twice.
    """
    try:
        sys.stdout.flush()
    except WriteError as error:
        if leaving.code in (None, 0):
            stderr().print(f"error: {error}")
            raise SystemExit(1) from None
    except (OSError, ValueError, AttributeError):
        pass


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except ValueError:
        return False


class CheckedOutput(io.RawIOBase):
    """Standard output as a raw stream whose every write is checked to the last byte (see writer.write_all).

    A closed stdout (``plan status >&-``) is a stream that refuses to be written.
    """

    def __init__(self, descriptor: int | None) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.failed = False  # once a write has failed (and been reported), the rest is dropped

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self.descriptor is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self.descriptor

    def isatty(self) -> bool:
        return self.descriptor is not None and os.isatty(self.descriptor)

    def write(self, data: Any) -> int:
        if self.failed:
            return len(data)
        if self.descriptor is None:
            self.failed = True
            raise WriteError(
                STDOUT, "is closed; run the command with its output redirected, or give --output FILE"
            )
        from plan_cli.basics.atomic_write import write_all

        chunk = bytes(data)
        try:
            write_all(self.descriptor, chunk, STDOUT)
        except BrokenPipeError:  # the reader stopped reading (| head -1): the rest goes nowhere, quietly
            self.failed = True
        except WriteError:
            self.failed = True
            raise
        return len(chunk)


def check_stdout() -> None:
    """Make sys.stdout check every write, and encode what its encoding cannot hold as escapes, not crash.

    Under PYTHONIOENCODING=ascii or latin-1, '·', '→' and '…' become
    ``\\xb7``-style escapes as on stderr; a failed or short write raises
    WriteError (exit 1) instead of losing the end of the output silently.
    A stdout that is not a file (a test's capture) is left as it is. A reader
    that stops reading (``plan show 14 | head -1``) is no error of the
    command's: what is left to print is dropped, and the command ends with
    the status it would have had (not killed by SIGPIPE, which the shell
    reports as 141).
    """
    current = sys.stdout
    if current is None:
        descriptor, encoding, line_buffering = None, "utf-8", False
    else:
        try:
            descriptor = current.fileno()
        except (OSError, ValueError, AttributeError):
            return
        encoding, line_buffering = current.encoding, bool(getattr(current, "line_buffering", False))
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(CheckedOutput(descriptor)),
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=line_buffering,
    )


def status_text(status: Status) -> Styled:
    """A status word, coloured where colour is on (the word carries the meaning)."""
    return Styled(status.value, style=STATUS_STYLE[status])


def measure_lines(entry: Progress, indent: str = "") -> list[Styled]:
    """A measure as a name line and a bar line: bar, value/target, percentage, as-of date and age."""
    m = entry.measure
    name = Styled(f"{indent}{m.name}")
    filled = max(0, min(BAR_WIDTH, round(BAR_WIDTH * entry.percent / 100)))
    bar = Styled(indent + "  ")
    bar.append("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(
        f" {m.value:,.0f}/{m.target:,.0f} {entry.percent:.0f}%  as of {m.as_of}, {describe_age(entry.age_days)}"
    )
    return [name, bar]
