"""The core commands end to end, on the minimal plan and (where present) the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import MINIMAL_FILE, PLAN_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": ""}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_status_shows_rounds_counts_and_recommendations() -> None:
    code, out, err = run("status", "--plan", str(MINIMAL_FILE))
    assert code == 0, err
    assert out.splitlines()[0] == "Test plan"
    assert "Latest round:  March 2025 Update (due 27 Mar 2025)" in out
    assert "Next round:    not declared yet" in out
    assert "Evidence items by status (3)" in out
    assert "1 item blocked on something outside the force." in out
    assert "Moved in the March 2025 Update: 2 (1 to blocked, 1 to in-progress)." in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("7 ", "25 "))]
    assert rows[0][-2:] == ["1/2", "blocked"]
    assert rows[1][-2:] == ["0/1", "in-progress"]
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_status_counts_days_to_the_next_round(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text().replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\n    due: 2027-03-27\ndependencies:",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    code, out, _ = run("status", "--plan", str(path), "--today", "2027-03-20")
    assert code == 0
    assert "Next round:    March 2027 Update, due 27 Mar 2027 (7 days left)" in out


def test_outstanding_json_is_pure_data() -> None:
    code, out, err = run("outstanding", "--plan", str(MINIMAL_FILE), "--json", "--owner", "pccs")
    assert code == 0, err
    records = json.loads(out)
    assert [r["id"] for r in records] == ["25.1"]
    assert set(records[0]) >= {
        "id",
        "recommendation",
        "evidence",
        "owners",
        "status",
        "latest_round",
        "latest_update",
    }


def test_outstanding_table_and_filters() -> None:
    code, out, _ = run("outstanding", "--plan", str(MINIMAL_FILE), "--status", "blocked")
    assert code == 0
    assert out.split()[5:7] == ["7.1", "Processes"]
    assert "1 outstanding item." in out


def test_unknown_owner_is_a_usage_error_listing_owners() -> None:
    code, out, err = run("outstanding", "--plan", str(MINIMAL_FILE), "--owner", "Home Office")
    assert code == 2
    assert out == ""
    assert "owners are: Chief Constables (also CCs); Police and Crime Commissioners (also PCCs)" in err


def test_show_item_prints_every_round() -> None:
    code, out, _ = run("show", "7.1", "--plan", str(MINIMAL_FILE))
    assert code == 0
    assert "Context - Linked [bold]x[/bold]." in out
    assert "Awaited from Minerva.\n\nSecond para." in out
    assert "History: Initial Action Plan Response: in-progress → March 2025 Update: blocked" in out


def test_show_recommendation_prints_its_items() -> None:
    code, out, _ = run("show", "7", "--plan", str(MINIMAL_FILE))
    assert code == 0
    assert "Recommendation 7" in out and "7.1  blocked" in out and "7.2  complete" in out


def test_show_unknown_id_is_a_usage_error() -> None:
    code, _, err = run("show", "9.9", "--plan", str(MINIMAL_FILE))
    assert code == 2
    assert "'9.9' is neither an item id nor a recommendation number" in err


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


@pytest.mark.parametrize("command", ["status", "outstanding", "show", "check"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example: plan " + command in out


def outstanding_ids(*args: str) -> list[str]:
    code, out, err = run("outstanding", "--plan", str(PLAN_FILE), "--json", *args)
    assert code == 0, err
    return [record["id"] for record in json.loads(out)]


def test_real_plan_outstanding_for_chief_constables() -> None:
    ids = outstanding_ids("--owner", "Chief Constables")
    assert {"7.1", "10.4", "14.3", "14.4", "20.3", "25.1"} <= set(ids)
    assert "27.1" not in ids


def test_real_plan_outstanding_for_commissioners_is_the_jointly_owned_items() -> None:
    ids = outstanding_ids("--owner", "Police and Crime Commissioners")
    assert ids == ["16.1", "25.1", "25.2", "25.3"]
    assert "14.3" not in ids


def test_real_plan_is_valid() -> None:
    code, _, err = run("check", "--plan", str(PLAN_FILE))
    assert code == 0, err


def test_real_plan_status_reads_at_80_columns() -> None:
    code, out, _ = run("status", "--plan", str(PLAN_FILE))
    assert code == 0
    assert "Latest round:  March 2026 Update (due 6 Apr 2026)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_check_counts_in_words_that_agree(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text()
    one = text[: text.index("  - number: 25")]
    path = tmp_path / "plan.yaml"
    path.write_text(one)
    code, _, err = run("check", "--plan", str(path))
    assert code == 0, err
    assert "valid plan: 1 recommendation, 2 evidence items" in err
