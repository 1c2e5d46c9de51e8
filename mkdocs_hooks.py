"""The docs site's one hook: fences the tests tag (```console round) render as code blocks.

The tests find the examples they run by a fence's words after its language
(```console round, ```markdown reply pccs.md, ```console files). GitHub reads
such a fence as its first word; Python-Markdown does not read it as a fence
at all, and the block falls apart into paragraphs. Here the extra words are
dropped for the site only, and a page whose fences did not all become code
blocks fails the build.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<language>[\w#.+-]*)(?P<words>[ \t][^\n`]*)?$", re.MULTILINE)

_fences: dict[str, int] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Return the page with each fence's words after its language dropped; count its fenced blocks."""
    opened: str | None = None
    blocks = 0
    lines = []
    for line in markdown.split("\n"):
        found = FENCE.match(line)
        if found and opened is None:
            opened, blocks = found.group("fence"), blocks + 1
            line = found.group("fence") + found.group("language")
        elif line.rstrip() == opened:
            opened = None
        lines.append(line)
    _fences[page.file.src_uri] = blocks
    return "\n".join(lines)


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Return the page's HTML unchanged, or fail the build if fewer code blocks came out than fences went in."""
    fenced = _fences.get(page.file.src_uri, 0)
    rendered = html.count("<pre")
    if rendered < fenced:
        raise PluginError(
            f"{page.file.src_uri}: {fenced} fenced blocks but {rendered} code blocks in the HTML; "
            "a fence is not closed, or is indented, or its first line is not ```LANGUAGE [words]"
        )
    return html
