"""Every command reads a file a person names the same way: the same limits, the same messages."""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, MINIMAL_FILE, ROOT
from .runner import ENV, run

UTF16 = "p.yaml: is saved as UTF-16; save it as UTF-8 (in most editors: Save As, Encoding)\n"


@pytest.fixture
def utf16_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "p.yaml"
    path.write_bytes(MINIMAL_FILE.read_text(encoding="utf-8").encode("utf-16"))
    return path


@pytest.mark.parametrize(
    "command",
    [["status"], ["check"], ["round", "open", "Spring 2027 Update"], ["apply", "draft.md"]],
    ids=["status", "check", "round-open", "apply"],
)
def test_a_utf16_plan_gets_the_same_message_from_every_command(utf16_plan: Path, command: list[str]) -> None:
    before = utf16_plan.read_bytes()
    code, out, err = run(*command, "--plan", "p.yaml")
    assert code == 1 and out == ""
    assert err.splitlines(keepends=True)[0] == UTF16
    assert "UTF-8 first" not in err and "Traceback" not in err
    assert utf16_plan.read_bytes() == before


@pytest.fixture
def open_round(tmp_path: Path) -> Path:
    """A copy of the minimal plan with a round open for replies."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL_FILE.read_bytes())
    code, _, err = run("round", "open", "Spring 2027 Update", "--plan", str(plan))
    assert code == 0, err
    return plan


def test_apply_refuses_an_endless_draft_in_bounded_memory(open_round: Path) -> None:
    plan = open_round
    before = plan.read_bytes()

    def small_memory() -> None:  # far less than reading /dev/zero to its end would need
        resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))

    done = subprocess.run(
        [sys.executable, "-m", "plan_cli", "apply", "/dev/zero", "--plan", str(plan)],
        capture_output=True,
        text=True,
        env={**ENV, "PATH": "/usr/bin:/bin", "PLAN_NO_CACHE": "1"},
        preexec_fn=small_memory,
        timeout=60,
        check=False,
    )
    assert done.returncode in (1, 2), done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith(
        "/dev/zero: holds more than 32 MB; a draft may be at most 32 MB. Is this the right file?\n"
    )
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert plan.read_bytes() == before


def test_apply_names_each_draft_it_cannot_read(open_round: Path, tmp_path: Path) -> None:
    plan = open_round
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    latin = tmp_path / "latin.md"
    latin.write_bytes("Status: caf\u00e9\n".encode("cp1252"))
    code, out, err = run("apply", str(fifo), str(latin), str(tmp_path / "gone.md"), "--plan", str(plan))
    assert code == 1 and out == ""
    assert sorted(err.splitlines()[:3]) == sorted(
        [
            f"{fifo}: is a FIFO (named pipe), not a draft; give the draft's file itself",
            f"{latin}:1:12: is not valid UTF-8 (byte 0xe9 at offset 11); save the file as UTF-8",
            f"{tmp_path / 'gone.md'}: the draft is missing (no such file); check the path",
        ]
    )


def test_round_open_on_an_invalid_plan_gives_the_loaders_own_messages(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    before = plan.read_bytes()
    checked = run("check", "--plan", str(plan))
    opened = run("round", "open", "Spring 2027 Update", "--plan", str(plan))
    assert opened[0] == 1 and opened[1] == ""
    assert "would not load" not in opened[2]
    problems = [line for line in checked[2].splitlines() if "is not a status" in line]
    assert problems and opened[2].splitlines()[: len(problems)] == problems
    assert opened[2].endswith(
        f"{len(problems)} error{'s' if len(problems) > 1 else ''}; "
        f"fix {'them' if len(problems) > 1 else 'it'} and run 'plan check' again.\n"
    )
    assert plan.read_bytes() == before


def reading_examples() -> list[tuple[list[str], str]]:
    """The commands in docs/format.md's "How files are read", each with the stderr shown under it."""
    section = (ROOT / "docs" / "format.md").read_text(encoding="utf-8").split("## How files are read\n", 1)[1]
    block = section.split("```console files\n", 1)[1].split("```", 1)[0]
    examples: list[tuple[list[str], str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ plan "):
            examples.append((shlex.split(line[len("$ plan ") :]), ""))
        else:
            args, shown = examples[-1]
            examples[-1] = (args, shown + line)
    return examples


def test_the_reading_examples_in_the_docs_are_what_plan_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    plan = tmp_path / "data" / "plan.yaml"
    plan.write_bytes(MINIMAL_FILE.read_bytes())
    assert run("round", "open", "Spring 2027 Update")[0] == 0
    (tmp_path / "plan-utf16.yaml").write_bytes(MINIMAL_FILE.read_text(encoding="utf-8").encode("utf-16"))
    os.mkfifo(tmp_path / "draft.md")
    shutil.copytree(FIXTURES / "forces", tmp_path / "plans")
    (tmp_path / "same.yaml").write_text("a: [b]\na: [c]\n", encoding="utf-8")
    (tmp_path / "ids.yaml").write_text("- a\n- b\n", encoding="utf-8")
    examples = reading_examples()
    assert len(examples) >= 5
    for args, shown in examples:
        code, out, err = run(*args)
        assert (code, out, err) == (1, "", shown), args
