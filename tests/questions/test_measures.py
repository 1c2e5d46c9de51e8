"""Measures as progress and the age of the figure."""

from __future__ import annotations

from datetime import date

from plan_cli.plan.model import Measure, parse_fuzzy_date
from plan_cli.questions.measures import all_progress, progress_record

from ..factories import item, plan, update


def test_progress_percent_and_age_from_the_end_of_the_as_of_period() -> None:
    m = Measure("e-learning", 2541, 3391, parse_fuzzy_date("2025-12"), "march-2026")
    [found] = all_progress(plan(item("10.1", update("march-2026"), measures=(m,))), date(2026, 11, 28))
    assert round(found.percent, 1) == 74.9
    assert found.age_days == (date(2026, 11, 28) - date(2025, 12, 31)).days
    assert progress_record(found)["percent"] == 74.9


def test_unknown_as_of_has_no_age() -> None:
    m = Measure("x", 1, 2, parse_fuzzy_date("unknown"), "march-2026")
    [found] = all_progress(plan(item("10.1", update("march-2026"), measures=(m,))), date(2026, 1, 1))
    assert found.age_days is None
