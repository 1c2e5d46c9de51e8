"""The README and the docs are the user's manual: every command is in it, and its examples are real output.

Every ```console block of README.md and docs/*.md is run from the project
root; a ```console scratch block runs in an empty folder holding the files of
SCRATCH_FILES; the worked round (the ```console round and ```markdown reply
FILE blocks of docs/round.md) runs in order; the ```text init and import
examples of docs/commands.md are replayed in a folder holding the seed. Other
```text blocks are not run. After a change to what a command prints, refresh
the examples with

    .venv/bin/python -m tests.test_readme

and review the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import PLAN_FILE, ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {path: path.read_text(encoding="utf-8") for path in DOCUMENTS}
MANUAL = "\n".join(TEXTS.values())
COMMANDS_PAGE = ROOT / "docs" / "commands.md"
ROUND_PAGE = ROOT / "docs" / "round.md"
README = TEXTS[ROOT / "README.md"]
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": ""}


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_every_command_has_a_section() -> None:
    names = command_names()
    assert {"status", "outstanding", "show", "check", "schema", "init"} <= set(names)
    missing = [name for name in names if f"### `plan {name}`" not in MANUAL]
    assert missing == [], f"add a '### `plan NAME`' section to docs/commands.md for: {missing}"


def test_quickstart_commands_are_unchanged() -> None:
    assert "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/plan status\n" in README
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest\n"
        in README
    )


def examples() -> list[tuple[str, str, str]]:
    """Every '$ plan …' line in a console block of the manual: its page, the command, the output shown."""
    found = []
    for path, text in TEXTS.items():
        for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
            for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                found.append((path.name, command, output))
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
    """The page with every console example's output replaced by the real output."""

    def block(match: re.Match[str]) -> str:
        chunks = re.split(r"^\$ ", match.group(1), flags=re.MULTILINE)
        body = chunks[0] + "".join(
            f"$ {command}\n" + "".join(f"{line}\n" for line in real_output(command))
            for command in (chunk.partition("\n")[0] for chunk in chunks[1:])
        )
        return f"```console\n{body}```"

    return re.sub(r"```console\n(.*?)```", block, readme, flags=re.DOTALL)


# Sections whose examples write files: run in an empty directory holding only the seed.
FILE_EXAMPLES = ("init", "import")
SEED = ROOT / "tests" / "fixtures" / "seed" / "northumbria-stalking-action-plan-march-2026.txt"


def file_example(section: str) -> str:
    """The ```text block of the commands page's '### `plan SECTION`' section."""
    body = TEXTS[COMMANDS_PAGE].split(f"### `plan {section}`\n", 1)[1].split("\n### ", 1)[0]
    found = re.search(r"```text\n(.*?)```", body, flags=re.DOTALL)
    assert found is not None, f"the plan {section} section has no example"
    return found.group(1)


def replayed(block: str) -> str:
    """The block with each '$ plan …' or '$ head -n N FILE' line's output made afresh, in the current directory."""
    out = []
    for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
        command = chunk.partition("\n")[0]
        out.append(f"$ {command}")
        if command.startswith("head -n "):
            _, _, count, name = command.split(" ", 3)
            out += Path(name).read_text(encoding="utf-8").splitlines()[: int(count)]
        else:
            out += real_output(command)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("section", FILE_EXAMPLES)
