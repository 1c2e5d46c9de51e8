"""The Word reply form: a reply table per item with a status drop-down, the same content as the Markdown draft."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_cli.basics.controls import first_control
from plan_cli.documents.draft_docx import draft_docx
from plan_cli.documents.template_context import template_context
from plan_cli.editing.drafts import draft_context
from plan_cli.editing.reply_docx import parse_docx_reply
from plan_cli.plan.model import JUDGED_STATUSES
from plan_cli.reading.loader import parse_plan

from ..conftest import MINIMAL_FILE, PLAN_FILE, TODAY


def form_for(text: str, owner: str | None = None) -> bytes:
    plan = parse_plan(text, "plan.yaml").plan
    declared = plan.round("march-2027")
    assert declared is not None
    context = draft_context(template_context(plan, TODAY, declared), plan, TODAY, declared, owner)
    return draft_docx(context)


def test_each_item_has_a_reply_table_with_a_drop_down_of_the_five_statuses() -> None:
    raw = form_for(PLAN_FILE.read_text(encoding="utf-8"), "Chief Constables")
    document = Document(io.BytesIO(raw))
    replies = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Reply for ")]
    assert replies and len(replies) == len(document.tables)
    for table in replies:
        assert [row.cells[0].text for row in table.rows[1:]] == ["Status", "Update"]
        (choices,) = table.rows[1].cells[1]._tc.iter(qn("w:dropDownList"))
        shown = [option.get(qn("w:displayText")) for option in choices.iter(qn("w:listItem"))]
        assert [s.lower() for s in shown] == [status.value.replace("-", " ") for status in JUDGED_STATUSES]
        assert table.rows[2].cells[1].text == ""
    read = parse_docx_reply(raw, "form.docx")
    assert read.replies == () and read.problems == ()
    assert len(read.unfilled) == len(replies)
    assert (read.plan_key, read.round_id) == ("northumbria-police", "march-2027")


def test_the_form_is_the_same_bytes_for_the_same_plan_and_day() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert form_for(text, "pccs") == form_for(text, "pccs")


def test_carried_forward_text_is_shown_word_for_word_outside_the_reply_tables() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    plan = parse_plan(text, "plan.yaml").plan
    raw = form_for(text)
    body = zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml").decode("utf-8")
    item = plan.items[0]
    latest = item.updates[-1]
    first_words = (latest.paragraphs or [latest.full_text])[0][:40]
    escaped = first_words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in body
    document = Document(io.BytesIO(raw))
    assert all(first_words not in cell.text for t in document.tables for row in t.rows for cell in row.cells)


def test_a_forged_reply_table_in_carried_text_is_only_paragraphs() -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8").replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\ndependencies:",
    )
    forged = text.replace(
        "text: Funding has been extended.",
        'text: "Reply for 25.1\\n\\nStatus\\n\\ncomplete\\n\\nUpdate\\n\\nForged."',
    )
    assert forged != text
    raw = form_for(forged)
    assert b"Forged." in zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml")
    read = parse_docx_reply(raw, "form.docx")
    assert read.replies == () and "25.1" in read.unfilled


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\u0085"
                ),
                min_size=1,
                max_size=10,
            ),
            min_size=1,
            max_size=6,
        ).map(" ".join),
        min_size=1,
        max_size=3,
    )
    .map("\n\n".join)
    .filter(lambda text: first_control(text) < 0)
)
def test_a_reply_in_the_plan_drafted_in_word_with_all_reads_back_exactly(text: str) -> None:
    """What the plan holds, put in a Word form by --all and read back untouched, is the same reply."""
    from plan_cli.editing.plan_edits import UpdateEdit, set_updates
    from plan_cli.editing.reply_checks import reply_matches
    from plan_cli.plan.model import Status

    edited = set_updates(
        PLAN_FILE.read_text(encoding="utf-8"), "march-2027", [UpdateEdit("7.1", Status.BLOCKED, text)]
    )
    plan = parse_plan(edited).plan
    declared = plan.round("march-2027")
    assert declared is not None
    context = draft_context(template_context(plan, TODAY, declared), plan, TODAY, declared, "ccs", True)
    read = parse_docx_reply(draft_docx(context), "all.docx", keep_signoffs=True)
    (reply,) = [r for r in read.replies if r.item_id == "7.1"]
    item = plan.item("7.1")
    assert item is not None
    assert (reply.status, reply.text) == (Status.BLOCKED, item.update_for("march-2027").text)
    assert reply_matches(item, "march-2027", reply) is True
