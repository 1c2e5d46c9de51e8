"""Rounds: where each stands (open, answered, published), which are done, what a draft is for, and the hint
for a next round by the plan's cadence."""

from __future__ import annotations

from datetime import date

import pytest

from plan_cli.basics.errors import RefusalError, UsageError
from plan_cli.plan.model import Plan, Round
from plan_cli.questions import rounds
from plan_cli.questions.cadence import likely_next_round, open_round_hint
from plan_cli.questions.rounds import RoundState, draft_round
from plan_cli.reading.loader import load_plan, parse_plan

from .. import factories
from ..conftest import FIXTURES, PLAN_FILE, TODAY, with_next_round
from ..factories import item, update

NEXT = Round("march-2026", "March 2026 Update", date(2026, 4, 6))


def test_latest_and_next_round(plan: Plan) -> None:
    latest = rounds.latest_round(plan, TODAY)
    assert latest is not None and latest.id == "march-2025"
    assert rounds.next_round(plan, TODAY) is None


def test_next_round_is_first_declared_round_after_the_latest(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2026\n    title: March 2026 Update\n    due: 2026-04-06\ndependencies:",
    )
    following = rounds.next_round(parse_plan(text).plan, TODAY)
    assert following is not None and following.title == "March 2026 Update"


def partly_answered() -> Plan:
    """March 2026 answered for 7.1 only, in a plan that records publication (the initial round's date)."""
    p = factories.plan(
        item("7.1", update("march-2025"), update("march-2026")),
        item("7.2", update("march-2025")),
        item("7.3", update("march-2025", status="complete")),
    )
    first, *rest = p.rounds
    return p._replace(rounds=(first._replace(published=first.due), *rest))


def test_a_round_asks_about_what_was_outstanding_when_it_opened() -> None:
    p = partly_answered()
    assert [i.id for i in rounds.asked_items(p, "march-2026")] == ["7.1", "7.2"]
    assert [i.id for i in rounds.unanswered_items(p, "march-2026")] == ["7.2"]
    assert rounds.round_state(p, "march-2026") is RoundState.OPEN and rounds.is_open(p, "march-2026")


def test_a_partly_answered_round_is_not_done_even_past_its_due_date() -> None:
    p = partly_answered()
    after_due = date(2026, 5, 1)
    assert [r.id for r in rounds.reported_rounds(p, after_due)] == ["initial", "march-2025"]
    assert rounds.next_round(p, after_due) == NEXT


def test_an_answered_round_is_done_once_due_or_published() -> None:
    p = factories.plan(
        item("7.1", update("march-2025"), update("march-2026")),
        item("7.3", update("march-2025", status="complete")),
    )
    assert rounds.round_state(p, "march-2026") is RoundState.ANSWERED
    assert "march-2026" not in rounds.reported_round_ids(p, date(2026, 4, 6))
    assert "march-2026" in rounds.reported_round_ids(p, date(2026, 4, 7))
    published = p._replace(rounds=(*p.rounds[:2], NEXT._replace(published=date(2026, 3, 1))))
    assert rounds.round_state(published, "march-2026") is RoundState.PUBLISHED
    assert "march-2026" in rounds.reported_round_ids(published, date(2026, 3, 2))


def test_a_round_the_plan_moved_on_from_is_done() -> None:
    p = factories.plan(item("7.1", update("initial")), item("7.2", update("initial"), update("march-2026")))
    # march-2025 never heard from 7.1 or 7.2, but march-2026 has updates: the record moved on
    assert "march-2025" in rounds.reported_round_ids(p, TODAY)
    # and in a plan kept by hand, march-2026, past due with an update, looks published
    assert rounds.rounds_since(p, "initial", TODAY) == 2
    assert rounds.looks_published(p, TODAY) == [p.rounds[2]]


def test_progress_per_owner_counts_joint_items_for_each_owner() -> None:
    p = factories.plan(
        item("7.1", update("march-2025"), update("march-2026")),
        item("25.1", update("march-2025"))._replace(
            owners=("Chief Constables", "Police and Crime Commissioners")
        ),
    )
    progress = rounds.round_progress(p, "march-2026")
    assert (progress.state, progress.answered, progress.asked) == (RoundState.OPEN, 1, 2)
    owners = {entry.owner: (entry.answered, entry.asked, entry.unanswered) for entry in progress.owners}
    assert owners["Chief Constables"] == (1, 2, ("25.1",))
    assert owners["Police and Crime Commissioners"] == (0, 1, ("25.1",))
    record = rounds.progress_record(progress, TODAY)
    assert record["state"] == "open" and record["owners"][1]["unanswered"] == ["25.1"]


