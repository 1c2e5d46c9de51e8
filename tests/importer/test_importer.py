"""plan_cli.importer: published plans in every shape forces use come in word for word."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.basics.errors import SourceError
from plan_cli.importer import import_plan
from plan_cli.plan.model import Plan, Status
from plan_cli.reading.loader import load_plan, parse_plan

from ..conftest import PLAN_FILE

HERE = Path(__file__).parent.parent
SEED = HERE / "fixtures" / "seed" / "northumbria-stalking-action-plan-march-2026.txt"
IMPORT = HERE / "fixtures" / "import"


def imported(path: Path, force_name: str | None = None) -> tuple[Plan, str]:
    result = import_plan(path.read_bytes(), path.name, force_name)
    return parse_plan(result.text, "imported.yaml").plan, result.text


def record_differences(got: Plan, want: Plan) -> list[str]:
    """Every recommendation, evidence, owner and round text that differs, item by item and round by round."""
    out: list[str] = []

    def differ(where: str, a: object, b: object) -> None:
        if a != b:
            out.append(f"{where}: imported {a!r}, plan has {b!r}")

    differ(
        "recommendations", [r.number for r in got.recommendations], [r.number for r in want.recommendations]
    )
    for rec_got, rec_want in zip(got.recommendations, want.recommendations, strict=False):
        where = f"recommendation {rec_want.number}"
        differ(f"{where} text", rec_got.text, rec_want.text)
        differ(f"{where} owner", rec_got.owner, rec_want.owner)
        differ(f"{where} owners", rec_got.owners, rec_want.owners)
        differ(f"{where} items", [i.id for i in rec_got.items], [i.id for i in rec_want.items])
        for item_got, item_want in zip(rec_got.items, rec_want.items, strict=False):
            differ(f"{item_want.id} evidence", item_got.evidence, item_want.evidence)
            differ(f"{item_want.id} owner", item_got.owner, item_want.owner)
            differ(
                f"{item_want.id} rounds",
                [u.round for u in item_got.updates],
                [u.round for u in item_want.updates],
            )
            for update_got in item_got.updates:
                update_want = item_want.update_for(update_got.round)
                if update_want is not None:
                    differ(f"{item_want.id} {update_got.round} text", update_got.text, update_want.text)
                    differ(f"{item_want.id} {update_got.round} parts", update_got.parts, update_want.parts)
    return out


# ---- the published text (the seed) ---------------------------------------------------------


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_the_seed_imports_to_the_texts_of_data_plan_yaml() -> None:
    got, _ = imported(SEED)
    differences = record_differences(got, load_plan(PLAN_FILE).plan)
    assert differences == [], f"{len(differences)} differences:\n" + "\n".join(differences)


def test_the_comparison_lists_a_changed_text() -> None:
    got, text = imported(SEED)
    changed = parse_plan(text.replace("coronium raised", "consortium raised"), "changed.yaml").plan
    assert [d.split(":")[0] for d in record_differences(changed, got)] == ["18.2 initial parts"]


def test_the_seed_header_rounds_and_statuses() -> None:
    got, text = imported(SEED)
    assert got.title == "Police Stalking Action Plan (March 2026 Update)"
    assert got.force == "Northumbria Police"
    assert got.executive_lead == "ACC 7231 Alastair Simpson (Crime and Safeguarding)"
    assert [(r.id, r.title, r.due) for r in got.rounds] == [
        ("initial", "Initial Action Plan Response", None),
        ("march-2025", "March 2025 Update", None),
        ("march-2026", "March 2026 Update", None),
    ]
    assert all(u.status is Status.UNSTATED for i in got.items for u in i.updates)
    assert got.dependencies == () and all(not i.milestones and not i.measures for i in got.items)
    assert "# 97 updates say 'status: unstated'" in text


def test_the_seed_broken_rows_are_structured_with_source_comments() -> None:
    _, text = imported(SEED)
    assert text.count("# source: item id fused into the evidence cell") == 5
    assert '# source: item id fused into the evidence cell ("<p>12.2</p> <p>Having clear' in text
    assert "# source: cells shifted one column left" in text
    assert text.count('by its position (first of 2 paragraphs labelled "March 2026 Update")') == 2
    assert 'deadline: 2025-03-27  # source: the text lacks its leading "By"' in text
    assert (
        'no column of its own: its paragraphs are labelled "March 2025 Update" inside the column headed "March 2026 Update"'
        in text
    )


# ---- a force website's page ---------------------------------------------------------------


def test_a_force_website_page_imports_its_texts_and_rounds() -> None:
    got, _text = imported(IMPORT / "force-website.html")
    assert got.title == "Police Stalking Action Plan"
    assert got.responds_to is not None and got.responds_to.startswith("In response to the Super Complaint")
    assert got.force == "Wessex Constabulary"
    assert got.executive_lead == "ACC Jane Doe (Protecting Vulnerable People)"
    assert [(r.id, r.title) for r in got.rounds] == [
        ("initial", "Initial action plan response"),
        ("march-2025", "Update March 2025"),
        ("march-2026", "March 2026 Update"),
    ]
    assert [r.number for r in got.recommendations] == [7, 10]
    rec10 = got.recommendation(10)
    assert rec10 is not None
    assert "relating to stalking.  Chief constables" in rec10.text  # two spaces, as published
    assert rec10.owners == ("Chief Constables", "Police and Crime Commissioners")
    first = got.item("7.1")
    assert first is not None
    assert first.evidence == (
        "Processes should be put in place to make sure this system capability is effectively used by officers and staff."
    )
    initial = first.update_for("initial")
    assert initial is not None
    assert [(p.label, p.text) for p in initial.parts] == [
        ("Context", "Wessex records stalking on its own crime system & reviews it monthly."),
        ("Progress", "A search report has been\u00a0built."),
        ("Action", "Roll the report out to all teams."),
    ]
    march_2025 = first.update_for("march-2025")
    assert march_2025 is not None
    assert march_2025.text == "The report is live in two districts.\n\nThe rest follow in May."
    second = got.item("7.2")
    assert second is not None and [u.round for u in second.updates] == ["initial", "march-2026"]
    ten = got.item("10.1")
    assert ten is not None and ten.update_for("initial") is not None
    assert ten.updates[0].text == 'Training is being written for "Stalking & Harassment" \u2013 2025.'


def test_a_stated_status_is_used_with_a_comment_and_no_other_is_guessed() -> None:
    got, text = imported(IMPORT / "force-website.html")
    assert [(i.id, [u.status.value for u in i.updates]) for i in got.items] == [
        ("7.1", ["unstated", "unstated", "complete"]),
        ("7.2", ["unstated", "in-progress"]),
        ("10.1", ["unstated", "unstated", "unstated"]),
    ]
    assert 'status: complete  # stated in the source: "Action complete"' in text
    assert 'status: in-progress  # stated in the source: "Ongoing"' in text


# ---- a Hampshire-style table ------------------------------------------------------------------


def test_a_hampshire_style_table_imports_by_its_headings() -> None:
    got, _ = imported(IMPORT / "hampshire-style.html", "Hampshire and Isle of Wight Constabulary")
    assert [(r.id, r.title) for r in got.rounds] == [
        ("initial", "Initial action plan response"),
        ("march-2026", "March 2026 update"),
    ]
    assert [(r.number, str(r.deadline)) for r in got.recommendations] == [
        (7, "2025-03-27"),
        (23, "2025-03-27"),
    ]
    assert [i.id for i in got.items] == ["7.1", "7.2", "23.1"]
    item = got.item("7.2")
    assert item is not None
    assert item.evidence is not None and item.evidence.startswith("While any necessary system changes")
    assert item.owner == "Chief Constable" and item.owners == ("Chief Constables",)
    assert [(u.round, u.text) for u in item.updates] == [
        ("initial", "A flag is used meanwhile."),
        ("march-2026", "The flag is no longer needed."),
    ]
    last = got.item("23.1")
    assert last is not None and [u.round for u in last.updates] == ["initial"]


# ---- a Word document ------------------------------------------------------------------------


def word_document() -> bytes:
    document = docx.Document()
    document.add_heading("Stalking Action Plan", level=1)
    document.add_paragraph("Force: Mercia Police")
    table = document.add_table(rows=3, cols=6)
    headings = [
        "Rec. No.",
        "Recommendation",
        "Evidence requirements",
        "Owner",
        "Initial Response",
        "MARCH 2025 UPDATE",
    ]
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
    rows = [
        [
            "14",
            "By 27 March 2025, take steps to make sure stalking victims receive their rights.",
            "14.1 Victim needs assessments are always completed",
        ],
        ["", "", "14.2 Their force has appropriate processes."],
    ]
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value
        row.cells[3].text = "Chief Constables"
    initial = table.rows[1].cells[4].paragraphs[0]
    initial.add_run("Context").bold = True
    initial.add_run(" - The victims' code applies.")
    second = table.rows[1].cells[4].add_paragraph()
    second.add_run("Action").bold = True
    second.add_run(" - Audit the assessments.")
    table.rows[1].cells[5].text = "Audits began in January."
    table.rows[2].cells[4].text = "Processes are in place."
    table.rows[2].cells[5].text = "No change."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_document_imports_its_texts_and_rounds() -> None:
    result = import_plan(word_document(), "plan.docx")
    got = parse_plan(result.text, "imported.yaml").plan
    assert result.kind == "docx"
    assert got.force == "Mercia Police" and got.title == "Stalking Action Plan"
    assert [(r.id, r.title) for r in got.rounds] == [
        ("initial", "Initial Response"),
        ("march-2025", "MARCH 2025 UPDATE"),
    ]
    first = got.item("14.1")
    assert first is not None and first.evidence == "Victim needs assessments are always completed"
    initial = first.update_for("initial")
    assert initial is not None
    assert [(p.label, p.text) for p in initial.parts] == [
        ("Context", "The victims' code applies."),
        ("Action", "Audit the assessments."),
    ]
    second = got.item("14.2")
    assert second is not None and [(u.round, u.text) for u in second.updates] == [
        ("initial", "Processes are in place."),
        ("march-2025", "No change."),
    ]


# ---- any input: a plan or a SourceError, never a crash -----------------------------------------

CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "7.1",
            "<p></p>",
            "<b>Context</b> - x",
            "<b>March 2025 Update</b> -",
            "<strong>March 2026 update</strong> - y",
            "<p>12.2</p> <p>z</p>",
            "Action complete",
            "Chief Constables",
            "CCs, PCs and their mayor equivalents",
            "By 31/02/25 do it",
            "By 27 March 2025, do it.",
            "7",
            "12",
            "7.2 More evidence.",
            "<b>Progress</b> - a<p>b</p>",
            "<b>June 2027 Update</b> - late",
            "<td>",
            "</table>",
        ]
    ),
)
HEADING = st.sampled_from(
    [
        "Rec. No.",
        "Recommendation",
        "Evidence requirements",
        "Sub recommendation",
        "Owner",
        "Initial Action Plan Response",
        "March 2026 Update",
        "March 2025 update status",
        "Status",
        "Deadline",
        "Notes",
        "",
    ]
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A heading row with the columns a plan needs (and maybe others), and rows of plausible or odd cells."""
    needed = [
        "Rec. No.",
        "Recommendation",
        draw(st.sampled_from(["Evidence requirements", "Sub recommendation"])),
        draw(st.sampled_from(["Initial Action Plan Response", "March 2026 Update"])),
    ]
    headings = draw(st.permutations(needed + draw(st.lists(HEADING, max_size=4))))
    width = len(headings)
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        length = draw(st.sampled_from([width, width, width, width - 1, width + 1]))
        rows.append(draw(st.lists(CELL, min_size=max(length, 0), max_size=max(length, 0))))
    return headings, rows


