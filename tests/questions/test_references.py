"""Which item ids and recommendation numbers update text cites, and which numbers it does not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.questions import references
from plan_cli.questions.references import find_citations


def refs(text: str) -> list[str]:
    return [c.ref for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as outlined in rec 13.2 and", ["13.2"]),
        ("12.1 addresses the risk considerations", ["12.1"]),
        ("outlined above (12.1 & 12.2).", ["12.1", "12.2"]),
        ("as outlined at Recommendation 10.2 and", ["10.2"]),
        ("As referenced at Recommendations 7.1 and 7.2, system", ["7.1", "7.2"]),
        ("As per 25.1, NSIP continues", ["25.1"]),
        ("Update as ref 25.1", ["25.1"]),
        ("referenced in 11.2, 12.4 and 23.1.", ["11.2", "12.4", "23.1"]),
        ("The findings of Recommendation 22 are awaited", ["recommendation 22"]),
    ],
)
def test_finds_items_and_recommendations(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize("dash", ["-", "–", " - ", " – "])
def test_a_range_cites_every_item_in_it(dash: str) -> None:
    citations = find_citations(f"outlined in rec 10.1{dash}10.5 and 11.2")
    assert [c.ref for c in citations] == ["10.1", "10.2", "10.3", "10.4", "10.5", "11.2"]
    assert citations[4].written == f"10.1{dash}10.5"


def test_a_range_across_recommendations_cites_both_ends_only() -> None:
    assert refs("see 7.2-8.1") == ["7.2", "8.1"]


@pytest.mark.parametrize(
    "text",
    [
        "As of December 2025, 2,541 (75%) of target audience had completed the package.",
        "This took place 27/6/25 and focused on",
        "incidents and arrests of note from the previous 24 hours",
        "attend MAPPA Level 2 or MAPPA Level 3 meetings",
        "a total target audience of 3391",
        "two of our 6 sectors, a section 2A or section 4A stalking offence",
        "funding of £1.5 million over 2.5 years, meeting at 10.30am",
        "a dated file 27.06.25 and a rate of 1.5%",
        "Go-live was the 17th February 2026",
    ],
)
def test_numbers_that_are_not_references(text: str) -> None:
    assert refs(text) == []


def test_another_bodys_recommendation_is_marked_external() -> None:
    home_office = find_citations("Linked to recommendation 6 (for Home Office) which states")
    npcc = find_citations(
        "Further consideration will be afforded following the NPCC Leads response to Recommendation 21."
    )
    assert [(c.ref, c.external) for c in home_office] == [("recommendation 6", True)]
    assert [(c.ref, c.external) for c in npcc] == [("recommendation 21", True)]


def test_external_body_only_counts_in_the_same_sentence() -> None:
    text = "The NPCC lead has replied. The findings of Recommendation 22 are awaited."
    assert [(c.ref, c.external) for c in find_citations(text)] == [("recommendation 22", False)]


def test_item_ids_are_never_external() -> None:
    assert [c.external for c in find_citations("the Home Office's 12.1 addresses")] == [False]


def test_a_list_of_recommendation_numbers() -> None:
    assert refs("recommendations 21 and 22, and rec 3") == [
        "recommendation 21",
        "recommendation 22",
        "recommendation 3",
    ]


_PLAIN_ITEM_OR_RANGE = re.compile(
    r"(?<![\d.,£$€/:])(\d{1,2})\.(\d{1,2})(?:\s*[-–—]\s*(?:(\d{1,2})\.)?(\d{1,2}))?"
    r"(?![\d%]|\.\d|,\d|/\d|:\d|\s?(?:am|pm|million|billion|bn|m|k|hours?|days?|weeks?|months?|years?"
    r"|minutes?|mins?|per\s?cent)\b)"
)
_PLAIN_REC_WORD = re.compile(r"\b(?:recommendations?|recs?)\.?\s+", re.IGNORECASE)


_PIECES = ["1.2", "27.14", "3.1-3.4", "10.2 – 5", "1", ".", ",", "-", "£", "$", "€", "/", ":", "%", "am"]
_PIECES += [" hours", " ", "\n", "x", "_"]
_WORDS = ["rec", "Rec", "REC", "recs", "recommendation", "Recommendations", "rec.", "ec", "r"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _WORDS), max_size=20).map("".join))
def test_the_fast_patterns_find_what_the_plain_ones_do(text: str) -> None:
    """The patterns are written to start at a digit or an r; they match exactly as the plain spelling."""

    def found(pattern: re.Pattern[str]) -> list[tuple[object, ...]]:
        return [(*m.groups(), m.span()) for m in pattern.finditer(text)]

    assert found(references._ITEM_OR_RANGE) == found(_PLAIN_ITEM_OR_RANGE)
    assert found(references._REC_WORD) == found(_PLAIN_REC_WORD)
