"""The reviewer-flag commands end to end: deps, deadlines, flagged outstanding/show/status, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import MINIMAL_FILE, PLAN_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": str(PLAN_FILE)}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> list[dict]:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def assert_reads_at_80(out: str) -> None:
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("command", ["deps", "dependencies", "deadlines"])
def test_new_commands_have_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example: plan " in out


def test_deps_json_lists_the_three_done_criteria_dependencies() -> None:
    records = {r["id"]: r for r in run_json("deps")}
    assert all(r["status"] == "open" for r in records.values())
    for record in records.values():
        assert {"id", "title", "party", "status", "raised", "expected", "items"} <= set(record)
    assert "7.1" in records["minerva-niche"]["items"]
    assert records["minerva-niche"]["party"].startswith("Minerva")
    assert records["college-stalking-app"]["items"] == ["10.4", "20.3"]
    assert records["nutshell-replacement"]["items"] == ["14.3", "14.4"]
    assert records["minerva-niche"]["age_days"] == 736  # 22 Nov 2024 to 28 Nov 2026
    assert records["minerva-niche"]["rounds_since"] == 2
    assert records["updated-stra"]["expected_passed"] is True


def test_deps_all_includes_resolved_and_alias_agrees() -> None:
    open_ids = [r["id"] for r in run_json("deps")]
    every = run_json("deps", "--all")
    assert len(every) > len(open_ids)
    assert any(r["status"] != "open" for r in every)
    assert [r["id"] for r in run_json("dependencies")] == open_ids


def test_deps_table() -> None:
    code, out, _ = run("deps")
    assert code == 0
    assert "minerva-niche  open" in out
    assert "  Raised:   Initial Action Plan Response (736 days, 2 rounds since)" in out
    assert "  Blocks:   14.3, 14.4 (rec 14)" in out
    assert "  Expected: Spring 2026 — passed" in out
    assert_reads_at_80(out)


def test_deps_on_a_plan_with_none_open(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_FILE.read_text().replace("status: open", "status: resolved"))
    code, out, _ = run("deps", "--plan", str(path))
    assert code == 0
    assert out.startswith("No open dependencies.")


def test_status_names_open_dependencies_stale_items_and_measures() -> None:
    code, out, _ = run("status")
    assert code == 0
    assert "Waiting on others: 11 open dependencies" in out
    lines = out.splitlines()
    for dep, blocks in [
        ("minerva-niche", "2 items (7.1, 7.2)"),
        ("college-stalking-app", "2 items (10.4, 20.3)"),
        ("nutshell-replacement", "2 items (14.3, 14.4)"),
    ]:
        assert any(line.split()[:1] == [dep] and blocks in line for line in lines), dep
    stale_line = next(line for line in lines if line.startswith("Stale:"))
    assert "7.1" in stale_line and "22.1" in stale_line
    assert "2,541/3,391 75%  as of 2025-12, 11 months old" in out
    assert_reads_at_80(out)


def test_outstanding_json_has_flags() -> None:
    records = {r["id"]: r for r in run_json("outstanding")}
    assert records["7.1"]["blocked_by"] == ["minerva-niche"]
    assert records["7.1"]["stale"] is True
    assert records["7.1"]["stale_since"] == "march-2025"
    assert records["22.1"]["stale"] is True
    assert records["10.1"]["blocked_by"] == []
    assert records["10.1"]["stale"] is False
    assert records["10.1"]["stale_since"] is None


def test_outstanding_blocked_by_and_stale_filters() -> None:
    assert [r["id"] for r in run_json("outstanding", "--blocked-by", "nutshell-replacement")] == [
        "14.3",
        "14.4",
    ]
    stale = [r["id"] for r in run_json("outstanding", "--stale")]
    assert {"7.1", "22.1"} <= set(stale)
    assert "10.1" not in stale
    both = [r["id"] for r in run_json("outstanding", "--stale", "--blocked-by", "minerva-niche")]
    assert both == ["7.1"]


def test_outstanding_blocked_by_unknown_dependency_says_what_exists() -> None:
    code, out, err = run("outstanding", "--blocked-by", "minerva")
    assert code == 2
    assert out == ""
    assert "there is no dependency 'minerva'. Did you mean minerva-niche?" in err


def test_outstanding_table_marks_waiting_and_stale_items() -> None:
    code, out, _ = run("outstanding", "--rec", "7")
    assert code == 0
    lines = out.splitlines()
    row = lines.index(next(line for line in lines if line.startswith("7.1 ")))
    assert lines[row + 1].split() == ["waits", "stale"]
    assert "  7.1: minerva-niche" in out
    assert "  7.1: since the March 2025 Update (says the position remains)" in out
    assert_reads_at_80(out)


def test_deadlines_json_has_the_june_milestone_passed() -> None:
    records = run_json("deadlines")
    for record in records:
        assert {"date", "kind", "ref", "text", "state"} <= set(record)
        assert record["state"] in {"passed", "upcoming", "done"}
        assert record["kind"] in {"recommendation", "round", "dependency", "milestone"}
    june = [r for r in records if r["date"] == "2026-06-26" and r["kind"] == "milestone"]
    assert june and all(r["state"] == "passed" for r in june)
    ends = [r["end"] for r in records]
    assert ends == sorted(ends)


def test_deadlines_before_the_milestone_is_upcoming() -> None:
    june = [r for r in run_json("deadlines", "--today", "2026-06-26") if r["date"] == "2026-06-26"]
    assert june and all(r["state"] == "upcoming" for r in june)


def test_deadlines_table() -> None:
    code, out, _ = run("deadlines")
    assert code == 0
    assert any(
        line.startswith("2026-06-26") and "passed needs update" in line and "10.3:" in line
        for line in out.splitlines()
    )
    assert "milestones need an update." in out.splitlines()[-1]
    assert_reads_at_80(out)


def test_show_item_has_stale_since_dependencies_milestones_and_measures() -> None:
    code, out, _ = run("show", "7.1")
    assert code == 0
    assert "Stale since the March 2025 Update: the latest update says the position remains." in out
    assert "Waits on minerva-niche (open)" in out
    code, out, _ = run("show", "10.1")
    assert "Milestone 2026-Q2: passed, needs an update" in out
    assert "2,541/3,391 75%  as of 2025-12, 11 months old" in out
    assert_reads_at_80(out)


def test_check_strict_passes_on_a_plan_without_warnings(tmp_path: Path) -> None:
    code, _, err = run("check", "--strict", "--plan", str(MINIMAL_FILE))
    assert code == 0, err
    assert "0 warnings." in err


def test_show_says_a_resolved_dependency_was_waited_on() -> None:
    result = CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "PLAN_TODAY": "2026-11-28", "PLAN_FILE": ""}
    ).invoke(app, ["show", "10.3", "--plan", str(PLAN_FILE)])
    assert result.exit_code == 0
    assert "Waited on opcc-advocacy-funding (resolved)" in result.stdout
    assert "Waits on opcc-advocacy-funding" not in result.stdout
