"""plan_cli.importer.rows: the heading row's columns, rounds in the order the headings give them."""

from __future__ import annotations

from plan_cli.importer import import_plan
from plan_cli.reading.loader import parse_plan

HEADINGS = (
    "<tr><th>Rec No.</th><th>Recommendation</th><th>Ref</th><th>Evidence requirements</th><th>Owner</th>"
)
ROW = (
    "<tr><td>14</td><td>By 27 March 2025, take steps for victims.</td><td>14.1</td>"
    "<td>Needs assessments are completed.</td><td>PFCC</td>"
)


def round_ids(*rounds: str) -> list[str]:
    """The ids of the imported plan's rounds, in order, for a table with these round headings."""
    page = (
        f"<table>{HEADINGS}{''.join(f'<th>{r}</th>' for r in rounds)}</tr>"
        f"{ROW}{''.join(f'<td>Answer {n}.</td>' for n in range(len(rounds)))}</tr></table>"
    )
    result = import_plan(page.encode(), "page.html", "Moorside Police")
    return [r.id for r in parse_plan(result.text, "plan.yaml").plan.rounds]


def test_an_undated_update_left_of_a_dated_one_keeps_its_column_order() -> None:
    assert round_ids("Initial Response", "Six Month Update", "Update \u2013 December 2025") == [
        "initial",
        "six-month-update",
        "december-2025",
    ]


def test_an_undated_update_after_the_dated_ones_stays_last() -> None:
    assert round_ids("Initial Response", "March 2025 update", "Q3 Update") == [
        "initial",
        "march-2025",
        "q3-update",
    ]


def test_an_item_column_headed_ref_reads_without_a_note_of_shifted_headings() -> None:
    page = f"<table>{HEADINGS}<th>Initial Response</th></tr>{ROW}<td>Started.</td></tr></table>"
    text = import_plan(page.encode(), "page.html", "Moorside Police").text
    assert '- id: "14.1"' in text and "evidence: Needs assessments are completed." in text
    assert "# source:" not in text.split("recommendations:")[1]


def test_an_item_number_written_with_a_stop_after_it_is_the_items_number() -> None:
    rows = "".join(
        f"<tr><td>{'14' if n == 0 else ''}</td><td>{'By 27 March 2025, take steps.' if n == 0 else ''}</td>"
        f"<td>{number}</td><td>Evidence {number}</td><td>PFCC</td><td>Answer {number}</td></tr>"
        for n, number in enumerate(["14.2.", "14.1)"])
    )
    page = f"<table>{HEADINGS}<th>Initial Response</th></tr>{rows}</table>"
    text = import_plan(page.encode(), "page.html", "Moorside Police").text
    plan = parse_plan(text, "plan.yaml").plan
    assert [i.id for i in plan.items] == ["14.2", "14.1"]
    assert "numbered in order" not in text
