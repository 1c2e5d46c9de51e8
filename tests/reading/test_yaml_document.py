"""The YAML reader that knows nothing of plans: safe values, duplicate keys refused, places kept, its own words."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.basics.errors import InvalidFileError, InvalidPlanError
from plan_cli.reading.yaml_document import Wording, read_document, read_mapping

WORDS = Wording(noun="list of names", document="list", key="name")


def test_values_keep_their_places() -> None:
    document = read_document("a: [b, c]\nd:\n  e: 2026-01-02\n", "x.yaml", WORDS)
    assert document is not None
    assert document.data == {"a": ["b", "c"], "d": {"e": date(2026, 1, 2)}}
    assert document.problems == []
    assert document.source.locate(("a", 1)) == (1, 8)
    assert document.source.locate(("d", "e")) == (3, 6)
    assert document.source.locate(("d", "e"), at_key=True) == (3, 3)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_a_file_with_no_document_is_none(text: str) -> None:
    assert read_document(text, "x.yaml", WORDS) is None


def test_a_duplicate_key_is_one_problem_in_the_files_own_words() -> None:
    document = read_document("a: [b]\na: [c]\n", "x.yaml", WORDS)
    assert document is not None
    assert [str(p) for p in document.problems] == [
        "x.yaml:2:1: a: duplicate key 'a' (first at line 1); each name may appear once"
    ]
    assert document.failed_at == [("a",)]


def test_tags_and_aliases_are_refused_in_the_files_own_words() -> None:
    document = read_document("a: !!binary aGk=\nb: [&x c, *x]\n", "x.yaml", WORDS)
    assert document is not None and document.partial
    messages = [p.message for p in document.problems]
    assert messages[0] == "the tag tag:yaml.org,2002:binary is not allowed in a list of names; remove it"
    assert messages[1].startswith("the alias *x is not supported in a list of names;")
    assert "plan" not in " ".join(messages)


def test_bad_yaml_is_an_error_about_that_file_not_a_plan() -> None:
    with pytest.raises(InvalidFileError) as caught:
        read_document("a: 1\n---\nb: 2\n", "x.yaml", WORDS)
    assert not isinstance(caught.value, InvalidPlanError)
    (problem,) = caught.value.problems
    assert problem.message.endswith("keep one list per file")


def test_a_mapping_file_holding_a_list_says_what_it_should_hold() -> None:
    with pytest.raises(InvalidFileError) as caught:
        read_mapping("- a\n", "x.yaml", WORDS, empty="is empty", example="a: b")
    assert [str(p) for p in caught.value.problems] == ["x.yaml:1:1: must be a mapping, e.g. a: b; not a list"]
    data, source = read_mapping("a: b\n", "x.yaml", WORDS, empty="is empty", example="a: b")
    assert data == {"a": "b"} and source.locate(("a",)) == (1, 4)
