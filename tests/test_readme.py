"""The README is the user's manual: every command is in it, and its examples are real output."""

from __future__ import annotations

import re
import shlex

import pytest
import typer
from typer.testing import CliRunner

from plan_cli.cli import app

from .conftest import PLAN_FILE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": ""}


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_every_command_has_a_section() -> None:
    names = command_names()
    assert {"status", "outstanding", "show", "check", "schema", "init"} <= set(names)
    missing = [name for name in names if f"### `plan {name}`" not in README]
    assert missing == [], f"add a '### `plan NAME`' section to README.md for: {missing}"


def test_quickstart_commands_are_unchanged() -> None:
    assert "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/plan status\n" in README
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest\n"
        in README
    )


def examples() -> list[tuple[str, str]]:
    """Every '$ plan …' line in a console block, with the output shown after it."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def test_readme_has_examples() -> None:
    assert len(examples()) >= 6


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_example_output_is_real(command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    command, _, head = command.partition(" | head -n ")
    program, *args = shlex.split(command)
    assert program == "plan"
    result = CliRunner(env=ENV).invoke(app, args, catch_exceptions=False)
    lines = (result.stdout + result.stderr).splitlines()
    if head:
        lines = lines[: int(head)]
    assert [line.rstrip() for line in lines] == shown.rstrip("\n").splitlines(), (
        f"README.md's output for '{command}' is out of date; run it and paste the real output"
    )
