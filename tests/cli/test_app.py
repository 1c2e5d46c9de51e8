"""The app as a whole: finding the plan, --today, exit codes, and help with an example on every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_cli.cli.app import COMMANDS

from ..conftest import MINIMAL_FILE
from .runner import broken_plan, run


def test_bad_today_is_a_usage_error() -> None:
    code, _, err = run("status", "--plan", str(MINIMAL_FILE), "--today", "28/11/2026")
    assert code == 2
    assert "--today '28/11/2026' is not a date" in err


def test_plan_file_env_and_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("status", env={"PLAN_FILE": str(MINIMAL_FILE)})
    assert code == 0 and out.startswith("Test plan")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(MINIMAL_FILE.read_text())
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    code, out, _ = run("status")
    assert code == 0 and out.startswith("Test plan")


def test_no_plan_found_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("status")
    assert code == 2
    assert "give one with --plan PATH or set PLAN_FILE" in err


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


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0
    assert f"Example: plan {name}" in out
