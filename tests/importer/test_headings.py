"""Column headings and cell labels in every spelling forces publish."""

from __future__ import annotations

import pytest

from plan_cli.importer.headings import classify, round_of
from plan_cli.importer.html import cell_from_html
from plan_cli.importer.layouts import recommendation_label
from plan_cli.importer.table import plain_cell, plain_segments, segments


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Rec. No.", "number"),
        ("Rec No.", "number"),
        ("Recommendation", "recommendation"),
        ("Recomendation", "recommendation"),
        ("RECOMMENDATION", "recommendation"),
        ("Evidence requirements of progress/completion", "evidence"),
        ("Sub recommendation", "evidence"),
        ("Sub-recommendation", "evidence"),
        ("Evidence id", "item"),
        ("Recommendation Owner", "owner"),
        ("Rec. Owner", "owner"),
        ("Owners", "bodies"),
        ("Initial Action Plan Response", "round"),
        ("Initial action plan response", "round"),
        ("March 2026 Update", "round"),
        ("March 2026 update", "round"),
        ("Update March 2025", "round"),
        ("Nov-24 update", "round"),
        ("March 2025 Update status", "status"),
        ("Status", "status"),
        ("Deadline", "deadline"),
        ("Date", "other"),
        ("Supporting documents", "supporting"),
        ("Force Update:", "round"),
        ("Response", "round"),
        ("Recommendations", "recommendation"),
        ("No.", "number"),
        ("Our current process", "round"),
        ("Action", "action"),
        ("Recomendation", "recommendation"),
        ("Sub recommendation/", "evidence"),
    ],
)
def test_headings_name_their_columns(heading: str, kind: str) -> None:
    column = classify(heading)
    assert column is not None and column.kind == kind


@pytest.mark.parametrize(
    ("text", "round_id"),
    [
        ("March 2025 Update", "march-2025"),
        ("MARCH 2026 UPDATE", "march-2026"),
        ("Sept 2025 update", "september-2025"),
        ("Nov-24 update", "november-2024"),
        ("Initial Action Plan Response", "initial"),
        ("Progress & Action", None),
        ("Context", None),
        ("March 2025", None),
    ],
)
def test_rounds_named_by_headings_and_labels(text: str, round_id: str | None) -> None:
    found = round_of(text)
    assert (found.id if found else None) == round_id
    if found:
        assert found.title == text


def test_a_bold_label_starts_a_part_even_inside_a_paragraph() -> None:
    cell = cell_from_html(
        "<p><b>Progress</b> -The work sits with officers. <b>Action</b> - Whilst scoping.</p> "
        "<p>Unlabelled &amp; kept.</p><p></p>"
    )
    assert segments(cell) == [
        ("Progress", "The work sits with officers."),
        ("Action", "Whilst scoping."),
        (None, "Unlabelled & kept."),
    ]


def test_bold_words_without_a_dash_are_text() -> None:
    assert segments(cell_from_html("<p>The <b>new</b> system is live.</p>")) == [
        (None, "The new system is live.")
    ]


def test_plain_labels_only_when_every_paragraph_has_one() -> None:
    assert plain_segments(plain_cell("Context - a.\n\nProgress & Action - b.")) == [
        ("Context", "a."),
        ("Progress & Action", "b."),
    ]
    mixed = plain_cell("Context - a.\n\nA release date is awaited - this will be reviewed.")
    assert plain_segments(mixed) == [
        (None, "Context - a."),
        (None, "A release date is awaited - this will be reviewed."),
    ]


def test_an_undated_response_is_the_initial_round_and_an_undated_update_a_round_of_its_own() -> None:
    response, update = classify("Response"), classify("Force Update")
    assert response is not None and response.round is not None and response.round.id == "initial"
    assert update is not None and update.round is not None and update.round.id == "update"
    assert update.round.title == "Force Update"


def test_an_update_heading_without_a_month_is_a_round_of_its_own_named_by_it() -> None:
    column = classify("Q3 Update")
    assert column is not None and column.kind == "round" and column.round is not None
    assert (column.round.id, column.round.title) == ("q3-update", "Q3 Update")
    progress = classify("Progress")
    assert progress is not None and progress.kind == "round"
    owner = classify("Owner update")
    assert owner is not None and owner.kind == "owner"


@pytest.mark.parametrize(
    ("heading", "round_id"),
    [
        ("Position as at October 2025", "october-2025"),
        ("Update (as at 31/12/2025)", "december-2025"),
        ("Progress 03/2026", "march-2026"),
        ("Spring 2026 Review", "spring-2026-review"),
        ("Status Update", "status-update"),
    ],
)
def test_response_columns_named_in_other_words_are_rounds_not_dropped_or_read_as_statuses(
    heading: str, round_id: str
) -> None:
    column = classify(heading)
    assert column is not None and column.kind == "round" and column.round is not None
    assert column.round.id == round_id


@pytest.mark.parametrize("heading", ["Review date", "Progress RAG", "Status"])
def test_a_date_or_rag_column_is_not_a_round(heading: str) -> None:
    column = classify(heading)
    assert column is None or column.kind != "round"


def test_an_item_number_after_the_word_recommendation_is_not_a_recommendations_number() -> None:
    assert recommendation_label("Recommendation 17") == "17"
    assert recommendation_label("Recommendation 17.1") == ""
