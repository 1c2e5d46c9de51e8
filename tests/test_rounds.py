"""Rounds: reported, latest, next, and the round a draft is for."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli import rounds
from plan_cli.errors import UsageError
from plan_cli.loader import parse_plan
from plan_cli.model import Plan, Round
from plan_cli.rounds import draft_round
from plan_cli.template_context import template_context

from .conftest import TODAY, with_next_round


def test_latest_and_next_round(plan: Plan) -> None:
    latest = rounds.latest_round(plan)
    assert latest is not None and latest.id == "march-2025"
    assert rounds.next_round(plan) is None


def test_next_round_is_first_declared_round_after_the_latest(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2026\n    title: March 2026 Update\n    due: 2026-04-06\ndependencies:",
    )
    following = rounds.next_round(parse_plan(text).plan)
    assert following is not None and following.title == "March 2026 Update"


def test_draft_round_given_on_the_command_line(plan: Plan) -> None:
    drafted = draft_round(plan, "March 2027 Update", date(2027, 3, 27))
    assert drafted == Round("march-2027", "March 2027 Update", date(2027, 3, 27))
    following = template_context(plan, TODAY, drafted)["next_round"]
    assert following["declared"] is False and following["due_text"] == "119 days left"


def test_draft_round_defaults_to_the_declared_next_round(minimal_text: str) -> None:
    plan = with_next_round(minimal_text)
    assert draft_round(plan, None, None) == Round("march-2027", "March 2027 Update", date(2027, 3, 27))
    assert draft_round(plan, "march 2027 update", None).id == "march-2027"


def test_draft_round_without_any_says_how_to_declare_one(plan: Plan) -> None:
    with pytest.raises(UsageError) as caught:
        draft_round(plan, None, None)
    message = str(caught.value)
    assert "add it under rounds: in the plan" in message.lower()
    assert "--round 'March 2027 Update' --due 2027-03-27" in message


def test_draft_round_refuses_a_round_already_reported(plan: Plan) -> None:
    with pytest.raises(UsageError, match="the March 2025 Update already has updates"):
        draft_round(plan, "March 2025 Update", None)


def test_draft_round_refuses_a_due_date_contradicting_the_plan(minimal_text: str) -> None:
    plan = with_next_round(minimal_text)
    with pytest.raises(UsageError, match="declares the March 2027 Update due 2027-03-27, not 2027-04-01"):
        draft_round(plan, None, date(2027, 4, 1))
