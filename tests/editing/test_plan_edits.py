"""Plan edits change only what they must, and write text that YAML reads back exactly."""

from __future__ import annotations

import difflib
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_cli.basics.controls import first_control
from plan_cli.editing.plan_edits import (
    UpdateEdit,
    add_round,
    publish_round,
    remove_update,
    set_update,
    set_updates,
    yaml_field,
    yaml_scalar,
)
from plan_cli.editing.plan_file import EditError, edit_plan, read_plan_for_edit, save_plan
from plan_cli.plan.model import Status
from plan_cli.reading.loader import parse_plan

from ..conftest import FIXTURES, PLAN_FILE

PLAN_TEXT = PLAN_FILE.read_text(encoding="utf-8")

# Text a person may type: colons, quotes, #, leading dashes, non-ASCII, long lines, paragraphs.
reply_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(":#-'\"{}[]!&*|>%@`,? é€😀\u00a0")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip() != "" and first_control(s) < 0)  # the loader refuses control characters


def only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, asserting nothing of ``before`` changed or went."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    added = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), "a line of the original was changed or dropped"
        if tag == "insert":
            added.extend(new[j1:j2])
    return added


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reply_text)
def test_any_text_reads_back_exactly_and_the_rest_stays(text: str) -> None:
    edited = set_updates(PLAN_TEXT, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, text)])
    update = parse_plan(edited).plan.item("7.1").update_for("march-2027")
    assert update is not None and update.text == text and update.status is Status.BLOCKED
    added = only_added(PLAN_TEXT, edited)
    assert added[:2] == ["          march-2027:\n", "            status: blocked\n"]


@given(st.text(min_size=1, max_size=200))
def test_yaml_scalar_reads_back(text: str) -> None:
    import yaml

    scalar = yaml_scalar(text)
    assert "\n" not in scalar
    assert yaml.safe_load("k: " + scalar) == {"k": text}


@given(reply_text)
def test_yaml_field_reads_back_at_any_indent(text: str) -> None:
    import yaml

    assert yaml.safe_load(yaml_field("text", text, 6, "\n")) == {"text": text}


def test_paragraphs_are_written_as_a_literal_block() -> None:
    edited = set_updates(PLAN_TEXT, "march-2027", [UpdateEdit("25.3", Status.COMPLETE, "One.\n\nTwo: done.")])
    assert only_added(PLAN_TEXT, edited)[2:] == [
        "            text: |-\n",
        "              One.\n",
        "\n",
        "              Two: done.\n",
    ]


def test_an_existing_update_is_kept_unless_replaced() -> None:
    first = set_updates(PLAN_TEXT, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, "Waiting.")])
    with pytest.raises(EditError, match=r"7\.1 already has an update for march-2027; pass --force"):
        set_updates(first, "march-2027", [UpdateEdit("7.1", Status.COMPLETE, "Done.")])
    second = set_updates(first, "march-2027", [UpdateEdit("7.1", Status.COMPLETE, "Done.", True)])
    changed = [
        pair for pair in zip(first.splitlines(), second.splitlines(), strict=True) if pair[0] != pair[1]
    ]
    assert changed == [
        ("            status: blocked", "            status: complete"),
        ("            text: Waiting.", "            text: Done."),
    ]


def test_replacing_a_published_update_keeps_its_comment() -> None:
    edited = set_updates(PLAN_TEXT, "march-2026", [UpdateEdit("7.1", Status.COMPLETE, "Done.", True)])
    assert (
        '            status: complete  # "at this time there remains no Minerva solution"'
        in edited.splitlines()
    )
    assert len(edited.splitlines()) == len(PLAN_TEXT.splitlines())


def test_parts_update_is_rewritten_whole_when_replaced() -> None:
    edited = set_updates(PLAN_TEXT, "initial", [UpdateEdit("7.1", Status.BLOCKED, "Now one text.", True)])
    update = parse_plan(edited).plan.item("7.1").update_for("initial")
    assert update is not None and update.text == "Now one text." and update.parts == ()


def test_first_update_replaces_empty_braces() -> None:
    text = PLAN_TEXT
    start = text.index('      - id: "7.2"')
    end = text.index("\n  # source: no 10.5 row")
    section = text[start:end]
    emptied = section[: section.index("        updates:")] + "        updates: {}  # no response yet\n"
    text = text[:start] + emptied + text[end + 1 :]
    edited = set_updates(text, "march-2027", [UpdateEdit("7.2", Status.IN_PROGRESS, "Started.")])
    assert "        updates:  # no response yet\n          march-2027:\n" in edited
    assert parse_plan(edited).plan.item("7.2").status is Status.IN_PROGRESS


def test_crlf_files_get_crlf_lines() -> None:
    crlf = PLAN_TEXT.replace("\n", "\r\n")
    edited = set_updates(crlf, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, "Waiting.")], "\r\n")
    assert "\n" not in edited.replace("\r\n", "")
    assert "          march-2027:\r\n            status: blocked\r\n" in edited