@settings(max_examples=300, deadline=None)
@given(table=tables(), tabbed=st.booleans())
def test_any_table_imports_or_is_refused_with_a_source_error(
    table: tuple[list[str], list[list[str]]], tabbed: bool
) -> None:
    headings, rows = table
    if tabbed:
        data = "\n".join("\t".join(row) for row in [headings, *rows])
    else:
        data = (
            "<table>"
            + "".join(
                "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in [headings, *rows]
            )
            + "</table>"
        )
    try:
        result = import_plan(data.encode(), "source", "Test Police")
    except SourceError:
        return
    parse_plan(result.text, "imported.yaml")


def html_table(*rows: list[str]) -> bytes:
    return (
        "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    ).encode()


HEADINGS = ["Rec. No.", "Recommendation", "Evidence requirements", "Owner", "March 2026 Update"]


def test_a_cambridgeshire_style_label_before_the_evidence_is_structure() -> None:
    source = html_table(
        HEADINGS,
        [
            "7",
            "By 27 March 2025, do it.",
            "7.1 - Evidence requirements of progress/completion: Processes exist.",
            "CCs",
            "Done.",
        ],
    )
    result = import_plan(source, "page.html", "Test Police")
    item = parse_plan(result.text).plan.item("7.1")
    assert item is not None and item.evidence == "Processes exist."
    assert (
        '# source: the evidence text starts with the label "Evidence requirements of progress/completion:"'
        in result.text
    )


def test_a_round_label_that_contradicts_its_column_is_kept_and_commented() -> None:
    source = html_table(
        HEADINGS,
        ["7", "By 27 March 2025, do it.", "7.1 Evidence.", "CCs", "<b>June 2027 Update</b> - Later work."],
    )
    result = import_plan(source, "page.html", "Test Police")
    got = parse_plan(result.text).plan
    item = got.item("7.1")
    assert item is not None and [(u.round, u.text) for u in item.updates] == [("june-2027", "Later work.")]
    assert '# source: labelled "June 2027 Update" in the column headed "March 2026 Update"' in result.text


def test_an_item_in_another_recommendations_row_is_refused_at_its_line() -> None:
    source = (
        "\t".join(HEADINGS)
        + "\n"
        + "\t".join(["7", "By 27 March 2025, do it.", "8.1 Evidence.", "CCs", "Done."])
        + "\n"
    )
    with pytest.raises(SourceError, match=r"^plan.txt:2: item 8.1 is in the row of recommendation 7"):
        import_plan(source.encode(), "plan.txt", "Test Police")


def test_a_recommendation_without_owner_gets_the_templates_addressees_with_a_comment() -> None:
    source = html_table(HEADINGS, ["16", "By 27 March 2025, work together.", "16.1 Evidence.", "", "Done."])
    result = import_plan(source, "page.html", "Test Police")
    rec = parse_plan(result.text).plan.recommendation(16)
    assert rec is not None and rec.owner == "CCs, PCs and their mayor equivalents"
    assert "# source: no owner in the source; the template's addressees" in result.text


def test_paragraphs_of_a_recommendation_or_evidence_cell_are_kept() -> None:
    source = html_table(
        HEADINGS,
        ["7", "<p>By 27 March 2025, do it.</p><p>Also this.</p>", "7.1 First.<br>Second.", "CCs", "Done."],
    )
    got = parse_plan(import_plan(source, "page.html", "Test Police").text).plan
    rec = got.recommendation(7)
    item = got.item("7.1")
    assert rec is not None and rec.text == "By 27 March 2025, do it.\n\nAlso this."
    assert item is not None and item.evidence == "First.\n\nSecond."


def test_a_row_holding_only_a_note_is_kept_as_a_comment() -> None:
    source = html_table(
        HEADINGS,
        ["7", "By 27 March 2025, do it.", "7.1 Evidence.", "CCs", "Done."],
        ["Last updated 12 March 2026 by the Vulnerability Team", "", "", "", ""],
    )
    result = import_plan(source, "page.html", "Test Police")
    assert [i.id for i in parse_plan(result.text).plan.items] == ["7.1"]
    assert 'holds only "Last updated 12 March 2026 by the Vulnerability Team": a note' in result.text
