"""One test per loader error, each with its exact location and field path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from plan_cli.basics.errors import InvalidPlanError
from plan_cli.plan.model import Status
from plan_cli.reading import yaml_document
from plan_cli.reading.loader import load_plan, parse_plan


def errors_of(text: str) -> list[str]:
    with pytest.raises(InvalidPlanError) as caught:
        parse_plan(text, "plan.yaml")
    return [str(p) for p in caught.value.problems]


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def test_minimal_plan_loads(minimal_text: str) -> None:
    plan = parse_plan(minimal_text, "plan.yaml").plan
    assert [r.number for r in plan.recommendations] == [7, 25]
    first = plan.item("7.1")
    assert first is not None
    assert first.status is Status.BLOCKED
    assert [u.round for u in first.updates] == ["initial", "march-2025"]
    assert first.updates[0].paragraphs == ("Context - Linked [bold]x[/bold].",)
    assert first.updates[1].paragraphs == ("Awaited from Minerva.", "Second para.")
    joint = plan.item("25.1")
    assert joint is not None and joint.owners == ("Chief Constables", "Police and Crime Commissioners")


def test_source_map_locates_values(minimal_text: str) -> None:
    source = parse_plan(minimal_text, "plan.yaml").source
    assert source.locate(("recommendations", 0, "items", 0, "id")) == (29, 13)
    assert source.locate(("recommendations", 0, "number"), at_key=True) == (23, 5)


def test_unknown_status_lists_the_vocabulary(minimal_text: str) -> None:
    text = replaced(minimal_text, "status: blocked", "status: finished")
    assert errors_of(text) == [
        "plan.yaml:39:21: item 7.1, March 2025 Update, status: 'finished' is not a status; "
        "write complete, the plan's word for it "
        "(the statuses are not-started, in-progress, blocked, complete, superseded, unstated)"
    ]


def test_misspelt_status_gets_a_suggestion(minimal_text: str) -> None:
    text = replaced(minimal_text, "status: blocked", "status: blockd")
    assert "did you mean 'blocked'?" in errors_of(text)[0]


def test_unknown_field_suggests_the_close_one(minimal_text: str) -> None:
    text = replaced(minimal_text, "        evidence: Processes", "        evidnce: Processes")
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:30:9: item 7.1, evidnce: unknown field 'evidnce'; ")
    assert "did you mean 'evidence'?" in error


def test_item_id_read_as_number_advises_quoting(minimal_text: str) -> None:
    text = replaced(minimal_text, 'id: "7.1"', "id: 7.10")
    assert errors_of(text) == [
        "plan.yaml:29:13: recommendation 7, its 1st item, id: '7.10' was read as the number 7.1; "
        'quote it to keep it as text: "7.10"'
    ]


def test_duplicate_key(minimal_text: str) -> None:
    text = replaced(
        minimal_text, "    deadline: 2025-03-27\n", "    deadline: 2025-03-27\n    deadline: 2025-03-28\n"
    )
    assert errors_of(text) == [
        "plan.yaml:26:5: recommendation 7, deadline: duplicate key 'deadline' (first at line 25); "
        "each field may appear once"
    ]


def test_duplicate_item_id(minimal_text: str) -> None:
    text = replaced(minimal_text, 'id: "7.2"', 'id: "7.1"')
    assert errors_of(text) == [
        "plan.yaml:41:13: item 7.1, id: duplicate item id '7.1' (the 1st item of recommendation 7 has it too)"
    ]


def test_update_for_undeclared_round(minimal_text: str) -> None:
    text = replaced(
        minimal_text,
        "          march-2025:\n            status: blocked",
        "          march-2027:\n            status: blocked",
    )
    (error,) = errors_of(text)
    assert error.startswith(
        "plan.yaml:38:11: item 7.1, round 'march-2027': 'march-2027' is not a declared round;"
    )
    assert "declared rounds are: initial, march-2025" in error


def test_impossible_date(minimal_text: str) -> None:
    text = replaced(minimal_text, "deadline: 2025-03-27", "deadline: 2025-02-30")
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:25:15: recommendation 7, deadline: '2025-02-30' is not a real date")


def test_ambiguous_date(minimal_text: str) -> None:
    text = replaced(minimal_text, "due: 2025-03-27", "due: 06/04/26")
    (error,) = errors_of(text)
    assert error.startswith(
        "plan.yaml:14:10: round 'march-2025', due: '06/04/26' is not a date; write it as YYYY-MM-DD"
    )


def test_missing_required_field(minimal_text: str) -> None:
    text = replaced(minimal_text, "    owner: Chief Constables\n", "")
    assert errors_of(text) == [
        "plan.yaml:23:5: recommendation 7, owner: is missing; every Recommendation needs owner:"
    ]


def test_unknown_dependency(minimal_text: str) -> None:
    text = replaced(minimal_text, "depends_on: [minerva-niche]", "depends_on: [minerva]")
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:31:22: item 7.1, depends_on entry 1: 'minerva' is not a dependency;")


def test_update_needs_exactly_one_of_text_and_parts(minimal_text: str) -> None:
    text = replaced(minimal_text, "initial: {status: complete, text: Done.}", "initial: {status: complete}")
    assert errors_of(text) == [
        "plan.yaml:43:20: item 7.2, Initial Action Plan Response: has neither of text or parts; give exactly one"
    ]


def test_every_problem_is_reported_at_once(minimal_text: str) -> None:
    text = replaced(minimal_text, "status: blocked", "status: finished")
    text = replaced(text, "evidence: Processes", "evidnce: Processes")
    assert len(errors_of(text)) == 2


def test_empty_file() -> None:
    assert errors_of("") == [
        "plan.yaml:1:1: is empty; a plan starts with title:, force:, bodies:, rounds: and "
        "recommendations: (see: plan help format)"
    ]


def test_not_a_mapping() -> None:
    assert errors_of("- a\n- b\n") == [
        "plan.yaml:1:1: the plan must be a mapping of fields (title:, force: …), not a list"
    ]


def test_tab_indentation(minimal_text: str) -> None:
    text = replaced(minimal_text, "  - name: Chief Constables", "\t- name: Chief Constables")
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:4:1: invalid YAML:")
    assert error.endswith("indent with spaces, not tabs")


def test_alias_is_rejected(minimal_text: str) -> None:
    text = replaced(minimal_text, "owners: [Chief Constables]", "owners: &cc [Chief Constables]")
    text = replaced(text, "owners: [Chief Constables, Police and Crime Commissioners]", "owners: *cc")
    assert errors_of(text) == [
        "plan.yaml:48:13: recommendations[1].owners: the alias *cc is not supported in a plan file; "
        "anchors and aliases (&name, *name) hide what each field says: write the value out in full"
    ]


def test_python_tags_are_rejected_not_run(minimal_text: str) -> None:
    text = replaced(minimal_text, "title: Test plan", "title: !!python/object/apply:os.system ['echo hi']")
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:1:8: title: the tag tag:yaml.org,2002:python/object/apply:os.system")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InvalidPlanError) as caught:
        load_plan(tmp_path / "nope.yaml")
    assert str(caught.value).endswith(
        "nope.yaml: the plan file is missing (no such file); check the path, or give it with --plan PATH"
    )
    with pytest.raises(InvalidPlanError) as caught:
        load_plan(tmp_path)
    assert "is a directory" in str(caught.value)


def test_invalid_utf8_names_the_byte(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(minimal_text.encode().replace(b"Test Police", b"Test \xffPolice"))
    with pytest.raises(InvalidPlanError) as caught:
        load_plan(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 13)
    assert "byte 0xff at offset" in problem.message


def test_bom_and_crlf_are_accepted(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_text.replace("\n", "\r\n").encode())
    assert load_plan(path).plan.title == "Test plan"


LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test with libyaml's loader and with PyYAML's pure-Python fallback."""
    monkeypatch.setattr(yaml_document, "_Loader", request.param)
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("depth", [65, 1001, 20_000])
def test_deep_flow_nesting_is_a_located_error(each_loader: type, minimal_text: str, depth: int) -> None:
    (error,) = errors_of(minimal_text + "notes: " + "[" * depth + "]" * depth + "\n")
    assert error.startswith("plan.yaml:66:")
    assert error.endswith(": is nested too deeply (more than 64 levels)")
    assert ": notes[0]" in error