def test_file_examples_are_real(section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / SEED.name)
    block = file_example(section)
    assert replayed(block) == block, (
        f"docs/commands.md's plan {section} example is out of date; refresh it (see the module docstring)"
    )


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
@pytest.mark.parametrize(
    ("page", "command", "shown"), examples(), ids=[f"{p}: {c}" for p, c, _ in examples()]
)
def test_example_output_is_real(page: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert real_output(command) == shown.rstrip("\n").splitlines(), (
        f"{page}'s output for '{command}' is out of date; refresh it (see the module docstring)"
    )


def refreshed_file_examples(readme: str) -> str:
    """The commands page with the init and import examples replayed, each in an empty directory holding the seed."""
    import tempfile

    for section in FILE_EXAMPLES:
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy(SEED, Path(folder) / SEED.name)
            os.chdir(folder)
            body = readme.split(f"### `plan {section}`\n", 1)[1].split("\n### ", 1)[0]
            found = re.search(r"```text\n(.*?)```", body, flags=re.DOTALL)
            assert found is not None
            block = found.group(1)
            readme = readme.replace(f"```text\n{block}```", f"```text\n{replayed(block)}```", 1)
    os.chdir(ROOT)
    return readme


# ---- examples on files made for them ----------------------------------------------------------
# A ```console scratch block runs in an empty folder holding the files below; '$ echo $?' prints
# the exit status of the command before it.

SCRATCH_FILES = {
    # "one `status: blocked` in a copy of the plan was mistyped `blockd`"
    "broken.yaml": lambda: PLAN_FILE.read_text(encoding="utf-8").replace(
        "status: blocked", "status: blockd", 1
    ),
}
SCRATCH = re.compile(r"```console scratch\n(.*?)```", re.DOTALL)


def run_scratch(text: str, folder: Path, refresh: bool) -> str:
    """Run the page's scratch blocks in ``folder``; return the page refreshed, asserting the outputs unless ``refresh``."""
    for name, made in SCRATCH_FILES.items():
        (folder / name).write_text(made(), encoding="utf-8")

    def block(match: re.Match[str]) -> str:
        chunks = re.split(r"^\$ ", match.group(1), flags=re.MULTILINE)
        body, status = chunks[0], 0
        for chunk in chunks[1:]:
            command, _, shown = chunk.partition("\n")
            if command == "echo $?":
                real = [str(status)]
            else:
                program, *args = shlex.split(command)
                assert program == "plan"
                result = CliRunner(env=ENV).invoke(app, args, catch_exceptions=False)
                real = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
                status = result.exit_code
            if not refresh:
                assert real == shown.rstrip("\n").splitlines(), (
                    f"the output of '{command}' is out of date; refresh it (see the module docstring)"
                )
            body += f"$ {command}\n" + "".join(f"{line}\n" for line in real)
        return f"```console scratch\n{body}```"

    return SCRATCH.sub(block, text)


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
@pytest.mark.parametrize(
    "path", [path for path, text in TEXTS.items() if SCRATCH.search(text)], ids=lambda p: p.name
)
def test_scratch_examples_are_real(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run_scratch(TEXTS[path], tmp_path, refresh=False)


# ---- the update round, worked end to end ---------------------------------------------------
# The worked round (docs/round.md) runs in order on a copy of data/plan.yaml without its declared
# March 2027 round: ```console round blocks are commands and their output, ```markdown reply FILE
# blocks are what an owner typed into a draft, put in place of that item's empty form.

CYCLE_ENV = {**ENV, "PLAN_TODAY": "2026-11-28"}
DECLARED_NEXT = re.compile(
    r"  # Not in the published plan.*?\n  - id: march-2027\n    title: March 2027 Update\n", re.DOTALL
)
STEP = re.compile(r"```(console round|markdown reply (\S+))\n(.*?)```", re.DOTALL)
FORM = re.compile(r"Status \(([\d.]+)\):.*?End of text \(\1\)\n", re.DOTALL)


def cycle_folder(tmp_path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    start, count = DECLARED_NEXT.subn("", text)
    assert count == 1
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(start, encoding="utf-8")


def cycle_output(command: str) -> list[str]:
    command, _, tail = command.partition(" | tail -n ")
    command, _, head = command.partition(" | head -n ")
    program, *args = shlex.split(command)
    assert program == "plan"
    result = CliRunner(env=CYCLE_ENV).invoke(app, args, catch_exceptions=False)
    lines = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    if head:
        lines = lines[: int(head)]
    return lines[-int(tail) :] if tail else lines


def put_reply(path, snippet: str) -> None:
    """Put the reply forms of ``snippet`` in place of the same items' forms in the draft at ``path``."""
    text = path.read_text(encoding="utf-8")
    replies = {match.group(1): match.group(0) for match in FORM.finditer(snippet)}
    assert replies, "a reply block holds at least one filled-in form"
    for item_id, filled in replies.items():
        text, count = re.subn(
            rf"Status \({re.escape(item_id)}\):.*?End of text \({re.escape(item_id)}\)\n",
            lambda _, filled=filled: filled,
            text,
            count=1,
            flags=re.DOTALL,
        )
        assert count == 1, f"{path.name} has no form for {item_id}"
    path.write_text(text, encoding="utf-8")


def run_cycle(readme: str, tmp_path, refresh: bool) -> str:
    """Run the worked example; return the page with its outputs refreshed, asserting them unless ``refresh``."""
    cycle_folder(tmp_path)
    pieces, position = [], 0
    for step in STEP.finditer(readme):
        pieces.append(readme[position : step.start()])
        position = step.end()
        if step.group(2):
            put_reply(tmp_path / step.group(2), step.group(3))
            pieces.append(step.group(0))
            continue
        chunks = re.split(r"^\$ ", step.group(3), flags=re.MULTILINE)
        body = chunks[0]
        for chunk in chunks[1:]:
            command, _, shown = chunk.partition("\n")
            real = cycle_output(command)
            if not refresh:
                assert real == shown.rstrip("\n").splitlines(), (
                    f"docs/round.md's worked round: the output of '{command}' is out of date; refresh it "
                    "(see the module docstring)"
                )
            body += f"$ {command}\n" + "".join(f"{line}\n" for line in real)
        pieces.append(f"```console round\n{body}```")
    pieces.append(readme[position:])
    return "".join(pieces)


def test_the_worked_round_is_real(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(STEP.findall(TEXTS[ROUND_PAGE])) >= 3
    run_cycle(TEXTS[ROUND_PAGE], tmp_path, refresh=False)


def test_the_readme_is_a_front_page() -> None:
    assert len(README.splitlines()) <= 300


def test_the_readme_links_to_files_that_exist_and_to_every_docs_page() -> None:
    """The README's links are not checked by the docs site's build (it is not a page of it): check them here."""
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [link for link in links if "://" not in link]
    assert [link for link in local if not (ROOT / link).is_file()] == []
    pages = {f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md")} - {"docs/index.md"}
    assert sorted(pages - set(local)) == [], "link each docs page from the README's Documentation table"


if __name__ == "__main__":  # python -m tests.test_readme: refresh the manual's examples in place
    import tempfile

    for path, text in TEXTS.items():
        os.chdir(ROOT)
        new = refreshed(text)
        if path == ROUND_PAGE:
            with tempfile.TemporaryDirectory() as folder:
                os.chdir(folder)
                new = run_cycle(new, Path(folder), refresh=True)
        if path == COMMANDS_PAGE:
            new = refreshed_file_examples(new)
        if SCRATCH.search(new):
            with tempfile.TemporaryDirectory() as folder:
                os.chdir(folder)
                new = run_scratch(new, Path(folder), refresh=True)
        os.chdir(ROOT)
        if new != text:
            path.write_text(new, encoding="utf-8")
