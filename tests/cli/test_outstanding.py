"""plan outstanding: owners as people type them, repeatable filters, and --all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import FIXTURES, PLAN_FILE
from .runner import assert_reads_at_80

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": str(PLAN_FILE)}


def ids(*args: str) -> list[str]:
    result = CliRunner(env=ENV).invoke(app, ["outstanding", "--json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return [entry["id"] for entry in json.loads(result.stdout)]


def statuses(*args: str) -> set[str]:
    result = CliRunner(env=ENV).invoke(app, ["outstanding", "--json", *args], catch_exceptions=False)
    return {entry["status"] for entry in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("spelling", "body"),
    [
        ("Chief Constable", "Chief Constables"),
        ("CC", "Chief Constables"),
        ("PCC", "Police and Crime Commissioners"),
        ("pcc", "Police and Crime Commissioners"),
        ("OPCC", "Police and Crime Commissioners"),
        ("Police and Crime Commissioner", "Police and Crime Commissioners"),
        ("PCs", "Police and Crime Commissioners"),
        ("mayor equivalents", "Police and Crime Commissioners"),
    ],
)
def test_each_owner_spelling_lists_its_bodys_items(spelling: str, body: str) -> None:
    assert ids("--owner", spelling) == ids("--owner", body)
    assert ids("--owner", spelling)


def test_owners_repeated_give_the_union() -> None:
    cc, pcc = ids("--owner", "CCs"), ids("--owner", "PCCs")
    union = ids("--owner", "CCs", "--owner", "PCCs")
    assert set(union) == set(cc) | set(pcc)
    assert len(union) > len(pcc)  # not only the last --owner given


def test_statuses_repeated_give_both() -> None:
    assert statuses("--status", "blocked", "--status", "in-progress") == {"blocked", "in-progress"}


def test_different_options_must_all_hold() -> None:
    both = ids("--owner", "PCCs", "--status", "blocked", "--status", "in-progress")
    assert set(both) == set(ids("--owner", "PCCs")) & set(
        ids("--status", "blocked", "--status", "in-progress")
    )
    assert ids("--rec", "7", "--rec", "14") == [i for i in ids() if i.split(".")[0] in {"7", "14"}]


def test_blocked_by_repeated_is_any_of() -> None:
    one, other = ids("--blocked-by", "minerva-niche"), ids("--blocked-by", "nutshell-replacement")
    assert set(ids("--blocked-by", "minerva-niche", "--blocked-by", "nutshell-replacement")) == set(
        one
    ) | set(other)


def test_all_lists_done_items_and_status_complete_shows_them() -> None:
    every = ids("--all")
    assert len(every) > len(ids())
    complete = ids("--all", "--status", "complete")
    assert complete and statuses("--all", "--status", "complete") == {"complete"}
    assert ids("--status", "complete") == complete
    result = CliRunner(env=ENV).invoke(app, ["outstanding", "--status", "complete"])
    assert result.stdout.splitlines()[-1] == f"{len(complete)} items."


def test_an_ambiguous_or_unknown_owner_is_a_usage_error_naming_each_body() -> None:
    result = CliRunner(env=ENV).invoke(app, ["outstanding", "--owner", "Home Office"])
    assert result.exit_code == 2
    assert "Police and Crime Commissioners (also PCs, PCCs, mayor equivalents)" in result.stderr


@pytest.mark.parametrize(
    ("command", "spelling", "note"),
    [
        (["outstanding"], "PCs", "--owner 'PCs' is Police and Crime Commissioners (its alias 'PCs')"),
        (["outstanding", "--json"], "CC", "--owner 'CC' is Chief Constables (its alias 'CCs')"),
        (["deadlines"], "OPCC", "--owner 'OPCC' is Police and Crime Commissioners (a usual name for"),
        (
            ["draft", "--due", "2027-03-27"],
            "mayor",
            "--owner 'mayor' is Police and Crime Commissioners (a usual",
        ),
    ],
)
def test_a_name_that_is_not_the_bodys_own_says_which_body_it_was_taken_as(
    command: list[str], spelling: str, note: str
) -> None:
    result = CliRunner(env=ENV).invoke(app, [*command, "--owner", spelling], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(note)
    assert note not in result.stdout
    if "--json" in command:
        assert json.loads(result.stdout)  # the data on stdout is unchanged


def test_the_bodys_own_name_needs_no_note() -> None:
    result = CliRunner(env=ENV).invoke(
        app, ["outstanding", "--owner", "chief constables"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stderr == ""


def test_the_latest_round_is_told_apart_when_titles_share_a_long_start(tmp_path: Path) -> None:
    text = (FIXTURES / "quarterly-force.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("title: Q2 2025/26 Progress Review", "title: Progress Review Q2 2025/26"))
    env = {**ENV, "PLAN_FILE": str(path), "PLAN_TODAY": "2025-11-15"}
    result = CliRunner(env=env).invoke(app, ["outstanding", "--all"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert_reads_at_80(result.stdout)
    rows = result.stdout.split("\n7.2 ")[1].split("\n9.1 ")[0]
    assert "Q2 2025/26" in rows and "…" not in rows.split("in-progress")[1]
