"""Styled text and plain wrapping: the same lines Rich would print, without Rich."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from plan_cli.cli.styled import Styled, cell_width, cut, wrap


def test_cell_width_counts_wide_and_combining_characters() -> None:
    assert cell_width("Minerva") == 7
    assert cell_width("—…█░·") == 5
    assert cell_width("漢字") == 4
    assert cell_width("e\u0301") == 1


def test_cut_never_splits_a_wide_character_across_the_width() -> None:
    assert cut("ab漢c", 3) == ("ab", "漢c")
    assert cut("abc", 5) == ("abc", "")


def test_wrap_breaks_between_words_and_drops_the_spaces_it_breaks_on() -> None:
    line = "Northumbria Police · in response to the Super Complaint submitted by Suzy Lamplugh Trust"
    assert wrap(line, 40) == [
        "Northumbria Police · in response to the",
        "Super Complaint submitted by Suzy",
        "Lamplugh Trust",
    ]


def test_wrap_keeps_an_indent_and_folds_a_word_longer_than_the_line() -> None:
    assert wrap("  see " + "x" * 25, 10) == ["  see", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]
    assert wrap("short", 80) == ["short"]


def test_wrap_keeps_a_character_wider_than_the_line() -> None:
    """Rich drops it at width 1; published text is never dropped."""
    assert wrap("漢", 1) == ["漢"]


def rich_lines(line: str, width: int) -> list[str]:
    console = Console(width=width, color_system=None)
    return [wrapped.plain.rstrip() for wrapped in Text(line).wrap(console, width)]


LETTERS = ["a", "b", "é", "—", "…", "漢", "e\u0301"]
WORDS = st.lists(st.sampled_from(LETTERS), min_size=1, max_size=8).map("".join)
LINES = st.lists(st.tuples(WORDS, st.sampled_from([" ", "  "])), max_size=20).map(
    lambda words: "".join(word + space for word, space in words).rstrip()
)


@settings(max_examples=300, deadline=None)
@given(LINES, st.integers(10, 40))
def test_wrap_breaks_where_rich_breaks(line: str, width: int) -> None:
    """Piped output must read as the terminal's does, so plain wrapping follows Rich's.

    Compared without trailing spaces, which plain output never prints. Words
    longer than the line are left out: Rich folds them leaving stray spaces
    and blank lines, where plain output folds them cleanly (tested above).
    """
    assert wrap(line, width) == rich_lines(line, width)


def test_append_keeps_styles_as_spans() -> None:
    line = Styled("7.1  ", style="bold")
    line.append("blocked", style="bold red")
    line.append(Styled(" waits", style="magenta"))
    assert line.plain == "7.1  blocked waits"
    assert line.style == "bold"
    assert line.spans == [(5, 12, "bold red"), (12, 18, "magenta")]


def test_adding_and_joining_leave_the_parts_unchanged() -> None:
    status = Styled("blocked", style="red")
    both = status + Styled("stale", style="magenta")
    assert status.plain == "blocked" and status.spans == []
    assert both.plain == "blockedstale"
    joined = Styled(", ").join(["7.1", Styled("7.2", style="bold")])
    assert joined.plain == "7.1, 7.2"
    assert joined.spans == [(5, 8, "bold")]


def test_truncate_ends_in_an_ellipsis_and_clips_spans() -> None:
    line = Styled("where required, seek changes")
    line.append(" to the Niche", style="red")
    line.truncate(20)
    assert line.plain == "where required, see…"
    assert line.spans == []
    short = Styled("fits")
    short.truncate(4)
    assert short.plain == "fits"


def test_rstrip_and_lines() -> None:
    line = Styled("in-progress   ", style="yellow")
    line.rstrip()
    assert line.plain == "in-progress"
    block = Styled("a b c\nd", no_wrap=True)
    assert block.lines(3) == ["a b c", "d"]
    assert Styled("a b c\nd").lines(3) == ["a b", "c", "d"]
    assert Styled("a b c").lines(None) == ["a b c"]


def test_wrapped_lines_keep_their_styles() -> None:
    line = Styled("Expected ", style="bold")
    line.append("unknown — passed long ago", style="red")
    lines = line.wrapped(16)
    assert [part.plain for part in lines] == wrap(line.plain, 16)
    assert [(part.style, part.spans) for part in lines] == [
        ("bold", [(9, 16, "red")]),
        ("bold", [(0, 13, "red")]),
        ("bold", [(0, 3, "red")]),
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=3).map("\n".join), st.integers(1, 40))
def test_wrapped_lines_are_the_plain_lines(text: str, width: int) -> None:
    assert [part.plain for part in Styled(text).wrapped(width)] == Styled(text).lines(width)


def test_visible_escapes_controls_and_moves_the_spans_with_them() -> None:
    line = Styled("id ")
    line.append("x\x1b[2Jy", style="red")
    line.append(" \u202eend", style="bold")
    shown = line.visible()
    assert shown.plain == "id x\\x1b[2Jy \\u202eend"
    assert [shown.plain[a:b] for a, b, _ in shown.spans] == ["x\\x1b[2Jy", " \\u202eend"]
    assert line.plain == "id x\x1b[2Jy \u202eend", "the original is unchanged"


def test_visible_returns_clean_text_itself() -> None:
    line = Styled("nothing to escape", style="bold")
    assert line.visible() is line
