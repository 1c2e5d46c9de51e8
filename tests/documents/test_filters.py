"""The Markdown filters, held to the plain regular-expression spelling of each rule."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.documents.filters import _line_starts, _neutralise, markdown_inline, markdown_text, one_line

# Pieces that matter to the rules (line breaks, indentation, block markers, numbers, entities, links)
# and some that do not, so that examples are mostly the interesting cases.
_PIECES = ["\n", "\n\n", " ", "\t", "  ", "\u00a0", "\u2028", "#", "~", "*", "+", "=", "_", "-", "1", "12"]
_PIECES += [".", ")", "\u0661", "&", "&amp;", "&#x3c;", "]", "](", "[a]", "`", "\\", "|", "\r\n", "x", "word"]
TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def plain_line_starts(text: str) -> str:
    """The rule as two regular expressions over the whole text."""
    text = re.sub(r"^[ \t]+", "", text, flags=re.MULTILINE)
    return re.sub(
        r"^(?:([#~*+=_-])|(\d{1,9})([.)]))",
        lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}",
        text,
        flags=re.MULTILINE,
    )


def plain_neutralise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("`", "\\`")
    return re.sub(r"\](?=\s*[(\[:])", "\\\\]", text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_line_starts_as_the_plain_rule(text: str) -> None:
    assert _line_starts(text) == plain_line_starts(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_neutralise_as_the_plain_rule(text: str) -> None:
    assert _neutralise(text) == plain_neutralise(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_one_line_as_the_plain_rule(text: str) -> None:
    assert one_line(text) == re.sub(r"\s*\n\s*", " ", text)
    assert markdown_inline(text) == re.sub(r"\s*\n\s*", " ", markdown_text(text))


def test_each_rule_at_work() -> None:
    assert _line_starts("  # heading\n\t- item\n10) ten\n1234567890. long") == (
        "\\# heading\n\\- item\n10\\) ten\n1234567890. long"
    )
    assert one_line("a  \n\n  b\nc ") == "a b c "
    assert _neutralise("[x](javascript:y) & &amp; <b>") == "[x\\](javascript:y) & &amp;amp; &lt;b&gt;"
