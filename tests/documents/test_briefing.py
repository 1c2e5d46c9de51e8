"""The briefing: each outstanding item's latest words, what it waits on, and its dated entries."""

from __future__ import annotations

from typing import Any

from plan_cli.documents.briefing import SHORTENED, Asked, briefing
from plan_cli.reading.loader import parse_plan

from ..conftest import TODAY, with_next_round

LATER_MILESTONES = """          - date: 2027-01
            text: Training starts in January 2027.
            raised: march-2025
          - date: 2027-06
            text: Review in June 2027.
            raised: march-2025
        measures:"""


def _item(told: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(entry for entry in told["items"] if entry["id"] == item_id)


def test_passed_deadlines_and_those_due_before_the_next_round_are_told_apart(minimal_text: str) -> None:
    plan = with_next_round(minimal_text.replace("        measures:", LATER_MILESTONES, 1))
    told = briefing(plan, TODAY, Asked("items of recommendation 25"))
    assert told["next_round"] == "March 2027 Update"
    item = _item(told, "25.1")
    passed = [entry["when"] for entry in item["deadlines_passed"]]
    to_come = [entry["when"] for entry in item["due_before_next_round"]]
    assert passed == ["2025-03-27", "2026-Q2"]
    assert to_come == ["2027-01"]  # June 2027 is after the next round's due date, 27 March 2027
    assert all(entry["passed"] for entry in item["deadlines_passed"])


def test_with_no_next_due_date_everything_to_come_is_shown(minimal_text: str) -> None:
    plan = parse_plan(minimal_text.replace("        measures:", LATER_MILESTONES, 1), "plan.yaml").plan
    item = _item(briefing(plan, TODAY, Asked("items")), "25.1")
    assert [entry["when"] for entry in item["due_before_next_round"]] == ["2027-01", "2027-06"]


def test_brief_shortens_only_long_updates_and_marks_them(real_plan: Any) -> None:
    whole = briefing(real_plan, TODAY, Asked("items"))
    brief = briefing(real_plan, TODAY, Asked("items", brief=True))
    for full, short in zip(whole["items"], brief["items"], strict=True):
        if short["shortened"]:
            assert short["shortened"] == SHORTENED
            assert full["latest_text"].startswith(short["latest_text"])
            assert len(short["latest_text"]) < len(full["latest_text"])
        else:
            assert short["latest_text"] == full["latest_text"]
    assert any(short["shortened"] for short in brief["items"])
