"""plan check end to end: valid and invalid plans, warnings, several files as pre-commit passes them."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import MINIMAL_FILE, PLAN_FILE
from .runner import broken_plan, run, run_real


def test_check_valid_plan() -> None:
    code, out, err = run("check", "--plan", str(MINIMAL_FILE))
    assert code == 0
    assert out == ""
    assert "valid plan: 2 recommendations, 3 evidence items" in err


def test_invalid_plan_exits_1_with_located_errors_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    for command in (["check"], ["status"], ["outstanding", "--json"], ["show", "7.1"]):
        code, out, err = run(*command, "--plan", str(path))
        assert code == 1
        assert out == ""
        assert f"{path}:39:21: item 7.1, March 2025 Update, status: 'finished'" in err
        assert "Traceback" not in err


def test_real_plan_is_valid() -> None:
    code, _, err = run("check", "--plan", str(PLAN_FILE))
    assert code == 0, err


def test_check_counts_in_words_that_agree(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text()
    one = text[: text.index("  - number: 25")]
    path = tmp_path / "plan.yaml"
    path.write_text(one)
    code, _, err = run("check", "--plan", str(path))
    assert code == 0, err
    assert "valid plan: 1 recommendation, 2 evidence items" in err


def test_check_strict_passes_on_a_plan_without_warnings(tmp_path: Path) -> None:
    code, _, err = run_real("check", "--strict", "--plan", str(MINIMAL_FILE))
    assert code == 0, err
    assert "0 warnings." in err


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
