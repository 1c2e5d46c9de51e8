"""Shell completion: candidates from the plan in use, and silence when there is no usable plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plan_cli.cli import completion
from plan_cli.cli.app import app
from plan_cli.plan.model import Plan
from plan_cli.reading.loader import load_plan

from ..conftest import MINIMAL_FILE, PLAN_FILE


@pytest.fixture(scope="module")
def minimal() -> Plan:
    return load_plan(MINIMAL_FILE).plan


def values(candidates: list[tuple[str, str]]) -> list[str]:
    return [value for value, _ in candidates]


def test_item_ids_complete_within_a_recommendation(minimal: Plan) -> None:
    assert completion.item_ids(minimal, "7.") == [
        ("7.1", "Processes should be put in place"),
        ("7.2", "recommendation 7"),
    ]
    assert values(completion.item_ids(minimal, "25")) == ["25.1"]
    assert completion.item_ids(minimal, "9") == []


def test_show_offers_recommendations_then_items(minimal: Plan) -> None:
    assert values(completion.items_and_recommendations(minimal, "")) == ["7", "25", "7.1", "7.2", "25.1"]
    assert values(completion.items_and_recommendations(minimal, "2")) == ["25", "25.1"]


def test_recommendation_numbers_carry_their_text(minimal: Plan) -> None:
    assert completion.recommendation_numbers(minimal, "7") == [("7", "By 27 March 2025, do things")]


def test_owners_include_aliases_and_published_owner_texts(minimal: Plan) -> None:
    assert completion.owners(minimal, "c") == [
        ("Chief Constables", "body"),
        ("CCs", "alias of Chief Constables"),
        (
            "CCs, PCs and their mayor equivalents",
            "owner text: Chief Constables, Police and Crime Commissioners",
        ),
    ]
    assert values(completion.owners(minimal, "PCC")) == ["PCCs"]


def test_owners_offer_what_a_usual_name_means(minimal: Plan) -> None:
    assert completion.owners(minimal, "OPCC") == [("Police and Crime Commissioners", "what 'OPCC' means")]
    assert values(completion.owners(minimal, "chief constable ")) == ["Chief Constables"]
    assert completion.owners(minimal, "nobody") == []


def test_dependency_ids_and_round_titles(minimal: Plan) -> None:
    assert completion.dependency_ids(minimal, "min") == [
        ("minerva-niche", "Niche change for included classifications")
    ]
    assert completion.round_titles(minimal, "march") == [("March 2025 Update", "round march-2025")]
    assert values(completion.round_titles(minimal, "")) == [
        "Initial Action Plan Response",
        "March 2025 Update",
    ]


def test_round_publish_is_offered_the_rounds_not_yet_published(minimal: Plan) -> None:
    published = minimal._replace(
        rounds=(minimal.rounds[0]._replace(published=date(2024, 12, 1)), minimal.rounds[1])
    )
    assert completion.unpublished_round_ids(published, "") == [("march-2025", "March 2025 Update")]
    assert completion.unpublished_round_ids(published, "i") == []


def complete(words: str, env: dict[str, str] | None = None, on: typer.Typer = app) -> tuple[list[str], str]:
    """Drive Typer's own bash completion, as the shell script installed by --install-completion does."""
    parts = words.split(" ")
    runner = CliRunner(
        env={
            "_PLAN_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            "PLAN_FILE": "",
            **(env or {}),
        }
    )
    result = runner.invoke(on, [], prog_name="plan", catch_exceptions=False)
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line], result.stderr


def renumbered_plan(tmp_path: Path) -> Path:
    """The minimal plan with recommendation 7 renumbered 14 and its items 14.1 and 14.3."""
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    text = text.replace("number: 7", "number: 14").replace('"7.1"', '"14.1"').replace('"7.2"', '"14.3"')
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_show_completes_item_ids_from_the_plan_given_with_plan(tmp_path: Path) -> None:
    path = renumbered_plan(tmp_path)
    assert complete(f"plan show --plan {path} 14.") == (["14.1", "14.3"], "")


def test_show_completes_from_plan_file(tmp_path: Path) -> None:
    assert complete("plan show 14.", {"PLAN_FILE": str(renumbered_plan(tmp_path))}) == (["14.1", "14.3"], "")


def test_show_completes_from_the_discovered_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    renumbered_plan(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert complete("plan show 14.") == (["14.1", "14.3"], "")


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_show_offers_14_3_from_the_real_plan() -> None:
    offered, _ = complete("plan show 14.", {"PLAN_FILE": str(PLAN_FILE)})
    assert "14.3" in offered
    assert all(value.startswith("14.") for value in offered)


def test_outstanding_completes_owners_and_recommendations() -> None:
    env = {"PLAN_FILE": str(MINIMAL_FILE)}
    assert complete("plan outstanding --owner Police", env)[0] == ["Police and Crime Commissioners"]
    assert complete("plan outstanding --rec 2", env)[0] == ["25"]


@pytest.mark.parametrize("plan_file", ["/nonexistent/plan.yaml", "BROKEN", "DIRECTORY"])
def test_no_usable_plan_means_no_candidates_and_no_error_text(tmp_path: Path, plan_file: str) -> None:
    if plan_file == "BROKEN":
        broken = tmp_path / "plan.yaml"
        broken.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
        plan_file = str(broken)
    elif plan_file == "DIRECTORY":
        plan_file = str(tmp_path)
    offered, err = complete("plan show 7", {"PLAN_FILE": plan_file})
    assert offered == []
    assert err == ""


def test_no_plan_anywhere_means_no_candidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete("plan show 7") == ([], "")


def test_blocked_by_and_draft_round_complete_from_the_plan() -> None:
    env = {"PLAN_FILE": str(MINIMAL_FILE)}
    assert complete("plan outstanding --blocked-by m", env)[0] == ["minerva-niche"]
    assert complete("plan draft --round M", env)[0] == ["March 2025 Update"]
