"""The README is the user's manual: every command is in it, and its examples are real output.

After a change to what a command prints, refresh the README's examples with

    .venv/bin/python -m tests.test_readme

and review the diff.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest
import typer
from typer.testing import CliRunner

from plan_cli.cli.app import app

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


def real_output(command: str) -> list[str]:
    """What ``command`` (a '$ plan …' line, optionally '| head -n N') prints, run from the project root."""
    command, _, head = command.partition(" | head -n ")
    program, *args = shlex.split(command)
    assert program == "plan"
    result = CliRunner(env=ENV).invoke(app, args, catch_exceptions=False)
    lines = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    return lines[: int(head)] if head else lines


def refreshed(readme: str) -> str:
    """The README with every console example's output replaced by the real output."""

    def block(match: re.Match[str]) -> str:
        chunks = re.split(r"^\$ ", match.group(1), flags=re.MULTILINE)
        body = chunks[0] + "".join(
            f"$ {command}\n" + "".join(f"{line}\n" for line in real_output(command))
            for command in (chunk.partition("\n")[0] for chunk in chunks[1:])
        )
        return f"```console\n{body}```"

    return re.sub(r"```console\n(.*?)```", block, readme, flags=re.DOTALL)


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_example_output_is_real(command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert real_output(command) == shown.rstrip("\n").splitlines(), (
        f"README.md's output for '{command}' is out of date; refresh it (see the module docstring)"
    )


if __name__ == "__main__":  # python -m tests.test_readme: refresh the README's examples in place
    os.chdir(ROOT)
    (ROOT / "README.md").write_text(refreshed(README), encoding="utf-8")
