"""Control characters and bidi controls: named for error messages, shown as escapes on a terminal."""

from __future__ import annotations

import json

import pytest

from plan_cli.basics.controls import describe, effect, escapes, first_control, json_safe, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"),
        ("blocked\rcomplete", "blocked\\x0dcomplete"),
        ("back\x08\x08", "back\\x08\\x08"),
        ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
        ("abc\u202edef\u2066x\u2069", "abc\\u202edef\\u2066x\\u2069"),
        ("\x00", "\\x00"),
    ],
)
def test_visible_shows_each_control_as_an_escape(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_keeps_tabs_line_breaks_crlf_and_ordinary_text() -> None:
    text = "a\tb\nc\r\nÉ · → … 中文 \u200b"
    assert visible(text) is text


def test_escapes_say_where_visible_changes_the_text() -> None:
    assert escapes("a\x1bb\r\nc\rd") == [(1, 2, "\\x1b"), (6, 7, "\\x0d")]


def test_first_control_finds_any_control_even_the_cr_of_a_crlf() -> None:
    assert first_control("plain text") == -1
    assert first_control("a\r\nb") == 1
    assert first_control("ab\u202e") == 2


def test_describe_names_the_code_point() -> None:
    assert describe("\x1b") == "the control character U+001B (ESC, the escape character)"
    assert describe("\x9b") == "the control character U+009B"
    assert describe("\u2067") == "the bidirectional control U+2067 (RIGHT-TO-LEFT ISOLATE)"


def test_json_safe_escapes_what_json_leaves_raw_and_keeps_the_data() -> None:
    data = {"text": "a\x7fb\x85c\u202ed\x1b"}
    document = json_safe(json.dumps(data, ensure_ascii=False))
    assert not any(char in document for char in "\x7f\x85\u202e\x1b")
    assert json.loads(document) == data


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\ud800"])
def test_characters_xml_cannot_hold_are_found_named_and_shown(char: str) -> None:
    assert first_control(f"ab{char}") == 2
    assert "U+" in describe(char) and "XML" in effect(char)
    assert char not in visible(f"a{char}b")
    document = json_safe(json.dumps({"text": char}, ensure_ascii=False))
    assert char not in document
    assert json.loads(document) == {"text": char}


def test_ordinary_characters_near_the_non_characters_are_text() -> None:
    assert first_control("\ufffd\ufdcf\ufdf0\U0001fffd 中文") == -1
