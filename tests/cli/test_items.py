"""plan outstanding and plan show end to end: filters, flags, tables and JSON."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import FIXTURES, MINIMAL_FILE, PLAN_FILE
from .runner import assert_reads_at_80, run, run_json, run_real


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
    assert "owners are: Chief Constables (also CCs); Police and Crime Commissioners (also" in err


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
    code, out, err = run_real("outstanding", "--blocked-by", "minerva-nich")
    assert code == 2
    assert out == ""
    assert "there is no dependency 'minerva-nich' (by id, title or party). Did you mean minerva-niche?" in err


def test_outstanding_table_marks_waiting_and_stale_items() -> None:
    code, out, _ = run_real("outstanding", "--rec", "7")
    assert code == 0
    lines = out.splitlines()
    row = lines.index(next(line for line in lines if line.startswith("7.1 ")))
    assert lines[row + 1].split() == ["waits", "stale"]
    assert "  7.1: minerva-niche" in out
    assert "  7.1: since the March 2025 Update (says the position remains)" in out
    assert_reads_at_80(out)


def test_show_item_has_stale_since_dependencies_milestones_and_measures() -> None:
    code, out, _ = run_real("show", "7.1")
    assert code == 0
    assert "Stale since the March 2025 Update: the latest update says the position remains." in out
    assert "Waits on minerva-niche (open)" in out
    code, out, _ = run_real("show", "10.1")
    assert "Milestone 2026-Q2: passed, needs an update" in out
    assert "2,541/3,391 75%  as of 2025-12, 11 months old" in out
    assert_reads_at_80(out)


def test_show_says_a_resolved_dependency_was_waited_on() -> None:
    result = CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "PLAN_TODAY": "2026-11-28", "PLAN_FILE": ""}
    ).invoke(app, ["show", "10.3", "--plan", str(PLAN_FILE)])
    assert result.exit_code == 0
    assert "Waited on opcc-advocacy-funding (resolved)" in result.stdout
    assert "Waits on opcc-advocacy-funding" not in result.stdout


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


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_real_plan_outstanding_reads_at_80_columns() -> None:
    code, out, _ = run("outstanding", "--plan", str(PLAN_FILE), "--status", "blocked")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    ids = [line.split()[0] for line in out.splitlines() if re.match(r"\d+\.\d+ ", line)]
    assert ids == ["7.1", "10.4", "14.3", "14.4", "20.1", "20.3", "20.4", "22.1"]


def test_two_nearly_identical_99000_character_updates_are_stale(tmp_path) -> None:
    words = [
        "the",
        "force",
        "will",
        "review",
        "its",
        "training",
        "for",
        "officers",
        "and",
        "staff",
        "with",
        "partners",
    ]
    text = " ".join(words[(index * 7) % len(words)] for index in range(33_000))[:99_000]
    changed = text[:50_000] + "Z" + text[50_001:]
    plan = MINIMAL_FILE.read_text(encoding="utf-8")
    plan = plan.replace("text: Linked [bold]x[/bold].", f'text: "{text}"')
    plan = plan.replace('text: "Awaited from Minerva.\\n\\nSecond para."', f'text: "{changed}"')
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    code, out, err = run("outstanding", "--stale", "--json", "--plan", str(tmp_path / "plan.yaml"))
    assert code == 0, err
    records = json.loads(out)
    assert [(r["id"], r["stale_since"]) for r in records] == [("7.1", "initial")]
    code, out, _ = run("status", "--plan", str(tmp_path / "plan.yaml"))
    assert code == 0 and "Stale: 1 outstanding item report nothing new: 7.1" in out


def test_show_says_when_an_item_has_no_update_yet() -> None:
    code, out, err = run("show", "40.1", "--plan", str(FIXTURES / "other-force.yaml"))
    assert code == 0, err
    assert "History: no update yet\n" in out