@pytest.mark.parametrize(
    ("titles", "new", "expected"),
    [
        ((("march-2025", "March 2025 Update"),), "March 2027 Update", "march-2027"),
        ((("q1-2026", "Q1 2026 review"),), "Q2 2026 review", "q2-2026"),
        ((("q1-2026-review", "Q1 2026 review"),), "Q2 2026 review", "q2-2026-review"),
        ((("first", "First report"), ("second", "Second report")), "Third report", "third"),
        ((("initial", "Initial Action Plan Response"),), "Autumn 2027", "autumn-2027"),
    ],
)
def test_default_round_id_follows_the_plans_own_ids(
    titles: tuple[tuple[str, str], ...], new: str, expected: str
) -> None:
    p = factories.plan(item("7.1"))._replace(rounds=tuple(Round(i, t) for i, t in titles))
    assert rounds.default_round_id(p, new) == expected


def test_title_round_finds_the_bracketed_round(real_plan: Plan) -> None:
    named = rounds.title_round(real_plan)
    assert named is not None and named.id == "march-2026"


def test_draft_round_defaults_to_the_open_round(minimal_text: str) -> None:
    p = with_next_round(minimal_text)
    assert draft_round(p, None, TODAY) == Round("march-2027", "March 2027 Update", date(2027, 3, 27))
    assert draft_round(p, "march 2027 update", TODAY).id == "march-2027"


def test_draft_round_without_an_open_round_says_how_to_open_one(plan: Plan) -> None:
    # the plan's cadence: four months from its first round to its March 2025 Update
    with pytest.raises(RefusalError, match="plan round open 'July 2025 Update' --due 2025-07-27"):
        draft_round(plan, None, TODAY)


def test_draft_round_refuses_an_undeclared_or_published_round(plan: Plan) -> None:
    with pytest.raises(UsageError, match=r"no round 'March 2027 Update' is declared.*plan round open"):
        draft_round(plan, "March 2027 Update", TODAY)
    published = plan._replace(
        rounds=(*plan.rounds[:-1], plan.rounds[-1]._replace(published=date(2025, 4, 1)))
    )
    with pytest.raises(RefusalError, match="was published on 2025-04-01"):
        draft_round(published, "march-2025", TODAY)


def test_latest_reporting_round_counts_a_round_still_open() -> None:
    p = partly_answered()
    assert rounds.latest_reporting_round(p) == NEXT  # 7.1 answered in it, 7.2 not yet
    assert rounds.latest_round(p, date(2026, 5, 1)).id == "march-2025"
    assert rounds.lacks_latest_update(p.item("7.2"), NEXT) and not rounds.lacks_latest_update(
        p.item("7.1"), NEXT
    )


def test_the_next_round_follows_the_other_forces_six_monthly_cadence() -> None:
    plan = load_plan(FIXTURES / "other-force.yaml").plan
    assert likely_next_round(plan) == Round("apr-2027", "April 2027 Progress Review", date(2027, 4, 30))
    assert open_round_hint(plan) == "plan round open 'April 2027 Progress Review' --due 2027-04-30"


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
    assert open_round_hint(plan) == "plan round open TITLE --due YYYY-MM-DD"


def test_a_cadence_without_month_names_gives_only_the_due_date() -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    plain = (
        Round("initial", "First Response", date(2025, 1, 31)),
        Round("march-2025", "Second Response", date(2025, 7, 31)),
    )
    plan = parse_plan(text).plan._replace(rounds=plain)
    assert likely_next_round(plan) == Round("ID", "TITLE", date(2026, 1, 31))
    assert open_round_hint(plan) == "plan round open TITLE --due 2026-01-31"


def test_the_suggested_next_round_gets_the_id_the_plan_would_give_it() -> None:
    plan = load_plan(FIXTURES / "other-force.yaml").plan
    assert rounds.default_round_id(plan, "April 2027 Progress Review") == "apr-2027"
    assert rounds.default_round_id(plan, "May 2027 Progress Review") == "may-2027"
