"""plan deadlines end to end."""

from __future__ import annotations

from .runner import assert_reads_at_80, run_json, run_real


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
    code, out, _ = run_real("deadlines")
    assert code == 0
    assert any(
        line.startswith("2026-06-26") and "passed needs update" in line and "10.3:" in line
        for line in out.splitlines()
    )
    assert "milestones need an update." in out.splitlines()[-1]
    assert_reads_at_80(out)
