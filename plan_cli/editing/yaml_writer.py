"""Writing YAML by hand, one value per line, so that a written plan can carry comments.

``plan init`` and ``plan import`` write plan files line by line (PyYAML's
dumper cannot place comments); these functions quote each value exactly as
YAML needs it, so the text read back is the text written.
"""

from __future__ import annotations

import re

from plan_cli.basics.pyyaml import yaml

_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # every character YAML reads as a line break


def scalar(text: str) -> str:
    """``text`` as one YAML scalar on one line, quoted only where YAML needs it.

    Text with a line break is double-quoted (with escapes) so it stays on one line.
    """
    return _dump_one_line(text)


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
