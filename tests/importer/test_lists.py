"""plan_cli.importer.lists: plans published as sections, accordions, cards and definition lists."""

from __future__ import annotations

from pathlib import Path

from ..cli.runner import run
from .test_layouts import IMPORT, imported


def test_accordion_cards_with_item_headings_and_bold_owner_and_progress_labels(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-accordion.html")
    assert [(r.id, r.title) for r in plan.rounds] == [("update", "Progress")]
    assert [i.id for i in plan.items] == ["9.1", "9.2", "14.1"]
    first = plan.item("9.1")
    update = first.update_for("update") if first is not None else None
    assert first is not None and first.evidence == (
        "Referral pathways to specialist services are agreed with commissioners."
    )
    assert update is not None and update.text == (
        "A referral pathway was agreed with the commissioned service in June 2025.\n\n"
        "Referrals are made on the day the crime is recorded."
    )
    second = plan.item("9.2")
    assert second is not None and second.owner == "Head of Public Protection"
    listed = second.update_for("update")
    assert listed is not None and listed.text == (
        "Referral figures are reported to the quarterly performance board.\n\n"
        "Teams with low referral numbers are contacted."
    )
    assert plan.recommendations[0].owner == "PFCC"
    assert "kept on its first item" not in text
    rec = plan.recommendation(14)
    assert rec is not None and rec.text.startswith(
        "By 27 March 2025, take steps to make sure stalking victims"
    )


def test_item_lines_under_no_recommendation_heading_are_not_dropped_silently(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(
        "<html><head><title>Plan | Riverdale Police</title></head><body><h2>Our progress</h2>"
        "<h4>9.1</h4><p>Referral pathways are agreed.</p><p><strong>Progress:</strong> Agreed in June.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    code, _out, err = run("import", str(source), "--output", str(tmp_path / "plan.yaml"))
    assert code == 1 and "recommendation 9 first appears without its text; give it" in err


def test_a_definition_list_per_recommendation_gives_each_item_its_owner_and_rounds(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "layout-definition-list.html")
    assert [r.id for r in plan.rounds] == ["initial", "march-2025"]
    rec = plan.recommendation(13)
    assert rec is not None and rec.text.startswith("By 27 March 2025, take steps to make sure that force")
    first = plan.item("13.1")
    initial = first.update_for("initial") if first is not None else None
    assert initial is not None and initial.text == (
        "An SPO guide for supervisors is being written.\n\nLegal Services will review it."
    )
    second = plan.item("13.2")
    update = second.update_for("march-2025") if second is not None else None
    assert second is not None and second.owner == "Legal Services"
    assert update is not None and update.text == "Reviews continue; 31 SPOs were granted."


def test_cards_per_item_with_labelled_evidence_owner_status_and_dated_progress(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-cards.html")
    assert [(r.id, r.title) for r in plan.rounds] == [("october-2025", "Progress update (October 2025)")]
    first = plan.item("17.1")
    assert first is not None and first.evidence == (
        "Force policies should support the allocation of stalking cases to officers with the right skills "
        "and experience."
    )
    assert 'status: in-progress  # stated in the source: "Ongoing"' in text
    assert 'status: complete  # stated in the source: "Complete"' in text
    second = plan.item("28.1")
    assert second is not None and second.owner == "Corporate Communications"
    assert second.evidence == "The action plan is published on the force website."
    rec = plan.recommendation(28)
    assert rec is not None and rec.text.startswith("By 22 November 2024 (56 days from publication)")


def test_an_accordion_whose_headings_are_buttons_names_its_recommendations(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "layout-accordion-buttons.html")
    assert [r.number for r in plan.recommendations] == [14]
    item = plan.item("14.1")
    assert item is not None and item.owner == "Head of Public Protection"
    assert item.evidence == "Victim needs assessments are always completed"
    code, out, err = run(
        "import", str(IMPORT / "layout-accordion-buttons.html"), "--output", str(tmp_path / "b.yaml")
    )
    assert code == 0 and "Not imported: the columns 'Target date'" in out + err
