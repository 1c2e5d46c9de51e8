"""Every layout forces publish imports word for word, without the site's chrome, leads and rounds taken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from plan_cli.plan.model import Plan, Status
from plan_cli.reading.loader import parse_plan

from ..cli.runner import run

IMPORT = Path(__file__).parent.parent / "fixtures" / "import"
LABEL = re.compile(r"^(?:[A-Z][a-z]+ \d{4} update)?\s*[-:\u2013]\s*")  # a round label is structure
LAYOUTS = [*sorted(IMPORT.glob("layout-*.html")), IMPORT / "template-chrome.html"]


def imported(tmp_path: Path, source: Path, *extra: str) -> tuple[Plan, str]:
    """Import ``source`` with the CLI, check the result with plan check, and return the plan and its text."""
    target = tmp_path / "plan.yaml"
    code, _out, err = run("import", str(source), "--output", str(target), *extra)
    assert code == 0, err
    code, out, err = run("check", "--plan", str(target))
    assert code == 0, out + err
    text = target.read_text(encoding="utf-8")
    return parse_plan(text, str(target)).plan, text


def plan_words(plan: Plan) -> str:
    """Every text the plan holds, on one line with single spaces."""
    found = [
        plan.title,
        plan.force,
        plan.responds_to or "",
        plan.executive_lead or "",
        plan.operational_lead or "",
    ]
    for rec in plan.recommendations:
        found.append(rec.text)
        for item in rec.items:
            found += [item.evidence or "", item.owner or ""]
            for update in item.updates:
                found.append(update.text or "")
                found += [f"{part.label} {part.text}" for part in update.parts]
                found += [document.text for document in update.supporting]
    found += [rec.owner for rec in plan.recommendations]
    return " ".join(" ".join(found).split())


def page_sentences(source: Path, role: str | None) -> list[str]:
    """The sentences of the page's body: those inside elements marked ``data-test=role``, or else every
    sentence outside chrome and headings (marked in the fixture, never read by the importer)."""
    tree = LexborHTMLParser(source.read_text(encoding="utf-8"))
    marked = tree.css("[data-test]")
    inside = [n for n in marked if n.attributes.get("data-test") == role]
    if role is None:
        for node in marked:
            node.decompose()
        inside = [tree.body] if tree.body is not None else []
    found: list[str] = []
    for node in inside:
        for text in node.traverse(include_text=True):
            if text.tag == "-text":
                words = LABEL.sub("", " ".join((text.text_content or "").split()))
                found += [s for s in re.split(r"(?<=[.;])\s+", words) if len(s) > 12]
    return found


@pytest.mark.parametrize("source", LAYOUTS, ids=lambda p: p.stem)
def test_each_layout_imports_every_published_sentence_and_no_chrome(source: Path, tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, source)
    words = plan_words(plan)
    missing = [s for s in page_sentences(source, None) if s not in words]
    assert missing == [], words
    chrome = [s for s in page_sentences(source, "chrome") if s in words]
    assert chrome == []


def test_the_template_page_takes_title_leads_and_the_force_from_the_page(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "template-chrome.html")
    assert plan.title == "Stalking Action Plan March 2026"
    assert plan.force == "Northshire Police"
    assert plan.executive_lead == "ACC Sam Reed (Local Policing)"
    assert plan.operational_lead == "Det Supt Ali Khan"
    assert "Leave this site" not in text and "cookies" not in text


def test_inline_round_labels_in_every_form_become_rounds_in_date_order(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "template-chrome.html")
    assert [r.id for r in plan.rounds] == ["initial", "march-2025", "march-2026"]
    for item_id, initial, march_2025 in (
        ("7.1", "A change to the records system has been asked of the supplier.", "The change request"),
        ("7.2", "A keyword is added to each stalking record.", "The keyword is audited every month."),
        ("25.1", "A review of orders has begun.", "The review found eleven cases to revisit."),
    ):
        item = plan.item(item_id)
        assert item is not None
        first, second = item.update_for("initial"), item.update_for("march-2025")
        assert first is not None and first.text == initial
        assert second is not None and second.text is not None and second.text.startswith(march_2025)
    assert text.count('the label "March 2025 update" is glued to the text before it') == 1


def test_bullets_of_an_update_stay_bullets(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "template-chrome.html")
    item = plan.item("7.1")
    update = item.update_for("march-2026") if item is not None else None
    assert update is not None
    assert update.text == (
        "The change is live.\n\n- Officers were briefed in January.\n- A search guide is on the intranet."
    )


def test_an_item_whose_row_names_another_owner_gets_its_own(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "template-chrome.html")
    rec = plan.recommendation(25)
    assert rec is not None and rec.owner == "PCCs"
    first, second = rec.items
    assert not first.owner_overridden
    assert second.owner_overridden
    assert second.owner == "Chief Constables" and second.owners == ("Chief Constables",)


def test_a_table_without_evidence_gives_each_recommendation_one_item_for_its_response(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-no-evidence.html")
    assert [(r.id, r.title) for r in plan.rounds] == [
        ("initial", "Initial Constabulary Response 21st November 2024")
    ]
    assert [[i.id for i in r.items] for r in plan.recommendations] == [["7.1"], ["10.1"]]
    item = plan.item("7.1")
    assert item is not None and item.evidence is None
    assert text.count("one response per recommendation and no evidence items; one item for it") == 2


def test_an_undated_update_heading_with_item_numbers_in_the_response_and_an_action_column(
    tmp_path: Path,
) -> None:
    plan, _text = imported(tmp_path, IMPORT / "layout-dateless-update.html")
    assert [(r.id, r.title) for r in plan.rounds] == [("update", "Force Update")]
    assert plan.executive_lead == "Commander Pat Oduya"
    assert [i.id for i in plan.items] == ["7.1", "7.2", "23.1"]
    item = plan.item("7.2")
    update = item.update_for("update") if item is not None else None
    assert update is not None and update.text == (
        "Interim searches are run weekly by the analysts.\n\n"
        "ACTION: Stop the interim searches once the audit is clean."
    )


def test_one_table_per_recommendation_takes_its_text_from_above(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-table-per-recommendation.html")
    rec = plan.recommendation(10)
    assert (
        rec is not None
        and rec.text == "By 27 March 2025, review and update learning and training on stalking."
    )
    assert [i.id for i in plan.items] == ["7.1", "7.2", "10.1"]
    assert 'status: complete  # stated in the source: "Complete"' in text
    assert 'status: in-progress  # stated in the source: "Ongoing"' in text


def test_a_label_value_table_per_item_dates_its_update_and_states_its_status(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-label-value.html")
    assert [(r.id, r.title) for r in plan.rounds] == [("november-2024", "Force update Nov-24")]
    assert [i.id for i in plan.items] == ["7.1", "7.2"]
    assert 'status: complete  # stated in the source: "Action complete"' in text
    second = plan.item("7.2")
    assert second is not None and second.owner == "Head of Crime Bureau" and second.owner_overridden


def test_sections_per_theme_with_labelled_item_lines(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-labelled-lines.html")
    assert plan.title == "Our stalking action plan"
    assert plan.operational_lead == "Detective Superintendent Jo Brand"
    assert [(r.id, r.title) for r in plan.rounds] == [("initial", "Our current process")]
    assert [i.id for i in plan.items] == ["7.1", "7.2", "10.1"]
    first = plan.item("7.1")
    assert first is not None and first.evidence == (
        "Processes make sure the system capability is used by officers and staff."
    )
    assert "gives one response for all its items; it is kept on its first item" in text


def test_a_page_without_a_plan_says_what_it_saw_and_what_it_looked_for(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(
        "<html><body><p>Our plan is coming soon.</p><table><tr><td>Opening hours</td><td>9-5</td></tr>"
        "</table></body></html>"
    )
    code, out, err = run("import", str(source), "--force-name", "Northshire Police")
    assert code == 1 and out == ""
    assert "it has 1 tables (table 1 (1 rows, first row: Opening hours | 9-5))" in err
    assert "Looked for: a table whose heading row names a recommendation" in err
    assert (
        "lines labelled with item numbers" in err and "accordion summaries naming 'Recommendation 7'" in err
    )


def test_supporting_documents_are_kept_on_their_update_with_their_links(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "layout-label-value.html")
    item = plan.item("7.1")
    update = item.update_for("november-2024") if item is not None else None
    assert update is not None
    assert [(d.text, d.url) for d in update.supporting] == [
        ("Crime recording guide for staff", "https://example.org/guide.pdf")
    ]
    assert "Crime recording guide" not in update.full_text


def test_a_page_saved_from_word_is_read_in_the_character_set_it_declares(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "word-saved-page.html")
    first = plan.item("20.1")
    initial = first.update_for("initial") if first is not None else None
    assert initial is not None and initial.text == (
        "The force\u2019s problem profile will include online stalking.\n\n"
        "The analyst team has been briefed on \u201ccyber-enabled\u201d stalking."
    )
    assert "\u00c2" not in text and "\ufffd" not in text


def test_a_word_pages_item_column_headed_ref_is_the_item_column_not_a_shifted_heading(
    tmp_path: Path,
) -> None:
    plan, text = imported(tmp_path, IMPORT / "word-saved-page.html")
    assert [i.id for i in plan.items] == ["20.1", "20.2"]
    assert "sit one column left" not in text and "fused" not in text
    second = plan.item("20.2")
    assert second is not None and second.evidence == (
        "Examples of online stalking are included in locally produced training and guidance material "
        "about stalking."
    )
    update = second.update_for("june-2025")
    assert update is not None and update.text == "New e-learning includes two online case studies."


def test_a_word_list_paragraphs_drawn_bullet_becomes_a_list_line(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "word-saved-page.html")
    item = plan.item("20.2")
    update = item.update_for("initial") if item is not None else None
    assert update is not None
    assert update.text == "- Training material is being reviewed.\n\n- Victims\u2019 voices will be added."


def test_a_second_heading_row_under_spanning_headings_names_the_columns(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-two-heading-rows.html")
    assert [(r.id, r.title) for r in plan.rounds] == [
        ("initial", "Initial response"),
        ("october-2025", "Update \u2013 October 2025"),
        ("q3-update", "Q3 Update"),
    ]
    assert [i.id for i in plan.items] == ["12.2", "12.3"]
    first = plan.item("12.2")
    q3 = first.update_for("q3-update") if first is not None else None
    assert q3 is not None and q3.text == "Dip sampling shows the policy is followed in 9 of 10 cases."
    second = plan.item("12.3")
    assert second is not None and second.owner == "PFCC" and second.update_for("q3-update") is None
    assert "a second row of sub-headings (Ref | Requirement | Update \u2013 October 2025 | Q3 Update)" in text


def test_a_response_cell_spanning_two_items_rows_is_kept_once_and_noted_on_both(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-two-heading-rows.html")
    first, second = plan.item("12.2"), plan.item("12.3")
    initial = first.update_for("initial") if first is not None else None
    assert initial is not None and initial.text == "The DASH review has started for both."
    assert second is not None and second.update_for("initial") is None
    assert text.count("The DASH review has started for both.") == 1
    assert "this Initial response cell spans 2 rows in the source" in text
    assert "its Initial response is the cell of item 12.2 above, which spans this row" in text


@pytest.mark.parametrize("recommendations", [1, 2])
def test_accordion_cards_each_holding_a_table_of_items_under_a_recommendation_summary(
    recommendations: int, tmp_path: Path
) -> None:
    page = (IMPORT / "layout-accordion-tables.html").read_text(encoding="utf-8")
    if recommendations == 1:
        page = page[: page.index('<details>\n<summary data-test="heading">Recommendation 23')]
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    plan, _text = imported(tmp_path, source)
    assert [r.number for r in plan.recommendations] == [7, 23][:recommendations]
    rec = plan.recommendation(7)
    assert rec is not None and rec.text == (
        "By 27 March 2025, where required, seek changes to their crime recording systems so that crimes "
        "can be searched."
    )
    assert [i.id for i in rec.items] == ["7.1", "7.2"]


def test_response_columns_headed_status_update_position_review_or_a_date_in_figures(tmp_path: Path) -> None:
    plan, _text = imported(tmp_path, IMPORT / "layout-response-headings.html")
    assert [r.id for r in plan.rounds] == [
        "initial",
        "status-update",
        "october-2025",
        "december-2025",
        "spring-2026-review",
    ]
    item = plan.item("7.1")
    update = item.update_for("status-update") if item is not None else None
    assert (
        update is not None
        and update.status is Status.UNSTATED
        and update.text == ("The change is ongoing and the supplier has been chased twice since the summer.")
    )


def test_a_responsive_tables_cell_labels_and_screen_reader_text_are_not_the_cells_words(
    tmp_path: Path,
) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-responsive-table.html")
    rec = plan.recommendation(7)
    assert rec is not None and rec.text.startswith("By 27 March 2025, where required")
    assert rec.owner == "PFCC" and [i.id for i in rec.items] == ["7.1"]
    assert 'status: complete  # stated in the source: "Complete"' in text
    assert "numbered in order" not in text


def test_wrappers_named_like_chrome_around_the_content_do_not_hide_it(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-named-wrappers.html")
    assert plan.title == "Stalking super-complaint action plan"
    assert plan.executive_lead == "ACC Priya Raman"
    assert "101 or 999" not in text and "cookies" not in text and "Riverside Road" not in text


def test_a_summary_table_above_the_plan_is_passed_over_without_asking_for_table(tmp_path: Path) -> None:
    plan, text = imported(tmp_path, IMPORT / "layout-summary-and-plan.html")
    assert [i.id for i in plan.items] == ["7.1"]
    assert "(HTML, table 2)" in text
