"""plan init: a starting plan that plan check accepts, and never an overwrite."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from plan_cli.cli.app import app
from plan_cli.loader import load_plan

from ..conftest import MINIMAL_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": ""}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env=ENV).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_a_plan_that_check_accepts(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    code, out, err = run(
        "init", str(target), "--force-name", "Durham Constabulary", "--plan", str(MINIMAL_FILE)
    )
    assert code == 0, err
    assert out == ""
    assert (
        f"{target}: wrote a starting plan for Durham Constabulary: 2 recommendations, 3 evidence items" in err
    )
    assert f"run: plan check --plan {target}" in err
    code, _, err = run("check", "--plan", str(target))
    assert code == 0, err
    started = load_plan(target).plan
    assert started.force == "Durham Constabulary"
    assert [i.id for i in started.items] == ["7.1", "7.2", "25.1"]
    assert all(not i.updates for i in started.items)
    code, out, _ = run("status", "--plan", str(target))
    assert code == 0
    assert "Latest round:  none reported yet" in out
    assert "not-started   3" in out


def test_init_refuses_to_overwrite_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("my force's plan\n")
    code, out, err = run("init", str(target), "--plan", str(MINIMAL_FILE))
    assert code == 1
    assert out == ""
    assert err.startswith(
        f"error: {target}: already exists; pass --force to overwrite it, or choose another file"
    )
    assert target.read_text() == "my force's plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_init_into_a_missing_directory_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "nope" / "plan.yaml"), "--plan", str(MINIMAL_FILE))
    assert code == 1
    assert "does not exist; create it first" in err
    assert "Traceback" not in err


def test_init_with_an_invalid_source_plan_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    code, _, err = run("init", str(tmp_path / "new.yaml"), "--plan", str(source))
    assert code == 1
    assert f"{source}:39:21:" in err
    assert not (tmp_path / "new.yaml").exists()


def test_init_with_an_empty_force_name_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "new.yaml"), "--force-name", " ", "--plan", str(MINIMAL_FILE))
    assert code == 2
    assert "--force-name is empty" in err
    assert not (tmp_path / "new.yaml").exists()
