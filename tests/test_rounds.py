"""Rounds: the hint for a next round follows the plan's own cadence, ids and titles."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.errors import UsageError
from plan_cli.loader import load_plan, parse_plan
from plan_cli.model import Round
from plan_cli.rounds import draft_round, likely_next_round

from .conftest import FIXTURES, PLAN_FILE


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
