"""plan init: a starting plan from the catalogue (or --from a plan) that plan check accepts, never clobbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_cli.plan.catalogue import load_catalogue
from plan_cli.reading.loader import load_plan

from ..conftest import MINIMAL_FILE, PLAN_FILE, ROOT
from .runner import run

REFUSAL = "An existing PATH is refused (exit 1) unless --force is given."


def test_init_from_the_catalogue_in_an_empty_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "data/wessex.yaml", "--force-name", "Wessex Constabulary")
    assert code == 0, err
    assert out == ""
    assert err.startswith(
        "data/wessex.yaml: wrote a starting plan for Wessex Constabulary: 14 recommendations, "
        "33 evidence items, no updates yet."
    )
    code, out, err = run("check", "--plan", "data/wessex.yaml")
    assert code == 0, out + err
    assert "valid plan: 14 recommendations, 33 evidence items, 0 warnings." in out + err
    started = load_plan(tmp_path / "data" / "wessex.yaml").plan
    catalogue = load_catalogue()
    assert started.force == "Wessex Constabulary"
    assert [(r.id, r.title, r.due) for r in started.rounds] == [tuple(catalogue.first_round)]
    assert [(r.number, r.text, r.deadline, r.owner, r.owners) for r in started.recommendations] == [
        (r.number, r.text, r.deadline, r.addressees, r.owners) for r in catalogue.recommendations
    ]
    assert [(i.id, i.evidence) for i in started.items] == [
        (i.id, i.evidence) for r in catalogue.recommendations for i in r.items
    ]
    assert all(i.updates == () for i in started.items)
    text = (tmp_path / "data" / "wessex.yaml").read_text()
    assert "$schema" not in text  # no plan.schema.json here or above
    assert "#           initial:\n#             status: in-progress" in text


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_init_from_the_catalogue_holds_no_northumbria_text(tmp_path: Path) -> None:
    target = tmp_path / "wessex.yaml"
    code, _, err = run("init", str(target), "--force-name", "Wessex Constabulary")
    assert code == 0, err
    text = target.read_text()
    northumbria = load_plan(PLAN_FILE).plan
    answers = [northumbria.force, northumbria.executive_lead or "", northumbria.operational_lead or ""]
    for item in northumbria.items:
        for update in item.updates:
            answers += [update.text or "", *(p.text for p in update.parts)]
        answers += [m.text for m in item.milestones]
    assert "Northumbria" not in text
    assert [a for a in answers if a and a in text] == []
    assert "27 March 2025, make sure" in text and "By 27 March 2025, make sure" in text  # rec 17 as templated
    assert "By 22 November 2024 (56 days from publication), publish" in text  # rec 28 as templated


def test_init_writes_a_schema_line_relative_to_the_new_plan(tmp_path: Path) -> None:
    (tmp_path / "plan.schema.json").write_text("{}")
    target = tmp_path / "plans" / "2026" / "plan.yaml"
    code, _, err = run("init", str(target))
    assert code == 0, err
    assert target.read_text().splitlines()[0] == "# yaml-language-server: $schema=../../plan.schema.json"
    assert "force: Your Force Name   # replace with your force's name" in target.read_text()


def test_init_from_a_plan_copies_its_recommendations_and_rounds(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    code, out, err = run(
        "init", str(target), "--force-name", "Durham Constabulary", "--from", str(MINIMAL_FILE)
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
    source = load_plan(MINIMAL_FILE).plan
    assert started.force == "Durham Constabulary"
    assert started.rounds == source.rounds
    assert [i.id for i in started.items] == ["7.1", "7.2", "25.1"]
    assert all(not i.updates for i in started.items)
    code, out, _ = run("status", "--plan", str(target))
    assert code == 0
    assert "Latest round:  none reported yet" in out
    assert "not-started   3" in out


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("my force's plan\n")
    code, out, err = run("init", str(target))
    assert code == 1
    assert out == ""
    assert err.startswith(
        f"error: {target}: already exists; pass --force to overwrite it, or choose another file"
    )
    assert target.read_text() == "my force's plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    code, _, err = run("init", str(target), "--force")
    assert code == 0, err
    assert load_plan(target).plan.force == "Your Force Name"


def test_init_with_an_invalid_source_plan_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    code, _, err = run("init", str(tmp_path / "new" / "plan.yaml"), "--from", str(source))
    assert code == 1
    assert f"{source}:39:21:" in err
    assert not (tmp_path / "new").exists()


def test_init_with_an_empty_force_name_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "new.yaml"), "--force-name", " ")
    assert code == 2
    assert "--force-name is empty" in err
    assert not (tmp_path / "new.yaml").exists()


def test_help_and_the_manual_say_the_same_about_force() -> None:
    code, out, _ = run("init", "--help")
    assert code == 0
    assert REFUSAL in " ".join(out.split())
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    section = readme.split("### `plan init`", 1)[1].split("\n### ", 1)[0]
    assert REFUSAL in " ".join(section.split())
    assert "never overwrites" not in section
