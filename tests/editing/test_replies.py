"""Reading filled-in drafts: the markers survive ordinary editing, and every bad reply is located."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_cli.basics.controls import first_control
from plan_cli.documents.filters import markdown_text
from plan_cli.editing.replies import (
    as_drafted,
    identity_line,
    join_lines,
    parse_draft,
    parse_status,
    plan_key,
    unescape_markdown,
)
from plan_cli.editing.reply_checks import check_replies, reply_matches
from plan_cli.plan.model import Status

IDENTITY = identity_line("northumbria-police", "march-2027")


def form(*sections: str, identity: str = IDENTITY) -> str:
    return "# March 2027 Update: draft\n\n" + identity + "\n\n" + "\n".join(sections)


def section(item_id: str, status: str = "", text: str = "") -> str:
    body = f"{text}\n\n" if text else ""
    return (
        f"### {item_id} · In progress\n\n**Reply for {item_id}**\n\nStatus ({item_id}):{' ' + status if status else ''}\n\n"
        f"Text ({item_id}), below this line:\n\n{body}End of text ({item_id})\n"
    )


def test_a_filled_form_reads_back() -> None:
    read = parse_draft(form(section("7.1", "in progress", "Work goes on."), section("7.2")), "a.md")
    assert read.problems == ()
    assert (read.plan_key, read.round_id) == ("northumbria-police", "march-2027")
    assert [(r.item_id, r.status, r.text, r.line) for r in read.replies] == [
        ("7.1", Status.IN_PROGRESS, "Work goes on.", 9)
    ]
    assert read.unfilled == ("7.2",)


def test_ordinary_editing_keeps_the_reply() -> None:
    typed = (
        "### 7.1\n\n**Status (7.1):**   In Progress  \r\n\r\n\r\n"
        "> Text (7.1), below this line:\r\n"
        "We rolled out the\r\ntraining in June\r\n   to 75% of staff.\r\n\r\n\r\n\r\n"
        "Next: a refresher.\r\n"
        "- first\r\n- second\r\n"
        "END OF TEXT (7.1)\r\n\r\n"
        "Kind regards,\r\nA. Owner\r\nChief Constable's office\r\n"
    )
    read = parse_draft(form(typed), "a.md")
    assert read.problems == ()
    (reply,) = read.replies
    assert reply.status is Status.IN_PROGRESS
    assert (
        reply.text
        == "We rolled out the training in June to 75% of staff.\n\nNext: a refresher.\n- first\n- second"
    )


@pytest.mark.parametrize(
    ("written", "status"),
    [("complete", Status.COMPLETE), ("Not started", Status.NOT_STARTED), ("IN_PROGRESS", Status.IN_PROGRESS),
     ("blocked.", Status.BLOCKED), ("**superseded**", Status.SUPERSEDED), ("done", Status.COMPLETE), ("Ongoing", Status.IN_PROGRESS),
     ("not yet started", Status.NOT_STARTED), ("amber", None), ("unstated", None), ("", None)],
)  # fmt: skip
def test_status_words(written: str, status: Status | None) -> None:
    assert parse_status(written) is status


@pytest.mark.parametrize(
    ("sections", "message", "line"),
    [
        ((section("7.1", "purple", "Text."),), "'purple' is not a status; write one of: not started", 9),
        ((section("7.1", "amber", "Text."),), "'amber' could mean 'in progress' or 'blocked'", 9),
        ((section("7.1", "compelte", "Text."),), "did you mean 'complete'?", 9),
        ((section("7.1", "complete"),), "a status but no text", 9),
        ((section("7.1", "", "Text."),), "a text but no status", 9),
    ],
)
def test_malformed_replies_are_located(sections: tuple[str, ...], message: str, line: int) -> None:
    read = parse_draft(form(*sections), "a.md")
    assert read.replies == ()
    (problem,) = read.problems
    assert message in problem.message
    assert (problem.path, problem.line, problem.field) == ("a.md", line, "item 7.1")
    assert str(problem).startswith(f"a.md:{line}: item 7.1: ")


def test_a_text_never_closed_is_a_problem() -> None:
    text = form(section("7.1", "complete", "Done.").replace("End of text (7.1)\n", ""), section("7.2"))
    read = parse_draft(text, "a.md")
    assert any("End of text (7.1)" in p.message for p in read.problems)


def test_identity_line_is_found_and_required(real_plan) -> None:
    read = parse_draft(form(section("7.1", "complete", "Done."), identity="no identity"), "a.md")
    checked = check_replies(real_plan, "march-2027", [read])
    assert checked.replies == ()
    assert "has no 'Reply form for plan" in checked.problems[0].message


def test_another_plan_or_round_is_refused(real_plan) -> None:
    other_plan = parse_draft(
        form(section("7.1", "complete", "Done."), identity=identity_line("kent-police", "march-2027")), "k.md"
    )
    other_round = parse_draft(
        form(section("7.1", "complete", "Done."), identity=identity_line(plan_key(real_plan), "march-2026")),
        "r.md",
    )
    checked = check_replies(real_plan, "march-2027", [other_plan, other_round])
    assert checked.replies == ()
    assert [(p.path, p.line) for p in checked.problems] == [("k.md", 3), ("r.md", 3)]
    assert (
        "made for the plan 'kent-police', not this one ('northumbria-police'); apply it to that plan's file"
        in checked.problems[0].message
    )
    assert (
        "made for the round march-2026, but the round being answered is march-2027; "
        "make this round's draft with plan draft" in checked.problems[1].message
    )


def test_unknown_items_and_conflicting_answers(real_plan) -> None:
    a = parse_draft(form(section("7.1", "complete", "Done."), section("99.1", "complete", "X.")), "a.md")
    b = parse_draft(form(section("7.1", "blocked", "Done."), section("7.2", "blocked", "Waiting.")), "b.md")
    same = parse_draft(form(section("7.2", "blocked", "Waiting.")), "c.md")
    checked = check_replies(real_plan, "march-2027", [a, b, same])
    assert [r.item_id for r in checked.replies] == ["7.1", "7.2"]
    assert [str(p).split("\n")[0] for p in checked.problems] == [
        "a.md:21: item 99.1: there is no item 99.1 in the plan",
        "b.md:9: item 7.1: answered again with a different status than at a.md:9; pass --merge to keep "
        "both texts (in file order) or --prefer FILE to take one:",
    ]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=200))
def test_what_a_draft_escapes_reads_back(text: str) -> None:
    """A paragraph (one line) of plan text, as a draft prints it, reads back as it was."""
    assert unescape_markdown(markdown_text(text)) == text.strip()


@given(
    st.lists(st.text(alphabet="abcé:#-", min_size=1, max_size=8), min_size=1, max_size=12),
    st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_rewrapping_a_paragraph_does_not_change_it(words: list[str], breaks: list[bool]) -> None:
    paragraph = " ".join(words)
    wrapped = "".join(word + ("\n" if breaks[index] else " ") for index, word in enumerate(words))
    lines = [word for word in wrapped.split("\n")]
    assert (
        join_lines(lines) == paragraph
        or words[0].startswith("-")
        or any(line.strip().startswith("-") for line in lines[1:])
    )


def test_a_draft_sent_back_as_a_quoted_mail_reply_reads_back() -> None:
    quoted = "\n".join(
        ("> " + line) if line else ">"
        for line in form(section("7.1", "blocked", "Still\nwaiting.")).split("\n")
    )
    read = parse_draft("Thanks, see below.\n\n" + quoted + "\n", "reply.eml")
    assert read.problems == ()
    assert [(r.item_id, r.status, r.text) for r in read.replies] == [
        ("7.1", Status.BLOCKED, "Still waiting.")
    ]


def test_an_item_answered_twice_in_one_draft_is_a_conflict(real_plan) -> None:
    key = plan_key(real_plan)
    twice = parse_draft(
        form(
            section("7.1", "blocked", "Waiting."),
            section("7.1", "blocked", "Still waiting."),
            identity=identity_line(key, "march-2027"),
        ),
        "a.md",
    )
    checked = check_replies(real_plan, "march-2027", [twice])
    assert [str(p).split("\n")[0] for p in checked.problems] == [
        "a.md:21: item 7.1: answered again with a different text than at a.md:9; pass --merge to keep "
        "both texts (in file order) or --prefer FILE to take one:"
    ]


def test_a_rewrapped_identity_line_is_still_found() -> None:
    wrapped = IDENTITY.replace(", round ", ",\nround ").replace("Reply form for plan", "Reply form\nfor plan")
    read = parse_draft(form(section("7.1", "complete", "Done."), identity=wrapped), "a.md")
    assert (read.plan_key, read.round_id) == ("northumbria-police", "march-2027")


words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\u0085"
    ),
    min_size=1,
    max_size=12,
)
paragraph_texts = (
    st.lists(st.lists(words, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=3)
    .map("\n\n".join)
    .filter(lambda text: first_control(text) < 0)  # the loader refuses bidirectional controls
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraph_texts)
def test_a_reply_drafted_with_all_reads_back_exactly(text: str) -> None:
    """What the plan holds, drafted with --all and read back untouched, is the same text: apply is idempotent."""
    from datetime import date

    from plan_cli.documents.render import render_document
    from plan_cli.documents.template_context import template_context
    from plan_cli.editing.drafts import draft_context
    from plan_cli.editing.plan_edits import UpdateEdit, set_updates
    from plan_cli.reading.loader import parse_plan

    from ..conftest import PLAN_FILE

    edited = set_updates(
        PLAN_FILE.read_text(encoding="utf-8"), "march-2027", [UpdateEdit("7.1", Status.BLOCKED, text)]
    )
    plan = parse_plan(edited).plan
    today = date(2026, 11, 28)
    declared = plan.round("march-2027")
    context = draft_context(template_context(plan, today, declared), plan, today, declared, "ccs", True)
    read = parse_draft(render_document(context, "draft.md.j2"), "all.md", keep_signoffs=True)
    assert [p for p in read.problems if p.severity == "error"] == []
    (reply,) = [r for r in read.replies if r.item_id == "7.1"]
    assert (reply.status, as_drafted(reply.text)) == (Status.BLOCKED, text)
    item = plan.item("7.1")
    assert item is not None and reply_matches(item, "march-2027", reply) is True


def test_a_control_character_in_a_reply_is_located() -> None:
    read = parse_draft(form(section("7.1", "complete", "Done \x1b[2J now.")), "a.md")
    assert read.replies == ()
    (problem,) = read.problems
    assert str(problem).startswith("a.md:13: item 7.1: the text has the control character U+001B (ESC")
