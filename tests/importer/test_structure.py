"""plan_cli.importer.structure: which rows are the headings, read from any reader's table."""

from __future__ import annotations

from plan_cli.importer.structure import structure
from plan_cli.importer.table import EMPTY, Row, Table, plain_cell


def row(*texts: str) -> Row:
    return Row(tuple(plain_cell(text) if text else EMPTY for text in texts))


def test_a_second_heading_row_whose_headings_wrap_over_lines_is_joined_to_the_first() -> None:
    table = Table(
        (
            row("Rec", "Recommendation", "Evidence requirements", "", "Initial response", "Progress", ""),
            row("", "", "Ref", "Requirement", "", "Update \u2013 October\n\n2025", "Q3 Update"),
            row(
                "12",
                "By 27 March 2025, take steps.",
                "12.2",
                "Policies.",
                "Begun.",
                "Signed off.",
                "Sampled.",
            ),
        ),
        where="table 1",
    )
    plan = structure([table], "page.pdf", plain=False)
    assert [r.id for r in plan.rounds] == ["initial", "october-2025", "q3-update"]
    item = plan.recommendations[0].items[0]
    assert item.id == "12.2" and item.evidence == "Policies."
    assert {key: update.text for key, update in item.updates.items()} == {
        "initial": "Begun.",
        "october-2025": "Signed off.",
        "q3-update": "Sampled.",
    }
