"""plan deps (and plan dependencies) end to end."""

from __future__ import annotations

from pathlib import Path

from ..conftest import MINIMAL_FILE
from .runner import assert_reads_at_80, run, run_json, run_real


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
    code, out, _ = run_real("deps")
    assert code == 0
    assert "minerva-niche  open" in out
    assert "  Raised:   Initial Action Plan Response (736 days, 2 rounds since)" in out
    assert "  Blocks:   14.3, 14.4 (rec 14)" in out
    assert "  Expected: Spring 2026 — passed" in out
    assert_reads_at_80(out)


def test_deps_on_a_plan_with_none_open(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_FILE.read_text().replace("status: open", "status: resolved"))
    code, out, _ = run_real("deps", "--plan", str(path))
    assert code == 0
    assert out.startswith("No open dependencies.")


def test_a_word_longer_than_the_column_is_folded_not_cut(tmp_path: Path) -> None:
    address = "https://www.example.police.uk/" + "a" * 60
    plan = MINIMAL_FILE.read_text(encoding="utf-8").replace(
        "title: Niche change for included classifications", f"title: See {address}"
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    code, out, _ = run("deps", "--plan", str(tmp_path / "plan.yaml"))
    assert code == 0
    assert_reads_at_80(out)
    lines = out.splitlines()
    assert lines[1:4] == ["  What:     See", "            " + address[:68], "            " + address[68:]]
