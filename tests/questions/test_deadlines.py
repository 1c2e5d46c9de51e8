"""Deadlines in date order, their states, and milestones that need an update."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.questions.deadlines import Kind, State, deadline_record, deadlines, for_owner
from plan_cli.reading.loader import parse_plan

from ..conftest import TODAY
from ..factories import dependency, item, milestone, plan, update


def states(p, today):
    return {(e.kind, e.ref, e.when.text): e for e in deadlines(p, today)}


def test_every_kind_is_listed_in_date_order() -> None:
    p = plan(
        item("10.1", update("march-2025"), milestones=(milestone("2026-Q2"),), depends_on=("stra",)),
        dependencies=(dependency("stra", expected="Spring 2026"), dependency("later")),
        deadlines={10: date(2025, 3, 27)},
    )
    entries = deadlines(p, TODAY)
    assert [(e.kind, e.when.text) for e in entries] == [
        (Kind.ROUND, "2024-11-22"),
        (Kind.RECOMMENDATION, "2025-03-27"),
        (Kind.ROUND, "2025-03-27"),
        (Kind.ROUND, "2026-04-06"),
        (Kind.DEPENDENCY, "Spring 2026"),
        (Kind.MILESTONE, "2026-Q2"),
    ]  # the dependency expected at an unknown date has no place in date order


def test_round_is_done_once_reported_else_passed_or_upcoming() -> None:
    p = plan(item("7.1", update("march-2025")))
    found = states(p, date(2026, 4, 7))
    assert found[(Kind.ROUND, "march-2025", "2025-03-27")].state is State.DONE
    # the initial round had no answer, but the plan has moved on past it to march-2025
    assert found[(Kind.ROUND, "initial", "2024-11-22")].state is State.DONE
    assert states(p, date(2026, 4, 6))[(Kind.ROUND, "march-2026", "2026-04-06")].state is State.UPCOMING
    assert found[(Kind.ROUND, "march-2026", "2026-04-06")].state is State.PASSED


def test_recommendation_is_done_when_every_item_is() -> None:
    done = plan(item("27.1", update("initial", status="complete")), deadlines={27: date(2024, 11, 22)})
    open_ = plan(item("7.1", update("initial")), deadlines={7: date(2025, 3, 27)})
    assert deadlines(done, TODAY)[0].state is State.DONE
    assert [e.state for e in deadlines(open_, TODAY) if e.kind is Kind.RECOMMENDATION] == [State.PASSED]


def test_resolved_dependency_is_done() -> None:
    p = plan(
        item("7.1", update("initial")), dependencies=(dependency("x", status="resolved", expected="2025-06"),)
    )
    assert [e.state for e in deadlines(p, TODAY) if e.kind is Kind.DEPENDENCY] == [State.DONE]


@pytest.mark.parametrize(
    ("when", "today", "state"),
    [
        ("2026-Q2", date(2026, 6, 30), State.UPCOMING),
        ("2026-Q2", date(2026, 7, 1), State.PASSED),
        ("Spring 2026", date(2026, 5, 31), State.UPCOMING),
        ("Spring 2026", date(2026, 6, 1), State.PASSED),
        ("Winter 2025", date(2026, 2, 28), State.UPCOMING),
        ("Winter 2025", date(2026, 3, 1), State.PASSED),
        ("2026-06-26", date(2026, 6, 26), State.UPCOMING),
        ("2026-06-26", date(2026, 6, 27), State.PASSED),
    ],
)
def test_milestone_passes_only_after_its_whole_period(when: str, today: date, state: State) -> None:
    p = plan(item("10.3", update("march-2026"), milestones=(milestone(when, raised="march-2026"),)))
    entry = next(e for e in deadlines(p, today) if e.kind is Kind.MILESTONE)
    assert entry.state is state
    assert entry.needs_update is (state is State.PASSED)


def test_passed_milestone_with_a_later_update_needs_none() -> None:
    reported = plan(
        item(
            "10.1",
            update("march-2025"),
            update("march-2026"),
            milestones=(milestone("2025-04", raised="march-2025"),),
        )
    )
    silent = plan(item("10.1", update("march-2025"), milestones=(milestone("2025-04", raised="march-2025"),)))
    assert next(e for e in deadlines(reported, TODAY) if e.kind is Kind.MILESTONE).needs_update is False
    assert next(e for e in deadlines(silent, TODAY) if e.kind is Kind.MILESTONE).needs_update is True


def test_done_milestone_needs_no_update() -> None:
    p = plan(item("10.1", update("march-2025"), milestones=(milestone("2025-04", done=True),)))
    entry = next(e for e in deadlines(p, TODAY) if e.kind is Kind.MILESTONE)
    assert (entry.state, entry.needs_update) == (State.DONE, False)


def test_record_fields() -> None:
    p = plan(item("10.3", update("march-2026"), milestones=(milestone("2026-06-26", raised="march-2026"),)))
    record = deadline_record(next(e for e in deadlines(p, TODAY) if e.kind is Kind.MILESTONE))
    assert record == {
        "date": "2026-06-26",
        "start": date(2026, 6, 26),
        "end": date(2026, 6, 26),
        "kind": "milestone",
        "ref": "10.3",
        "text": "Promised for 2026-06-26.",
        "state": "passed",
        "needs_update": True,
        "owners": ["Chief Constables"],
        "items": ["10.3"],
    }


def test_each_entry_names_its_owners_and_items(minimal_text: str) -> None:
    p = parse_plan(minimal_text, "plan.yaml").plan
    entries = {(e.kind, e.ref): e for e in deadlines(p, TODAY)}
    rec = entries[(Kind.RECOMMENDATION, "25")]
    assert rec.owners == ("Chief Constables", "Police and Crime Commissioners")
    assert rec.items == ("25.1",)
    assert entries[(Kind.MILESTONE, "25.1")].owners == rec.owners
    assert entries[(Kind.ROUND, "initial")].owners == ()


def test_dependency_belongs_to_the_owners_of_the_items_it_blocks() -> None:
    p = plan(
        item("10.1", update("march-2025"), depends_on=("stra",)),
        item("11.1", update("march-2025")),
        dependencies=(dependency("stra", expected="Spring 2026"),),
    )
    entry = next(e for e in deadlines(p, TODAY) if e.kind is Kind.DEPENDENCY)
    assert (entry.owners, entry.items) == (("Chief Constables",), ("10.1",))


def test_owner_filter_keeps_their_entries_and_every_round(minimal_text: str) -> None:
    p = parse_plan(minimal_text, "plan.yaml").plan
    everything = deadlines(p, TODAY)
    pccs = for_owner(p, everything, "pccs")
    assert {(e.kind, e.ref) for e in pccs} == {
        (Kind.ROUND, "initial"),
        (Kind.ROUND, "march-2025"),
        (Kind.RECOMMENDATION, "25"),
        (Kind.MILESTONE, "25.1"),
    }
    assert (Kind.RECOMMENDATION, "7") in {(e.kind, e.ref) for e in for_owner(p, everything, "CCs")}


def test_owner_filter_refuses_an_unknown_owner(minimal_text: str) -> None:
    p = parse_plan(minimal_text, "plan.yaml").plan
    with pytest.raises(UsageError, match="owners are: Chief Constables"):
        for_owner(p, deadlines(p, TODAY), "Home Office")


def test_real_plan_refresher_training_has_passed(real_plan) -> None:
    june = [
        e for e in deadlines(real_plan, TODAY) if e.kind is Kind.MILESTONE and e.when.text == "2026-06-26"
    ]
    assert june and all(e.state is State.PASSED for e in june)
    assert any("Annual refresher training" in e.text for e in june)