def test_deep_block_nesting_is_a_located_error(each_loader: type, minimal_text: str) -> None:
    lines = "".join(" " * level + "- \n" for level in range(0, 2 * 3000, 2))
    (error,) = errors_of(minimal_text + "notes:\n" + lines)
    assert error == f"plan.yaml:131:129: notes{'[0]' * 64}: is nested too deeply (more than 64 levels)"


def test_alias_bomb_is_rejected_at_each_alias_without_expanding(each_loader: type) -> None:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
    )
    errors = errors_of(text)
    assert len(errors) == yaml_document.MAX_ALIAS_PROBLEMS + 1
    assert errors[0].startswith("plan.yaml:2:8: b[0]: the alias *a is not supported")
    assert errors[9].startswith("plan.yaml:3:8: c[0]: the alias *b is not supported")
    assert errors[10] == "plan.yaml:3:12: c[1]: 71 more aliases from here on, not listed"


def test_recursive_alias_is_rejected(each_loader: type) -> None:
    (error,) = errors_of("a: &a [1, *a]\n")
    assert error.startswith("plan.yaml:1:11: a[1]: the alias *a is not supported")


def test_keys_are_names_as_written(minimal_text: str) -> None:
    text = replaced(minimal_text, "title: Test plan", "title: Test plan\nyes: 1\n2025-03-27: 2\n~: 3")
    assert [e.split(";")[0] for e in errors_of(text)] == [
        "plan.yaml:2:1: yes: unknown field 'yes'",
        "plan.yaml:3:1: 2025-03-27: unknown field '2025-03-27'",
        "plan.yaml:4:1: ~: unknown field '~'",
    ]


