from __future__ import annotations

from datetime import date

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.plan.model import Plan, Status
from plan_cli.questions import standing
from plan_cli.reading.loader import load_plan, parse_plan

from .. import factories
from ..conftest import FIXTURES, TODAY


@pytest.fixture
def plan(minimal_text: str) -> Plan:
    return parse_plan(minimal_text, "plan.yaml").plan


def test_status_counts_cover_the_whole_vocabulary(plan: Plan) -> None:
    counts = standing.status_counts(plan)
    assert list(counts) == [s for s in Status if s is not Status.UNSTATED]
    assert counts == {
        Status.NOT_STARTED: 0,
        Status.IN_PROGRESS: 1,
        Status.BLOCKED: 1,
        Status.COMPLETE: 1,
        Status.SUPERSEDED: 0,
    }


def test_movements_between_the_last_two_rounds(plan: Plan) -> None:
    moved = {(m.item.id, m.before, m.after) for m in standing.movements(plan, TODAY)}
    assert moved == {("7.1", Status.IN_PROGRESS, Status.BLOCKED), ("25.1", None, Status.IN_PROGRESS)}


@pytest.mark.parametrize(
    ("owner", "ids"),
    [
        ("Chief Constables", ["7.1", "25.1"]),
        ("chief constables", ["7.1", "25.1"]),
        ("CCS", ["7.1", "25.1"]),
        ("Police and Crime Commissioners", ["25.1"]),
        ("pccs", ["25.1"]),
        ("CCs, PCs and their mayor equivalents", ["7.1", "25.1"]),
    ],
)
def test_outstanding_by_owner(plan: Plan, owner: str, ids: list[str]) -> None:
    assert [i.id for i in standing.outstanding(plan, owner=owner)] == ids


def test_unknown_owner_lists_the_owners(plan: Plan) -> None:
    with pytest.raises(
        UsageError,
        match=r"owners are: Chief Constables \(also CCs\); Police and Crime Commissioners \(also PCCs\)",
    ):
        standing.outstanding(plan, owner="Home Office")


def test_outstanding_filters_combine(plan: Plan) -> None:
    assert [i.id for i in standing.outstanding(plan, recommendation=7)] == ["7.1"]
    assert [i.id for i in standing.outstanding(plan, status=Status.IN_PROGRESS)] == ["25.1"]
    assert standing.outstanding(plan, recommendation=25, status=Status.BLOCKED) == []
    with pytest.raises(UsageError, match="there is no recommendation 8"):
        standing.outstanding(plan, recommendation=8)


def test_the_same_filter_repeated_is_any_of_and_different_filters_all_of(plan: Plan) -> None:
    both = [Status.BLOCKED, Status.IN_PROGRESS]
    assert [i.id for i in standing.select_items(plan, statuses=both)] == ["7.1", "25.1"]
    assert [i.id for i in standing.select_items(plan, recommendations=[7, 25])] == ["7.1", "25.1"]
    assert [i.id for i in standing.select_items(plan, statuses=both, recommendations=[25])] == ["25.1"]
    assert [i.id for i in standing.select_items(plan, owners=["CCs", "PCCs"])] == ["7.1", "25.1"]


def test_done_items_are_selected_with_include_done_or_a_done_status(plan: Plan) -> None:
    done = [i.id for i in plan.items if not i.is_outstanding]
    assert done, "the minimal plan has a done item to select"
    assert [i.id for i in standing.select_items(plan, statuses=[Status.COMPLETE])] == [
        i.id for i in plan.items if i.status is Status.COMPLETE
    ]
    assert [i.id for i in standing.select_items(plan, include_done=True)] == [i.id for i in plan.items]
    assert not set(done) & {i.id for i in standing.select_items(plan)}


def test_item_record_is_json_ready(plan: Plan) -> None:
    item = plan.item("7.1")
    assert item is not None
    record = standing.item_record(plan, item)
    assert record["id"] == "7.1"
    assert record["owners"] == ["Chief Constables"]
    assert record["status"] == "blocked"
    assert record["latest_round"] == "March 2025 Update"
    assert record["latest_update"] == "Awaited from Minerva.\n\nSecond para."
    assert [h["status"] for h in record["history"]] == ["in-progress", "blocked"]


