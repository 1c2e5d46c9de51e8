"""Each warning rule of plan check, and where its warning points in the file."""

from __future__ import annotations

from datetime import date

from plan_cli.plan.model import Plan, Round
from plan_cli.questions.checks import (
    blocked_items_without_dependency,
    dangling_references,
    done_items_on_open_dependencies,
    outstanding_items_without_latest_text,
    title_names_another_round,
    unstated_statuses,
    unused_dependencies,
    warnings,
)
from plan_cli.questions.rounds import latest_round, looks_published
from plan_cli.reading.loader import parse_plan

from ..conftest import TODAY
from ..factories import dependency, item, parts_update, plan, update


def test_cited_item_missing_from_the_plan_is_warned_at_the_citing_text() -> None:
    p = plan(
        item("12.2", update("march-2026", "As outlined in rec 10.1-10.2. 12.1 addresses the risk.")),
        item("10.1", update("march-2026")),
    )
    found = dangling_references(p)
    assert [f.parts for f in found] == [
        ("recommendations", 0, "items", 0, "updates", "march-2026", "text")
    ] * 2
    assert (
        "item 12.2's March 2026 Update cites 10.2 (in '10.1-10.2'), which is not in the plan"
        in found[0].message
    )
    assert "cites 12.1," in found[1].message
    assert [(f.code, f.item, f.cites) for f in found] == [
        ("dangling-citation", "12.2", "10.2"),
        ("dangling-citation", "12.2", "12.1"),
    ]
    assert {f.severity for f in found} == {"warning"}


def test_labelled_parts_are_located_by_part() -> None:
    p = plan(
        item(
            "12.3",
            parts_update("initial", ("Context", "Fine."), ("Progress", "Outlined above (12.1 & 12.3).")),
        )
    )
    [found] = dangling_references(p)
    assert found.parts == ("recommendations", 0, "items", 0, "updates", "initial", "parts", 1, "text")


def test_a_missing_recommendation_is_dangling_unless_another_bodys() -> None:
    p = plan(
        item(
            "22.1",
            update(
                "march-2025",
                "Further consideration will follow the NPCC Leads response to Recommendation 21. "
                "The findings of Recommendation 9 are awaited.",
            ),
        )
    )
    [found] = dangling_references(p)
    assert "cites recommendation 9" in found.message


def test_a_missing_item_cited_twice_in_one_text_is_warned_once() -> None:
    p = plan(item("12.3", update("march-2026", "The risks are outlined in 12.1 and 12.2. See 12.1.")))
    assert [f.message.split(" cites ")[1].split(",")[0] for f in dangling_references(p)] == ["12.1", "12.2"]


def test_existing_references_and_repeats_are_quiet() -> None:
    p = plan(
        item("7.1", update("march-2026", "See 7.2. See 7.2 again, and recommendation 7.")),
        item("7.2", update("initial")),
    )
    assert dangling_references(p) == []


def test_complete_item_on_an_open_dependency() -> None:
    p = plan(
        item("7.2", update("march-2026", status="complete"), depends_on=("done-dep", "niche")),
        dependencies=(dependency("done-dep", status="resolved"), dependency("niche")),
    )
    [found] = done_items_on_open_dependencies(p)
    assert found.parts == ("recommendations", 0, "items", 0, "depends_on", 1)
    assert "item 7.2 is complete but depends on open dependency 'niche'" in found.message
    assert (found.code, found.item, found.cites) == ("done-on-open-dependency", "7.2", "niche")


def test_blocked_item_with_no_open_dependency() -> None:
    p = plan(
        item("14.3", update("march-2026", status="blocked"), depends_on=("old",)),
        item("14.4", update("march-2026", status="blocked"), depends_on=("nutshell",)),
        dependencies=(dependency("old", status="withdrawn"), dependency("nutshell")),
    )
    [found] = blocked_items_without_dependency(p)
    assert found.parts == ("recommendations", 0, "items", 0, "updates", "march-2026", "status")
    assert "item 14.3 is blocked but waits on no open dependency" in found.message
    assert (found.code, found.item) == ("blocked-without-dependency", "14.3")


def test_dependency_no_item_names() -> None:
    p = plan(
        item("7.1", update("initial"), depends_on=("used",)),
        dependencies=(dependency("used"), dependency("orphan")),
    )
    [found] = unused_dependencies(p)
    assert found.parts == ("dependencies", 1, "id")
    assert "'orphan' is named by no item" in found.message
    assert (found.code, found.item) == ("unused-dependency", "orphan")


def test_outstanding_item_with_no_text_in_the_latest_round() -> None:
    p = plan(
        item("7.1", update("march-2025"), update("march-2026")),
        item("7.2", update("march-2025")),
        item("7.3", update("march-2025", status="complete")),
        item("7.4", update("march-2026", "")),
    )
    # published without 7.2's answer: the latest round, with an item missing
    p = p._replace(rounds=(*p.rounds[:2], p.rounds[2]._replace(published=date(2026, 4, 10))))
    found = outstanding_items_without_latest_text(p, TODAY)
    assert [(f.parts, f.at_key) for f in found] == [
        (("recommendations", 0, "items", 1, "updates"), True),
        (("recommendations", 0, "items", 3, "updates", "march-2026"), True),
    ]
    assert "item 7.2 is outstanding but has no update in the March 2026 Update" in found[0].message
    assert (
        "published on 2026-04-10 without it: if it did answer the item, add that under updates: as march-2026:"
        in (found[0].message)
    )
    assert "else accept this warning under accepted:" in found[0].message
    assert [(f.code, f.item) for f in found] == [("no-latest-update", "7.2"), ("no-latest-update", "7.4")]