def test_explicit_null_tag_on_text_is_not_silently_dropped(minimal_text: str) -> None:
    text = replaced(minimal_text, "title: Test plan", "title: !!null Test plan")
    assert errors_of(text) == ["plan.yaml:1:8: title: 'Test plan' is not a valid null; remove the !!null tag"]


def test_control_character_is_located() -> None:
    assert errors_of("title: a\nforce: b\x00\n") == [
        "plan.yaml:2:9: the control character U+0000 is not allowed in a plan file; "
        "delete it (it often comes with text pasted from another program)"
    ]


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("\\e]0;PWNED\\a\\e[2J", "U+001B (ESC, the escape character), which a terminal acts on"),
        ("\\rcomplete", "U+000D (CR, carriage return)"),
        ("\\a ring", "U+0007 (BEL, the bell)"),
        ("\\bspace", "U+0008 (BS, backspace)"),
        ("\\x7f", "U+007F (DEL)"),
        ("\\x9b2J", "the control character U+009B,"),
        ("\\u202Edef", "the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE), which makes the text"),
        ("\\u2066def", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ],
)
def test_control_characters_and_bidi_controls_in_text_are_located_errors(
    minimal_text: str, written: str, named: str
) -> None:
    text = replaced(minimal_text, "force: Test Police", f'force: "Test {written}"')
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:2:8: force: character 6 is ")
    assert named in error and error.endswith(
        "; delete it (it often comes with text pasted from another program)"
    )


def test_a_control_character_in_a_key_is_shown_as_an_escape(minimal_text: str) -> None:
    text = replaced(minimal_text, "force: Test Police", '"force\\e[8m": Test Police')
    (error,) = errors_of(text)
    assert error.startswith("plan.yaml:2:1: the key 'force\\x1b[8m' contains the control character U+001B")
    assert "\x1b" not in error


def test_tabs_and_line_breaks_in_text_are_fine(minimal_text: str) -> None:
    text = replaced(minimal_text, "force: Test Police", 'force: "Test\\tPolice\\nHQ"')
    assert parse_plan(text, "plan.yaml").plan.force == "Test\tPolice\nHQ"


def test_an_endless_device_is_refused_after_the_limit() -> None:
    with pytest.raises(
        InvalidPlanError, match=r"/dev/zero: holds more than 32 MB; a plan file may be at most"
    ):
        load_plan("/dev/zero")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "stream"
    os.mkfifo(fifo)
    with pytest.raises(InvalidPlanError) as caught:
        load_plan(fifo)  # no writer: a blocking open would wait here for ever
    assert str(caught.value) == (
        f"{fifo}: is a FIFO (named pipe), not a plan file; give the YAML file itself"
    )


def test_a_fifo_with_a_writer_is_refused_too(tmp_path: Path) -> None:
    fifo = tmp_path / "stream"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"yes 'a: b' > '{fifo}'"], stderr=subprocess.DEVNULL)
    try:
        with pytest.raises(InvalidPlanError, match="is a FIFO"):
            load_plan(fifo)
    finally:
        writer.kill()
        writer.wait()