def test_find_item_or_recommendation(plan: Plan) -> None:
    found = standing.find_item_or_recommendation(plan, "7.1")
    assert not isinstance(found, int) and found.id == "7.1"
    assert standing.find_item_or_recommendation(plan, "25") == 25
    with pytest.raises(UsageError, match=r"Did you mean 7\.1"):
        standing.find_item_or_recommendation(plan, "7.11")


def test_a_recommendation_without_items_is_judged_the_same_everywhere(minimal_text: str) -> None:
    """No evidence items shows nothing done: not done, and its deadline can pass, in every output."""
    from plan_cli.documents.template_context import template_context
    from plan_cli.questions.deadlines import Kind, deadlines

    text = minimal_text.replace(
        "recommendations:\n",
        "recommendations:\n  - number: 99\n    text: By 1 January 2025, do a thing.\n"
        "    deadline: 2025-01-01\n    owner: Chief Constables\n    owners: [Chief Constables]\n"
        "    items: []\n",
        1,
    )
    plan = parse_plan(text, "plan.yaml").plan
    rec = plan.recommendation(99)
    assert rec is not None and not rec.is_done
    today = date(2026, 11, 28)
    assert standing.recommendation_record(plan, rec, today)["deadline_passed"] is True
    assert next(r for r in standing.status_record(plan, today)["recommendations"] if r["number"] == 99)[
        "deadline_passed"
    ]
    entry = next(e for e in deadlines(plan, today) if e.kind is Kind.RECOMMENDATION and e.ref == "99")
    assert entry.state.value == "passed"
    record = next(r for r in template_context(plan, today)["recommendations"] if r["number"] == 99)
    assert record["done"] is False and record["deadline_passed"] is True


def test_status_counts_by_round_carry_each_item_forward(plan: Plan) -> None:
    rows = standing.status_counts_by_round(plan, TODAY)
    assert [(r.id, updated) for r, updated, _ in rows] == [("initial", 2), ("march-2025", 2)]
    initial, march = (counts for _, _, counts in rows)
    assert list(initial) == [s for s in Status if s is not Status.UNSTATED]
    assert (initial[Status.IN_PROGRESS], initial[Status.COMPLETE], initial[Status.NOT_STARTED]) == (1, 1, 1)
    # 7.2 said complete in the initial round and nothing since: still complete in March 2025.
    assert (march[Status.BLOCKED], march[Status.COMPLETE], march[Status.IN_PROGRESS]) == (1, 1, 1)
    assert all(sum(counts.values()) == len(plan.items) for _, _, counts in rows)


def test_status_counts_by_round_of_a_plan_with_no_updates(plan: Plan) -> None:
    empty = plan._replace(
        recommendations=tuple(
            rec._replace(items=tuple(item._replace(updates=()) for item in rec.items))
            for rec in plan.recommendations
        )
    )
    assert standing.status_counts_by_round(empty, TODAY) == []


def test_unstated_is_shown_only_when_an_update_has_it() -> None:
    stated = factories.plan(factories.item("7.1", factories.update("initial")))
    assert Status.UNSTATED not in standing.shown_statuses(stated)
    unstated = factories.plan(
        factories.item("7.1", factories.update("initial", status="unstated"), factories.update("march-2025"))
    )
    assert standing.shown_statuses(unstated)[-1] is Status.UNSTATED
    assert standing.status_counts(unstated)[Status.UNSTATED] == 0  # the item's latest status is stated
    (first, *_rest) = standing.status_counts_by_round(unstated, TODAY)
    assert first[2][Status.UNSTATED] == 1


def test_a_first_update_saying_not_started_moves_nothing() -> None:
    quarterly = load_plan(FIXTURES / "quarterly-force.yaml").plan
    moved = {(m.item.id, m.before, m.after) for m in standing.movements(quarterly, date(2025, 11, 15))}
    assert moved == {
        ("7.1", Status.BLOCKED, Status.COMPLETE),
        ("7.2", Status.NOT_STARTED, Status.IN_PROGRESS),
    }
