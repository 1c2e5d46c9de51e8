"""How the tool words dates, counts, ages and short titles."""

from __future__ import annotations

import shlex
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_cli.basics import wording
from plan_cli.basics.wording import describe_age, expected_words


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (date(2026, 12, 1), "3 days left"),
        (date(2026, 11, 29), "1 day left"),
        (date(2026, 11, 28), "due today"),
        (date(2026, 11, 27), "1 day overdue"),
        (date(2026, 4, 6), "236 days overdue"),
    ],
)
def test_describe_days(when: date, text: str) -> None:
    assert wording.describe_days(when, date(2026, 11, 28)) == text


def test_first_sentence_shortens() -> None:
    assert wording.first_sentence("By 2025, do this. Then that.") == "By 2025, do this"
    assert wording.first_sentence("x" * 100, 10) == "xxxxxxxxx…"
    assert wording.first_sentence(None) == ""


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("By 27 March 2025, where required, seek changes.", "where required, seek changes."),
        ("27 March 2025, make sure the new College", "make sure the new College"),
        ("By 22 November 2024 (56 days from publication), write to HMICFRS", "write to HMICFRS"),
        ("Work together by 2025, now", "Work together by 2025, now"),
    ],
)
def test_short_title_drops_the_deadline_phrase(text: str, title: str) -> None:
    assert wording.short_title(text) == title


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (None, "unknown age"),
        (0, "current"),
        (1, "1 day old"),
        (59, "59 days old"),
        (332, "11 months old"),
        (800, "2 years old"),
    ],
)
def test_describe_age(days: int | None, words: str) -> None:
    assert describe_age(days) == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2027 Update", "march-2027-update"),
        ("  Devon & Cornwall Police ", "devon-cornwall-police"),
        ("Q3 2026: review (interim)", "q3-2026-review-interim"),
        ("Café Ynys Môn", "cafe-ynys-mon"),
        ("---", ""),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert wording.slug(text) == expected


@pytest.mark.parametrize(
    ("expected", "words"),
    [
        ("2026-Q1", "expected 2026-Q1"),
        ("Spring 2026", "expected Spring 2026"),
        ("unknown", "expected date unknown"),
    ],
)
def test_expected_words_read_as_a_phrase(expected: str, words: str) -> None:
    assert expected_words(expected) == words


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("PFCC", "PFCC"),
        ("Chief Officer Group", "'Chief Officer Group'"),
        ("Mayor's Office for Policing and Crime", '"Mayor\'s Office for Policing and Crime"'),
        ("Mayor's $HOME", "'Mayor'\"'\"'s $HOME'"),
    ],
)
def test_a_shell_word_is_quoted_as_a_person_would_write_it(name: str, written: str) -> None:
    assert wording.shell_word(name) == written


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_a_shell_word_reads_back_as_one_word(name: str) -> None:
    assert shlex.split(wording.shell_word(name)) == [name]
