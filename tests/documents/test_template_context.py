"""The template context: the documented data every template sees (docs/templates.md)."""

from __future__ import annotations

from datetime import date

from plan_cli.documents.template_context import template_context
from plan_cli.plan.model import Plan

from ..conftest import TODAY, with_next_round

DOCUMENTED_KEYS = {
    "today",
    "briefing",
    "charts",
    "plan",
    "latest_round",
    "previous_round",
    "next_round",
    "counts",
    "round_counts",
    "total",
    "movements",
    "recommendations",
    "items",
    "outstanding",
    "complete",
    "dependencies",
    "all_dependencies",
    "dependencies_by_id",
    "milestones",
    "deadlines",
    "stale",
    "stale_assessed",
}


def test_context_has_exactly_the_documented_keys(plan: Plan) -> None:
    context = template_context(plan, TODAY)
    assert set(context) == DOCUMENTED_KEYS
    assert set(context["plan"]) == {
        "title",
        "responds_to",
        "force",
        "executive_lead",
        "operational_lead",
        "bodies",
        "rounds",
        "reported_rounds",
        "recommendations",
    }
    assert context["today"] == TODAY


def test_items_outstanding_and_complete(plan: Plan) -> None:
    context = template_context(plan, TODAY)
    assert [i["id"] for i in context["items"]] == ["7.1", "7.2", "25.1"]
    assert [i["id"] for i in context["outstanding"]] == ["7.1", "25.1"]
    assert [i["id"] for i in context["complete"]] == ["7.2"]
    first = context["items"][0]
    assert first["status"] == "blocked"
    assert first["latest"]["round_title"] == "March 2025 Update"
    assert first["latest"]["paragraphs"] == ["Awaited from Minerva.", "Second para."]
    assert first["by_round"]["initial"]["parts"] == [{"label": "Context", "text": "Linked [bold]x[/bold]."}]
    assert first["blocked_by"] == ["minerva-niche"]
    assert first["stale"] is False and first["stale_since"] is None
    assert first["recommendation_text"] == "By 27 March 2025, do things. More."


def test_counts_are_in_vocabulary_order(plan: Plan) -> None:
    counts = template_context(plan, TODAY)["counts"]
    assert counts == [
        {"status": "not-started", "count": 0},
        {"status": "in-progress", "count": 1},
        {"status": "blocked", "count": 1},
        {"status": "complete", "count": 1},
        {"status": "superseded", "count": 0},
    ]


def test_open_dependency_age_and_what_it_blocks(plan: Plan) -> None:
    (dep,) = template_context(plan, TODAY)["dependencies"]
    assert dep["id"] == "minerva-niche"
    assert dep["raised_due"] == date(2024, 11, 22)
    assert dep["age_days"] == (TODAY - date(2024, 11, 22)).days
    assert dep["age_rounds"] == 1
    assert dep["items"] == ["7.1"] and dep["recommendations"] == [7]
    assert dep["expected"] == "unknown" and dep["expected_passed"] is False


def test_milestone_fallen_due_needs_an_update(plan: Plan) -> None:
    (milestone,) = template_context(plan, TODAY)["milestones"]
    assert milestone["item"] == "25.1"
    assert milestone["passed"] is True and milestone["state"] == "passed"
    assert milestone["needs_update"] is True
    assert milestone["due_since_last_round"] is True
    before = template_context(plan, date(2026, 6, 30))["milestones"][0]
    assert before["passed"] is False and before["state"] == "upcoming" and before["needs_update"] is False


def test_deadlines_in_date_order_with_states(plan: Plan) -> None:
    deadlines = template_context(plan, TODAY)["deadlines"]
    assert [(d["date"], d["kind"], d["ref"], d["state"]) for d in deadlines] == [
        ("2024-11-22", "round", "initial", "done"),
        ("2025-03-27", "recommendation", "7", "passed"),
        ("2025-03-27", "recommendation", "25", "passed"),
        ("2025-03-27", "round", "march-2025", "done"),
        ("2026-Q2", "milestone", "25.1", "passed"),
    ]
    assert [d["needs_update"] for d in deadlines] == [False, False, False, False, True]


def test_measures_have_percent_and_age(plan: Plan) -> None:
    (measure,) = template_context(plan, TODAY)["items"][2]["measures"]
    assert measure["percent"] == 75
    assert measure["age_days"] == (TODAY - date(2025, 12, 31)).days


def test_movements_name_the_item_and_both_statuses(plan: Plan) -> None:
    moves = template_context(plan, TODAY)["movements"]
    assert [(m["id"], m["before"], m["after"]) for m in moves] == [
        ("7.1", "in-progress", "blocked"),
        ("25.1", None, "in-progress"),
    ]


def test_next_round_is_the_declared_one_with_days_left(minimal_text: str) -> None:
    plan = with_next_round(minimal_text)
    following = template_context(plan, TODAY)["next_round"]
    assert following["title"] == "March 2027 Update"
    assert following["declared"] is True and following["reported"] is False
    assert following["days_left"] == 119 and following["due_text"] == "119 days left"


def test_no_next_round_declared_is_none(plan: Plan) -> None:
    assert template_context(plan, TODAY)["next_round"] is None


def test_real_plan_context_matches_the_plan(real_plan: Plan) -> None:
    context = template_context(real_plan, TODAY)
    assert len(context["items"]) == len(real_plan.items)
    open_ids = {d["id"] for d in context["dependencies"]}
    assert {"minerva-niche", "college-stalking-app", "nutshell-replacement"} <= open_ids
    june = [m for m in context["milestones"] if m["date"] == "2026-06-26"]
    assert june and all(m["state"] == "passed" for m in june)
    stale = {item["id"]: item for item in context["stale"]}
    assert {"7.1", "22.1"} <= set(stale)
    assert stale["7.1"]["stale_since"] == "march-2025"
    assert stale["7.1"]["stale_since_title"] == "March 2025 Update"
    assert context["stale_assessed"] is True


def test_round_counts_are_each_rounds_status_counts(plan: Plan) -> None:
    rows = template_context(plan, TODAY)["round_counts"]
    assert [(row["round"]["title"], row["updated"]) for row in rows] == [
        ("Initial Action Plan Response", 2),
        ("March 2025 Update", 2),
    ]
    assert [cell["status"] for cell in rows[0]["counts"]][:2] == ["not-started", "in-progress"]
    assert sum(cell["count"] for cell in rows[-1]["counts"]) == 3
