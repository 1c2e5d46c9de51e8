"""The one YAML writer: every value the tool writes into a plan file, quoted exactly as YAML needs it.

``plan init``, ``plan import`` and every edit (``plan apply``, ``plan round``)
write plan files line by line (PyYAML's dumper cannot place comments, and an
edit must leave every other byte as it was). Each value written here is read
back before it is returned: what YAML reads is what was meant, or
:class:`UnwritableValue` is raised and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

from plan_cli.basics.pyyaml import yaml


class UnwritableValue(ValueError):
    """A value that no one-line YAML form reads back exactly (not expected; a guard)."""


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # every character YAML reads as a line break


def scalar(text: str) -> str:
    """``text`` as one YAML scalar on one line, quoted only where YAML needs it, read back to be sure.

    Text with a line break is double-quoted (with escapes) so it stays on one line.
    """
    written = _dump_one_line(text)
    if yaml.safe_load("k: " + written) != {"k": text}:  # pragma: no cover - a guard, not a branch
        raise UnwritableValue(f"cannot write {text[:40]!r} so that YAML reads it back exactly")
    return written


def field(key: str, value: str, indent: int, newline: str = "\n") -> str:
    """Return ``key: value`` line(s) at ``indent`` that read back as ``value`` exactly.

    Text of several lines is written as a literal block (``|-``) where that
    reads back exactly, so paragraphs stay readable in the file; otherwise one line.
    """
    pad = " " * indent
    if "\n" in value and _literal_ok(value):
        body = newline.join((pad + "  " + line) if line else "" for line in value.split("\n"))
        candidate = f"{pad}{key}: |-{newline}{body}{newline}"
        if yaml.safe_load(candidate) == {key: value}:
            return candidate
    return f"{pad}{key}: {scalar(value)}{newline}"


_NOT_LITERAL = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
)


def _literal_ok(value: str) -> bool:
    return (
        not _NOT_LITERAL.search(value)
        and "\r" not in value
        and not value.startswith((" ", "\n", "\t"))
        and not value.endswith(("\n", " ", "\t"))
        and all(line == line.rstrip(" \t") for line in value.split("\n"))
    )


def recommendation_lines(
    number: int,
    text: str,
    deadline: date | None,
    owner: str,
    owners: Sequence[str],
    deadline_note: str = "",
) -> list[str]:
    """Return a recommendation's lines under ``recommendations:``, up to its ``items:`` key.

    ``deadline_note`` is a comment to end the deadline's line with (e.g. a ``# source:`` note).
    """
    lines = [f"  - number: {number}", f"    text: {scalar(text)}"]
    if deadline:
        lines.append(f"    deadline: {deadline.isoformat()}{deadline_note}")
    return [*lines, f"    owner: {scalar(owner)}", f"    owners: {flow_list(list(owners))}", "    items:"]


def item_lines(
    item_id: str,
    evidence: str | None,
    missing_note: str,
    owner: str | None = None,
    owners: Sequence[str] = (),
) -> list[str]:
    """Return an evidence item's lines under ``items:``, up to (not including) its ``updates:``.

    ``missing_note`` ends the id's line when the item has no evidence text;
    ``owner``/``owners`` are written only for an item owned apart from its recommendation.
    """
    lines = [f"      - id: {json.dumps(item_id)}" + ("" if evidence else missing_note)]
    if evidence:
        lines.append(f"        evidence: {scalar(evidence)}")
    if owner is not None:
        lines += [f"        owner: {scalar(owner)}", f"        owners: {flow_list(list(owners))}"]
    return lines


def flow_list(texts: tuple[str, ...] | list[str]) -> str:
    """A YAML flow list ``[a, b]`` on one line, each text quoted only where YAML needs it."""
    return _dump_one_line(list(texts))


def comment(text: str) -> str:
    """Text safe inside a one-line comment: every run of white space, line breaks included, one space."""
    return " ".join(text.split())


def _dump_one_line(value: str | list[str]) -> str:
    texts = [value] if isinstance(value, str) else value
    style = '"' if any(_LINE_BREAK.search(text) for text in texts) else None
    dumped: str = yaml.safe_dump(
        value, allow_unicode=True, width=10**9, default_style=style, default_flow_style=True
    )
    return dumped.removesuffix("\n...\n").removesuffix("\n")
