"""plan check end to end: valid and invalid plans, warnings and accepted ones, several files as pre-commit passes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plan_cli.basics.errors import WARNING_CODES

from ..conftest import FIXTURES, MINIMAL_FILE, PLAN_FILE, TODAY
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
    assert f"{broken}: 1 error; fix it and run 'plan check' again." in err


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


# ---- warning codes, accepted warnings, every problem in one run, places named as people do


def copy_of(text: str, tmp_path: Path, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_strict_passes_on_the_shipped_plan_its_citation_gaps_accepted() -> None:
    code, out, err = run("check", "--strict", "--plan", str(PLAN_FILE))
    assert code == 0, err
    assert out == ""
    assert err.splitlines()[-1].endswith("0 warnings (18 more accepted).")


def test_verbose_shows_the_accepted_warnings_with_their_reasons() -> None:
    code, _, err = run("check", "--verbose", "--plan", str(PLAN_FILE))
    assert code == 0
    located = re.compile(
        re.escape(str(PLAN_FILE)) + r":\d+:\d+: item 12\.2, March 2026 Update, text: accepted warning: "
        r"item 12\.2's March 2026 Update cites 12\.1, .* \[dangling-citation\] \(accepted: The published plan "
        r"has no row 12\.1; .*\)$"
    )
    assert any(located.match(line) for line in err.splitlines()), err
    assert len([line for line in err.splitlines() if "accepted warning:" in line]) == 18


def test_a_new_dangling_citation_in_a_copy_fails_strict(tmp_path: Path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    cited = text.replace("text: Action Plan published.", "text: Action Plan published, as 9.9 set out.", 1)
    assert cited != text
    path = copy_of(cited, tmp_path)
    code, _, err = run("check", "--strict", "--plan", str(path))
    assert code == 1
    (warning,) = [line for line in err.splitlines() if "warning:" in line]
    assert "cites 9.9" in warning and warning.endswith("[dangling-citation]")
    assert re.match(
        re.escape(str(path)) + r":\d+:\d+: item 28\.1, March 2026 Update, text: warning: ", warning
    )


def test_an_acceptance_silences_exactly_its_warning(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8").replace(
        "text: Funding has been extended.", "text: As 12.1 and 13.1 set out, funding has been extended."
    )
    accepted = (
        "\naccepted:\n"
        '  - {code: dangling-citation, item: "25.1", cites: "12.1", reason: Not in the published plan.}\n'
    )
    path = copy_of(text + accepted, tmp_path)
    code, _, err = run("check", "--strict", "--plan", str(path))
    assert code == 1
    warnings = [line for line in err.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "cites 13.1" in warnings[0]


def test_an_acceptance_that_no_longer_matches_is_a_warning(tmp_path: Path) -> None:
    accepted = (
        "\naccepted:\n"
        '  - {code: dangling-citation, item: "25.1", cites: "12.1", reason: Not in the published plan.}\n'
    )
    path = copy_of(MINIMAL_FILE.read_text(encoding="utf-8") + accepted, tmp_path)
    code, _, err = run("check", "--strict", "--plan", str(path))
    assert code == 1
    (warning,) = [line for line in err.splitlines() if "warning:" in line]
    assert (
        ": accepted entry 1: warning: accepts a dangling-citation warning about 25.1 citing 12.1" in warning
    )
    assert warning.endswith("[accepted-not-found]")


def test_every_warning_rule_has_a_code_an_acceptance_can_name() -> None:
    from plan_cli.questions.checks import warnings
    from plan_cli.reading.loader import load_plan

    found = warnings(load_plan(PLAN_FILE).plan, TODAY) + warnings(
        load_plan(FIXTURES / "other-force.yaml").plan, TODAY
    )
    assert found and all(f.code in WARNING_CODES for f in found)
    schema = json.loads(run("schema")[1])
    assert set(schema["$defs"]["Accepted"]["properties"]["code"]["enum"]) == set(WARNING_CODES) - {
        "accepted-not-found"
    }


def test_an_unknown_warning_code_is_refused(tmp_path: Path) -> None:
    accepted = '\naccepted:\n  - {code: dangling, item: "25.1", reason: x}\n'
    path = copy_of(MINIMAL_FILE.read_text(encoding="utf-8") + accepted, tmp_path)
    code, _, err = run("check", "--plan", str(path))
    assert code == 1
    assert (
        "accepted entry 1, code: 'dangling' is not a warning code; did you mean 'dangling-citation'?" in err
    )


def test_a_status_typo_and_an_undeclared_round_are_both_reported(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    text = text.replace("status: blocked", "status: blokced").replace(
        "initial: {status: complete", "intial: {status: complete"
    )
    code, _, err = run("check", "--plan", str(copy_of(text, tmp_path)))
    assert code == 1
    assert "item 7.1, March 2025 Update, status: 'blokced' is not a status; did you mean 'blocked'?" in err
    assert "item 7.2, round 'intial': 'intial' is not a declared round; did you mean 'initial'?" in err
    assert err.splitlines()[-1].endswith("2 errors; fix them and run 'plan check' again.")


def test_a_missing_status_and_a_duplicate_id_are_both_reported(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    text = text.replace('id: "7.2"', 'id: "7.1"').replace(
        "            status: in-progress\n            parts:", "            parts:"
    )
    code, _, err = run("check", "--plan", str(copy_of(text, tmp_path)))
    assert code == 1
    assert "item 7.1, Initial Action Plan Response, status: is missing" in err
    assert "duplicate item id '7.1'" in err
    assert err.splitlines()[-1].endswith("2 errors; fix them and run 'plan check' again.")


def test_a_round_indented_under_empty_updates_gets_a_hint(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    empty = '      - id: "7.2"\n        updates:\n'
    assert empty in text
    inside = text.replace(
        empty, '      - id: "7.2"\n        updates: {}\n          initial:\n            status: complete\n'
    )
    code, _, err = run("check", "--plan", str(copy_of(inside, tmp_path, "a.yaml")))
    assert code == 1 and "the line above ends in {} or []" in err
    level = text.replace(
        empty,
        '      - id: "7.2"\n        updates: {}\n        initial:\n          status: complete\n          text: Done.\n',
    )
    level = level.replace("          initial: {status: complete, text: Done.}\n", "", 1)
    code, _, err = run("check", "--plan", str(copy_of(level, tmp_path, "b.yaml")))
    assert code == 1 and "'initial' is a round, not a field of the item; indent it under updates:" in err


def test_a_missing_plan_file_says_it_is_missing(tmp_path: Path) -> None:
    for command in (["status"], ["check"], ["outstanding"]):
        code, out, err = run(*command, "--plan", str(tmp_path / "nope.yaml"))
        assert code == 1 and out == ""
        assert "the plan file is missing" in err
        assert "fix them" not in err


def test_a_yaml_problem_does_not_hide_a_field_problem_elsewhere(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8").replace("status: blocked", "status: blokced")
    text = text.replace(
        "    deadline: 2025-03-27\n", "    deadline: 2025-03-27\n    deadline: 2025-03-28\n", 1
    )
    code, _, err = run("check", "--plan", str(copy_of(text, tmp_path)))
    assert code == 1
    assert "recommendation 7, deadline: duplicate key 'deadline'" in err
    assert "item 7.1, March 2025 Update, status: 'blokced' is not a status" in err


def test_check_says_the_same_on_every_read_of_an_unchanged_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First read (parsed), second (values from the cache, composed for places), third (places kept)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = PLAN_FILE.read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text[: text.index("\naccepted:")] + "\n", encoding="utf-8")  # its warnings unaccepted
    runs = [run("check", "--plan", str(path)) for _ in range(3)]
    verbose = [run("check", "--verbose", "--json", "--plan", str(path)) for _ in range(2)]
    assert runs[0][2].count("[dangling-citation]") == 18
    assert runs[1] == runs[0] and runs[2] == runs[0]
    assert verbose[1] == verbose[0]
    assert len(list((tmp_path / "cache" / "plan" / "plans").glob("*.places"))) == 1
