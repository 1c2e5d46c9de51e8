"""Rounds: reported, latest, next, the round a draft is for, and the hint for a next round by the plan's cadence."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli import rounds
from plan_cli.errors import UsageError
from plan_cli.loader import load_plan, parse_plan
from plan_cli.model import Plan, Round
from plan_cli.rounds import draft_round, likely_next_round
from plan_cli.template_context import template_context

from .conftest import FIXTURES, PLAN_FILE, TODAY, with_next_round


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
    # from the plan's own rounds: four months after its March 2025 Update, as that came after the first
    assert "--round 'July 2025 Update' --due 2025-07-27" in message


def test_draft_round_refuses_a_round_already_reported(plan: Plan) -> None:
    with pytest.raises(UsageError, match="the March 2025 Update already has updates"):
        draft_round(plan, "March 2025 Update", None)


def test_draft_round_refuses_a_due_date_contradicting_the_plan(minimal_text: str) -> None:
    plan = with_next_round(minimal_text)
    with pytest.raises(UsageError, match="declares the March 2027 Update due 2027-03-27, not 2027-04-01"):
        draft_round(plan, None, date(2027, 4, 1))


def test_the_next_round_follows_the_other_forces_six_monthly_cadence() -> None:
    plan = load_plan(FIXTURES / "other-force.yaml").plan
    assert likely_next_round(plan) == Round("apr-2027", "April 2027 Progress Review", date(2027, 4, 30))
    with pytest.raises(UsageError) as raised:
        draft_round(plan, None, None)
    assert "  - id: apr-2027\n    title: April 2027 Progress Review\n    due: 2027-04-30\n" in str(
        raised.value
    )


def test_the_next_round_follows_a_yearly_cadence_named_in_titles() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    declared = "  - id: march-2027\n    title: March 2027 Update\n"
    assert declared in text
    plan = parse_plan(text.replace(declared, "")).plan
    guess = likely_next_round(plan)
    assert guess is not None and (guess.id, guess.title) == ("march-2027", "March 2027 Update")


def test_a_plan_whose_cadence_cannot_be_told_gets_a_neutral_hint() -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    undated = (Round("initial", "Initial Action Plan Response"), Round("march-2025", "March 2025 Update"))
    plan = parse_plan(text).plan._replace(rounds=undated)
    assert likely_next_round(plan) is None
    with pytest.raises(UsageError) as raised:
        draft_round(plan, None, None)
    assert "--round 'TITLE' --due YYYY-MM-DD" in str(raised.value)


def test_a_cadence_without_month_names_gives_only_the_due_date() -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    plain = (
        Round("initial", "First Response", date(2025, 1, 31)),
        Round("march-2025", "Second Response", date(2025, 7, 31)),
    )
    plan = parse_plan(text).plan._replace(rounds=plain)
    assert likely_next_round(plan) == Round("ID", "TITLE", date(2026, 1, 31))
    with pytest.raises(UsageError) as raised:
        draft_round(plan, None, None)
    assert "by the plan's cadence, due 2026-01-31" in str(raised.value)
    assert "--round 'TITLE' --due 2026-01-31" in str(raised.value)
