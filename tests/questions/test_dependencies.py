"""Dependency reports: age, rounds since raised, expected date passed, items blocked."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.questions.dependencies import (
    dependency_record,
    dependency_reports,
    find_open_dependency,
    open_blockers,
    rounds_since,
)

from ..conftest import TODAY
from ..factories import dependency, item, plan, update


def sample():
    return plan(
        item("7.1", update("initial"), update("march-2026", status="blocked"), depends_on=("niche",)),
        item("7.2", update("march-2026", status="complete"), depends_on=("niche",)),
        item("14.3", update("march-2026", status="blocked"), depends_on=("app", "gone")),
        dependencies=(
            dependency("niche", raised="initial"),
            dependency("app", raised="march-2025", expected="Spring 2026"),
            dependency("gone", status="resolved", raised="march-2025"),
        ),
    )


def test_only_open_dependencies_unless_all() -> None:
    assert [r.dependency.id for r in dependency_reports(sample(), TODAY)] == ["niche", "app"]
    assert [r.dependency.id for r in dependency_reports(sample(), TODAY, include_all=True)] == [
        "niche",
        "app",
        "gone",
    ]


def test_items_named_and_items_still_blocked() -> None:
    niche = dependency_reports(sample(), TODAY)[0]
    assert [i.id for i in niche.items] == ["7.1", "7.2"]
    assert [i.id for i in niche.blocking] == ["7.1"]
    assert niche.recommendations == [7]


def test_age_counts_days_from_the_raised_rounds_due_date_and_rounds_reported_since() -> None:
    niche, app = dependency_reports(sample(), date(2024, 11, 30))
    assert niche.age_days == 8
    assert app.age_days == (date(2024, 11, 30) - date(2025, 3, 27)).days
    # march-2025 has no updates but the plan moved on past it; march-2026 is answered but neither
    # published nor past its due date, so it does not count yet
    assert niche.rounds_since == 1
    assert app.rounds_since == 0
    later = dependency_reports(sample(), date(2026, 4, 7))
    assert [r.rounds_since for r in later] == [2, 1]


def test_rounds_since_ignores_declared_rounds_nobody_reported() -> None:
    only_initial = plan(item("7.1", update("initial")))
    assert rounds_since(only_initial, "initial", TODAY) == 0


@pytest.mark.parametrize(("today", "passed"), [(date(2026, 5, 31), False), (date(2026, 6, 1), True)])
def test_expected_season_passes_after_its_last_day(today: date, passed: bool) -> None:
    app = dependency_reports(sample(), today)[1]
    assert app.expected_passed is passed


def test_unknown_expected_date_never_passes() -> None:
    assert dependency_reports(sample(), date(2099, 1, 1))[0].expected_passed is False


def test_open_blockers_leaves_out_resolved_ones() -> None:
    p = sample()
    assert open_blockers(p, p.item("14.3")) == ["app"]


def test_blocked_by_an_unknown_or_resolved_dependency_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="Did you mean niche"):
        find_open_dependency(sample(), "nich")
    with pytest.raises(UsageError, match="'gone' is resolved, so it blocks nothing"):
        find_open_dependency(sample(), "gone")


def test_record_fields() -> None:
    p = sample()
    record = dependency_record(p, dependency_reports(p, TODAY)[1])
    assert record["id"] == "app"
    assert record["expected"] == "Spring 2026"
    assert record["expected_end"] == "2026-05-31"
    assert record["expected_passed"] is True
    assert record["items"] == ["14.3"]
    assert record["raised"] == "march-2025"
    assert {"title", "party", "status", "age_days", "rounds_since", "blocking"} <= set(record)


def test_real_plan_open_dependencies_block_the_items_the_text_names(real_plan) -> None:
    blocking = {r.dependency.id: [i.id for i in r.blocking] for r in dependency_reports(real_plan, TODAY)}
    assert "7.1" in blocking["minerva-niche"]
    assert blocking["college-stalking-app"] == ["10.4", "20.3"]
    assert blocking["nutshell-replacement"] == ["14.3", "14.4"]


def test_resolved_and_withdrawn_dependencies_are_never_passed() -> None:
    from datetime import date

    from plan_cli.questions.dependencies import dependency_reports, expected_date_passed
    from plan_cli.reading.loader import load_plan

    from ..conftest import FIXTURES

    plan = load_plan(FIXTURES / "other-force.yaml").plan
    late = date(2030, 1, 1)
    reports = {entry.dependency.id: entry for entry in dependency_reports(plan, late, include_all=True)}
    assert reports["athena-flag"].expected_passed
    assert not reports["court-listing-feed"].expected_passed  # resolved
    assert not reports["regional-hub"].expected_passed  # withdrawn
    for dep in plan.dependencies:
        assert expected_date_passed(dep, late) == dep.is_open