def test_add_round_follows_the_file_layout() -> None:
    without = (
        PLAN_TEXT[: PLAN_TEXT.index("  # Not in the published plan")]
        + PLAN_TEXT[PLAN_TEXT.index("\ndependencies:") :]
    )
    edited = add_round(without, "march-2027", "March 2027 Update: the 'next' one #2", date(2027, 3, 27))
    assert only_added(without, edited) == [
        "  - id: march-2027\n",
        "    title: 'March 2027 Update: the ''next'' one #2'\n",
        "    due: 2027-03-27\n",
    ]
    plan = parse_plan(edited).plan
    assert plan.rounds[-1].title == "March 2027 Update: the 'next' one #2"


def test_publish_sets_the_date_and_swaps_the_title_in_place() -> None:
    edited = publish_round(
        PLAN_TEXT, "march-2027", date(2027, 3, 20), "March 2026 Update", "March 2027 Update"
    )
    old, new = PLAN_TEXT.splitlines(), edited.splitlines()
    assert [line for line in old if line not in new] == [
        "title: Police Stalking Action Plan (March 2026 Update)"
    ]
    plan = parse_plan(edited).plan
    assert plan.title == "Police Stalking Action Plan (March 2027 Update)"
    assert plan.round("march-2027").published == date(2027, 3, 20)
    with pytest.raises(EditError, match="already has published"):
        publish_round(edited, "march-2027", date(2027, 3, 21), None, None)


def test_a_quoted_title_keeps_its_quotes() -> None:
    text = PLAN_TEXT.replace(
        "title: Police Stalking Action Plan (March 2026 Update)\n",
        'title: "Police Stalking Action Plan (March 2026 Update)"  # as published\n',
    )
    edited = publish_round(text, "march-2027", date(2027, 3, 20), "March 2026 Update", "March 2027 Update")
    assert 'title: "Police Stalking Action Plan (March 2027 Update)"  # as published\n' in edited


def test_flow_style_is_refused_with_a_way_out() -> None:
    text = PLAN_TEXT.replace(
        "  - id: march-2027\n    title: March 2027 Update\n",
        "  - {id: march-2027, title: March 2027 Update}\n",
    )
    with pytest.raises(EditError, match="flow style"):
        publish_round(text, "march-2027", date(2027, 3, 20), None, None)


def test_save_refuses_a_file_changed_on_disk(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    read = read_plan_for_edit(path)
    edited = set_updates(read.text, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, "Waiting.")])
    path.write_text(PLAN_TEXT + "# someone else\n", encoding="utf-8")
    with pytest.raises(EditError, match="changed on disk"):
        save_plan(read, edited)
    assert path.read_text(encoding="utf-8").endswith("# someone else\n")


def test_save_refuses_text_the_loader_refuses(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    with edit_plan(path, "test") as edit, pytest.raises(EditError, match="would not load"):
        edit.write(edit.read.text.replace("status: blocked", "status: stuck", 1))
    assert path.read_bytes() == PLAN_TEXT.encode("utf-8")


def test_save_writes_through_a_symlink_and_keeps_the_bom(tmp_path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"\xef\xbb\xbf" + PLAN_TEXT.encode("utf-8"))
    link = tmp_path / "plan.yaml"
    os.symlink(real, link)
    read = read_plan_for_edit(link)
    edited = set_updates(read.text, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, "Waiting.")])
    save_plan(read, edited)
    assert link.is_symlink()
    assert real.read_bytes() == b"\xef\xbb\xbf" + edited.encode("utf-8")


def test_long_lines_are_written_on_one_line_and_read_back() -> None:
    text = "A long update: " + "word # 'quoted' \"double\" – é " * 400
    edited = set_updates(PLAN_TEXT, "march-2027", [UpdateEdit("7.1", Status.BLOCKED, text.strip())])
    added = only_added(PLAN_TEXT, edited)
    assert len(added) == 3 and len(added[2]) > 10_000
    assert parse_plan(edited).plan.item("7.1").update_for("march-2027").text == text.strip()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_removing_an_item_s_only_update_gives_back_updates_as_it_was(newline: str) -> None:
    text = (FIXTURES / "quarterly-force.yaml").read_text(encoding="utf-8")
    text = text.replace("        updates: {}\n", "        updates: {}   # none yet\n").replace("\n", newline)
    answered = set_update(text, "11.2", "autumn-review", Status.IN_PROGRESS, "Recruiting.", newline=newline)
    assert parse_plan(answered).plan.item("11.2").update_for("autumn-review") is not None
    assert remove_update(answered, "11.2", "autumn-review") == text
    assert parse_plan(remove_update(answered, "11.2", "autumn-review")).plan.item("11.2").updates == ()
