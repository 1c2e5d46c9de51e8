"""The next round by the plan's own cadence, for plans whose rounds are named by quarter or fall due at month ends."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.plan.model import Plan, Round
from plan_cli.questions.cadence import likely_next_round
from plan_cli.reading.loader import parse_plan

from ..conftest import FIXTURES


def _with_rounds(*declared: Round) -> Plan:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    return parse_plan(text).plan._replace(rounds=declared)


def test_a_quarterly_plan_on_the_financial_year_names_the_next_quarter() -> None:
    plan = _with_rounds(
        Round("q1-2025-26", "Q1 2025/26 Progress Review", date(2025, 6, 30)),
        Round("q2-2025-26", "Q2 2025/26 Progress Review", date(2025, 9, 30)),
    )
    assert likely_next_round(plan) == Round("q3-2025-26", "Q3 2025/26 Progress Review", date(2025, 12, 31))


@pytest.mark.parametrize(
    ("last_id", "last_title", "next_id", "next_title"),
    [
        ("q4-2025-26", "Q4 2025/26 Progress Review", "q1-2026-27", "Q1 2026/27 Progress Review"),
        ("q4-2025", "Q4 2025 Review", "q1-2026", "Q1 2026 Review"),
        ("review-q4-1999-2000", "Review Q4 1999-2000", "review-q1-2000-2001", "Review Q1 2000-2001"),
        ("q4-2099-00", "Q4 2099/00 Update", "q1-2100-01", "Q1 2100/01 Update"),
        ("2025-q4", "2025-Q4 Review", "2026-q1", "2026-Q1 Review"),
        ("2025-26-q4", "2025/26 Q4 Progress Review", "2026-27-q1", "2026/27 Q1 Progress Review"),
    ],
)
def test_the_quarter_after_the_fourth_moves_the_years_on(
    last_id: str, last_title: str, next_id: str, next_title: str
) -> None:
    plan = _with_rounds(
        Round("before", last_title.replace("Q4", "Q3"), date(2025, 12, 31)),
        Round(last_id, last_title, date(2026, 3, 31)),
    )
    guess = likely_next_round(plan)
    assert guess is not None and (guess.id, guess.title) == (next_id, next_title)


def test_month_end_due_dates_stay_at_month_ends() -> None:
    plan = _with_rounds(
        Round("first", "First Response", date(2025, 3, 31)),
        Round("second", "Second Response", date(2025, 6, 30)),
        Round("third", "Third Response", date(2025, 9, 30)),
    )
    assert likely_next_round(plan) == Round("ID", "TITLE", date(2025, 12, 31))


def test_a_due_date_not_at_a_month_end_keeps_its_day() -> None:
    plan = _with_rounds(
        Round("first", "First Response", date(2025, 3, 27)),
        Round("second", "Second Response", date(2025, 9, 30)),
    )
    assert likely_next_round(plan) == Round("ID", "TITLE", date(2026, 3, 30))


def test_quarters_a_half_year_apart_move_on_two_quarters() -> None:
    plan = _with_rounds(
        Round("q2-2025", "Q2 2025 Update", None),
        Round("q4-2025", "Q4 2025 Update", None),
    )
    assert likely_next_round(plan) == Round("q2-2026", "Q2 2026 Update", None)


@pytest.mark.parametrize(
    ("titles", "next_id", "next_title"),
    [
        (("Spring 2026 Update", "Autumn 2026 Update"), "spring-2027", "Spring 2027 Update"),
        (("Spring 2026 Update", "Spring 2027 Update"), "spring-2028", "Spring 2028 Update"),
        (("Summer 2026 Review", "Autumn 2026 Review"), "winter-2026", "Winter 2026 Review"),
        (("Autumn 2026 Review", "Winter 2026 Review"), "spring-2027", "Spring 2027 Review"),
    ],
)
def test_a_plan_named_by_season_names_the_next_season(
    titles: tuple[str, str], next_id: str, next_title: str
) -> None:
    plan = _with_rounds(*(Round(t.split()[0].lower() + "-" + t.split()[1], t, None) for t in titles))
    assert likely_next_round(plan) == Round(next_id, next_title, None)


def test_after_a_round_with_no_due_date_the_due_date_follows_the_last_dated_one() -> None:
    plan = _with_rounds(
        Round("q2-2025-26", "Q2 2025/26 Progress Review", date(2025, 9, 30)),
        Round("q3-2025-26", "Q3 2025/26 Progress Review", date(2025, 12, 31)),
        Round("q4-2025-26", "Q4 2025/26 Progress Review", None),
    )
    assert likely_next_round(plan) == Round("q1-2026-27", "Q1 2026/27 Progress Review", date(2026, 6, 30))
