"""dump_plan writes the layout of docs/format.md and reads back as the same plan."""

from __future__ import annotations

from benchmarks.plan_dumper import dump_plan
from plan_cli.reading.loader import load_plan, parse_plan

from .conftest import MINIMAL_FILE


def test_dump_uses_the_documented_layout() -> None:
    written = dump_plan(load_plan(MINIMAL_FILE).plan)
    lines = written.splitlines()
    assert lines[:3] == ["title: Test plan", "force: Test Police", ""]
    assert "  - name: Chief Constables\n    aliases: [CCs]\n" in written  # indented lists, names on one line
    assert "    due: 2024-11-22\n" in written  # exact dates unquoted
    assert "      - id: '7.1'\n" in written  # ids quoted, never numbers
    assert (
        "            text: |-\n              Awaited from Minerva.\n\n              Second para.\n" in written
    )
    assert "          - date: 2026-Q2\n" in written
    assert "owner: Chief Constables\n    owners" in written
    assert "\n\nrecommendations:\n" in written  # a blank line before each section
    assert "&" not in written and "*" not in written  # no anchors or aliases


def test_text_yaml_would_misread_is_quoted() -> None:
    plan = load_plan(MINIMAL_FILE).plan
    tricky = parse_plan(
        MINIMAL_FILE.read_text()
        .replace("title: Test plan", "title: 'yes'")
        .replace("force: Test Police", "force: 'Police: #1 & *all* 2025-03-27'"),
        "plan.yaml",
    ).plan
    written = dump_plan(tricky)
    assert "title: 'yes'\n" in written
    reloaded = parse_plan(written, "dumped.yaml").plan
    assert (reloaded.title, reloaded.force) == ("yes", "Police: #1 & *all* 2025-03-27")
    assert reloaded.recommendations == plan.recommendations


def test_accepted_warnings_round_trip() -> None:
    from .conftest import PLAN_FILE

    plan = load_plan(PLAN_FILE).plan
    assert len(plan.accepted) == 16
    text = dump_plan(plan)
    assert "\naccepted:\n" in text
    assert parse_plan(text).plan == plan
