"""Scripting: --json on every list, plan check on several files (pre-commit), exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import MINIMAL_FILE, PLAN_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": ""}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def broken_plan(tmp_path: Path, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    return path


def test_check_accepts_several_files_as_pre_commit_passes_them(tmp_path: Path) -> None:
    broken = broken_plan(tmp_path)
    code, out, err = run("check", str(MINIMAL_FILE), str(broken))
    assert code == 1
    assert out == ""
    assert f"{MINIMAL_FILE}: valid plan: 2 recommendations, 3 evidence items, 0 warnings." in err
    assert f"{broken}:39:21: item 7.1, March 2025 Update, status: 'finished'" in err
    assert f"{broken}: 1 error; fix them and run 'plan check' again." in err


def test_check_files_all_valid_exit_0() -> None:
    code, _, err = run("check", str(MINIMAL_FILE), str(MINIMAL_FILE))
    assert code == 0
    assert err.count("valid plan") == 1  # the same file named twice is checked once


def test_check_plan_option_with_files_checks_both(tmp_path: Path) -> None:
    broken = broken_plan(tmp_path)
    code, _, err = run("check", "--plan", str(broken), str(MINIMAL_FILE))
    assert code == 1
    assert f"{broken}: 1 error" in err and f"{MINIMAL_FILE}: valid plan" in err


def test_plan_file_env_does_not_add_to_the_files_named(tmp_path: Path) -> None:
    broken = broken_plan(tmp_path)
    code, _, err = run("check", str(MINIMAL_FILE), env={"PLAN_FILE": str(broken)})
    assert code == 0, err
    assert str(broken) not in err


def test_check_json_lists_each_file_and_its_located_problems(tmp_path: Path) -> None:
    broken = broken_plan(tmp_path)
    code, out, err = run("check", "--json", str(MINIMAL_FILE), str(broken))
    assert code == 1
    assert err == ""
    valid, invalid = json.loads(out)
    assert valid == {
        "file": str(MINIMAL_FILE),
        "valid": True,
        "recommendations": 2,
        "items": 3,
        "problems": [],
        "accepted": [],
    }
    assert invalid["valid"] is False and invalid["items"] is None
    (problem,) = invalid["problems"]
    assert problem["line"] == 39 and problem["column"] == 21
    assert problem["field"] == "recommendations[0].items[0].updates.march-2025.status"
    assert problem["place"] == "item 7.1, March 2025 Update, status"
    assert problem["severity"] == "error"
    assert problem["message"].startswith("'finished' is not a status")


def test_status_json_is_pure_data() -> None:
    code, out, _ = run("status", "--plan", str(MINIMAL_FILE), "--json")
    assert code == 0
    record = json.loads(out)
    assert record["title"] == "Test plan" and record["today"] == "2026-11-28"
    assert record["latest_round"] == {
        "id": "march-2025",
        "title": "March 2025 Update",
        "due": "2025-03-27",
        "days_left": -611,
    }
    assert record["next_round"] is None
    assert record["moved"] == [
        {"id": "7.1", "before": "in-progress", "after": "blocked"},
        {"id": "25.1", "before": None, "after": "in-progress"},
    ]
    assert record["status_counts"] == {
        "not-started": 0,
        "in-progress": 1,
        "blocked": 1,
        "complete": 1,
        "superseded": 0,
    }
    assert [
        (r["number"], r["complete"], r["items"], r["worst_status"], r["deadline_passed"])
        for r in record["recommendations"]
    ] == [
        (7, 1, 2, "blocked", True),
        (25, 0, 1, "in-progress", True),
    ]


def test_show_json_for_an_item_and_a_recommendation() -> None:
    code, out, _ = run("show", "7.1", "--plan", str(MINIMAL_FILE), "--json")
    assert code == 0
    item = json.loads(out)
    assert item["id"] == "7.1" and item["status"] == "blocked"
    assert item["latest_update"] == "Awaited from Minerva.\n\nSecond para."
    code, out, _ = run("show", "7", "--plan", str(MINIMAL_FILE), "--json")
    assert code == 0
    rec = json.loads(out)
    assert rec["number"] == 7 and rec["deadline"] == "2025-03-27" and rec["worst_status"] == "blocked"
    assert [i["id"] for i in rec["items"]] == ["7.1", "7.2"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", "--plan", str(MINIMAL_FILE)], 0),
        (["check", "--plan", "BROKEN"], 1),
        (["status", "--plan", str(MINIMAL_FILE), "--today", "yesterday"], 2),
        (["show", "99", "--plan", str(MINIMAL_FILE)], 2),
        (["status", "--no-such-option"], 2),
        (["no-such-command"], 2),
    ],
)
def test_documented_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    args = [str(broken_plan(tmp_path)) if a == "BROKEN" else a for a in args]
    assert run(*args)[0] == code


def test_every_command_has_help_with_an_example() -> None:
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        code, out, _ = run(name, "--help")
        assert code == 0
        assert f"Example: plan {name}" in out, name


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_real_plan_outstanding_reads_at_80_columns() -> None:
    code, out, _ = run("outstanding", "--plan", str(PLAN_FILE), "--status", "blocked")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    ids = [line.split()[0] for line in out.splitlines() if re.match(r"\d+\.\d+ ", line)]
    assert ids == ["7.1", "10.4", "14.3", "14.4", "20.1", "20.3", "20.4", "22.1"]