def test_a_clean_plan_has_no_warnings() -> None:
    p = plan(
        item("7.1", update("march-2026", status="blocked"), depends_on=("niche",)),
        dependencies=(dependency("niche"),),
    )
    assert warnings(p, TODAY) == []


def test_warnings_are_located_in_the_file(minimal_text: str) -> None:
    text = minimal_text.replace(
        "text: Funding has been extended.", "text: As per 12.1, funding has been extended."
    )
    loaded = parse_plan(text, "plan.yaml")
    problems = [loaded.source.problem(f) for f in warnings(loaded.plan, TODAY)]
    cited = [str(p) for p in problems if "12.1" in p.message]
    assert cited == [
        "plan.yaml:65:19: item 25.1, March 2025 Update, text: warning: item 25.1's "
        "March 2025 Update cites 12.1, which is not in the plan; check the reference against the published text [dangling-citation]"
    ]


def test_real_plan_warns_about_12_1(real_plan) -> None:
    messages = [f.message for f in warnings(real_plan, TODAY)]
    assert any(m.startswith("item 12.2's March 2026 Update cites 12.1,") for m in messages)
    assert any("cites 10.5 (in '10.1-10.5')" in m for m in messages)
    assert not any("recommendation 21" in m or "recommendation 6" in m for m in messages)


def test_each_item_with_unstated_statuses_is_warned_once_at_the_first() -> None:
    p = plan(
        item(
            "7.1",
            update("initial", status="unstated"),
            update("march-2025"),
            update("march-2026", status="unstated"),
        ),
        item("7.2", update("initial"), update("march-2025")),
    )
    found = unstated_statuses(p)
    assert [(f.parts, f.severity) for f in found] == [
        (("recommendations", 0, "items", 0, "updates", "initial", "status"), "warning")
    ]
    assert found[0].message.startswith(
        "item 7.1 needs a status for Initial Action Plan Response, March 2026 Update: the source stated none"
    )
    assert found[0] in warnings(p, TODAY)


def test_an_acceptance_without_cites_accepts_every_such_warning_of_its_item() -> None:
    from plan_cli.plan.model import Acceptance
    from plan_cli.questions.checks import accept

    p = plan(item("12.2", update("march-2026", "As outlined in rec 10.1-10.2. 12.1 addresses the risk.")))
    found = dangling_references(p)
    active, accepted = accept(
        p._replace(accepted=(Acceptance("dangling-citation", "12.2", "Checked."),)), found
    )
    assert len(found) == 3  # 10.1, 10.2 and 12.1
    assert active == [] and [reason for _, reason in accepted] == ["Checked."] * 3
    other = Acceptance("dangling-citation", "12.3", "Checked.")
    active, accepted = accept(p._replace(accepted=(other,)), found)
    assert accepted == [] and [f.code for f in active] == ["dangling-citation"] * 3 + ["accepted-not-found"]


# ---- a plan kept by hand: no published: dates -------------------------------------------------

HAND_KEPT_ROUNDS = (
    Round("initial", "Initial Action Plan Response", date(2024, 11, 22)),
    Round("september-2025", "September 2025 Update", date(2025, 9, 30)),
    Round("june-2026", "June 2026 Update", date(2026, 6, 30)),
)


def hand_kept_plan() -> Plan:
    """Twelve items; the June 2026 round, past due, answered for eleven; 9.1 first raised in June 2026."""
    answered = [
        item(f"7.{n}", update("initial"), update("september-2025"), update("june-2026")) for n in range(1, 11)
    ]
    return plan(
        *answered,
        item("8.1", update("initial"), update("september-2025")),
        item("9.1", update("june-2026")),
        rounds=HAND_KEPT_ROUNDS,
    )


def test_a_past_round_with_replies_looks_published_in_a_plan_kept_by_hand() -> None:
    kept = hand_kept_plan()
    today = date(2026, 11, 28)
    assert latest_round(kept, today) == HAND_KEPT_ROUNDS[2]
    assert looks_published(kept, today) == [HAND_KEPT_ROUNDS[2]]
    (finding,) = title_names_another_round(kept, today)
    assert finding.code == "round-looks-published"
    assert "11 of 12 items answered" in finding.message
    assert "plan round publish june-2026 --date YYYY-MM-DD" in finding.message
    assert "write (" not in finding.message


def test_an_item_raised_after_the_latest_round_is_not_asked_for_it() -> None:
    kept = hand_kept_plan()
    asked = {f.item for f in outstanding_items_without_latest_text(kept, date(2025, 12, 1))}
    assert "8.1" not in asked  # answered in September 2025
    assert "9.1" not in asked  # first raised in June 2026, after the September 2025 Update


def test_a_plan_that_records_publication_keeps_the_strict_rule() -> None:
    published = tuple(r._replace(published=r.due) if r.id != "june-2026" else r for r in HAND_KEPT_ROUNDS)
    kept = hand_kept_plan()
    strict = Plan(
        title=kept.title,
        force=kept.force,
        bodies=kept.bodies,
        rounds=published,
        recommendations=kept.recommendations,
        dependencies=kept.dependencies,
    )
    today = date(2026, 11, 28)
    assert looks_published(strict, today) == []
    assert latest_round(strict, today) == published[1]
