"""The app as a whole: finding the plan, --today, exit codes, and help with an example on every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plan_cli import __version__
from plan_cli.cli.app import COMMANDS

from ..conftest import MINIMAL_FILE, PLAN_FILE, ROOT
from .runner import ENV, broken_plan, run, run_real

CONSOLE_ENV = {**ENV, "PLAN_FILE": str(PLAN_FILE)}


def test_bad_today_is_a_usage_error() -> None:
    code, _, err = run("status", "--plan", str(MINIMAL_FILE), "--today", "28/11/2026")
    assert code == 2
    assert "--today '28/11/2026' is not a date" in err


def test_plan_file_env_and_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("status", env={"PLAN_FILE": str(MINIMAL_FILE)})
    assert code == 0 and out.startswith("Test plan")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(MINIMAL_FILE.read_text())
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    code, out, _ = run("status")
    assert code == 0 and out.startswith("Test plan")


def test_no_plan_found_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("status")
    assert code == 2
    assert "give one with --plan PATH or set PLAN_FILE" in err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", "--plan", str(MINIMAL_FILE)], 0),
        (["check", "--plan", "BROKEN"], 1),
        (["status", "--plan", str(MINIMAL_FILE), "--today", "yesterday"], 2),
        (["show", "99", "--plan", str(MINIMAL_FILE)], 2),
        (["status", "--no-such-option"], 2),
        (["no-such-command"], 2),
    ],
)
def test_documented_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    args = [str(broken_plan(tmp_path)) if a == "BROKEN" else a for a in args]
    assert run(*args)[0] == code


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0
    assert f"Example: plan {name}" in out


# ---- conventions every command shares: --version, plan help, one error style, word metavars, a closed pipe


def test_version() -> None:
    assert run_real("--version") == (0, f"plan {__version__}\n", "")


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"round"}))
def test_help_command_is_the_commands_own_help(name: str) -> None:
    code, out, _ = run_real("help", name)
    assert code == 0
    assert out.rstrip("\n") == run_real(name, "--help")[1].rstrip("\n")


def test_help_without_a_command_lists_them_and_an_unknown_one_is_a_usage_error() -> None:
    code, out, _ = run_real("help")
    assert code == 0 and all(name in out for name in COMMANDS)
    code, out, err = run_real("help", "nosuch")
    assert code == 2 and out == ""
    assert err.startswith("error: there is no command 'nosuch'; commands are: status, ")


@pytest.mark.parametrize(
    ("args", "first", "usage"),
    [
        (["outstanding", "--bogus"], "error: no such option: --bogus", "Usage: plan outstanding [OPTIONS]"),
        (["show"], "error: missing argument 'ITEM'.", "Usage: plan show [OPTIONS] ITEM"),
        (["outstanding", "--rec", "x"], "error: invalid value for '--rec': 'x' is not a valid int", None),
        (["nosuch"], "error: no such command 'nosuch'.", "Usage: plan [OPTIONS] COMMAND [ARGS]..."),
        (["outstanding", "--owner", "nobody"], "error: no owner in the plan matches 'nobody'", None),
        (["show", "99.9"], "error: '99.9' is neither an item id nor a recommendation number", None),
    ],
)
def test_parser_and_tool_usage_errors_read_alike(args: list[str], first: str, usage: str | None) -> None:
    code, out, err = run_real(*args)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(first), err
    assert lines[-2].startswith("Usage: plan"), err
    if usage:
        assert lines[-2] == usage
    assert lines[-1].startswith("Try 'plan") and lines[-1].endswith(" -h' for help.")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_usage_lines_read_as_words(name: str) -> None:
    _, out, _ = run_real(name, "--help")
    for bad in ("{", "}", "<str>", "<int>", "INTEGER", " TEXT "):
        assert bad not in out.split("\n\n", 1)[0] + out.split("Options:", 1)[-1], (name, bad)


def console_script(*args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from plan_cli.cli import main; sys.argv[0] = 'plan'; main()",
        *args,
    ]


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["show", "14", "--plan", str(PLAN_FILE)], 0),
        (["export", "--format", "md", "--plan", str(PLAN_FILE)], 0),
        (["outstanding", "--json", "--plan", str(PLAN_FILE)], 0),
        (["schema"], 0),
    ],
)
def test_a_closed_pipe_ends_quietly_with_the_commands_status(args: list[str], status: int) -> None:
    """The reader is gone before the first write (``| head -1`` gone early): no error, the command's status."""
    env = {**os.environ, **CONSOLE_ENV, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(console_script(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert err == b""


def test_a_closed_pipe_keeps_a_failing_commands_status(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: blockd"))
    env = {**os.environ, **CONSOLE_ENV, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        console_script("status", "--plan", str(broken)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and b"'blockd' is not a status" in err


def test_plan_alone_prints_the_help_to_stderr_and_exits_2() -> None:
    code, out, err = run_real()
    assert code == 2 and out == ""
    assert err.startswith("Usage: plan [OPTIONS] COMMAND [ARGS]...\n") and "Commands:" in err


@pytest.mark.parametrize("topic", ["format", "templates", "round", "layouts"])
def test_help_prints_the_manual_pages(topic: str) -> None:
    from plan_cli.cli.help import TOPICS, manual_page

    from ..conftest import ROOT

    code, out, _ = run_real("help", topic)
    assert code == 0
    assert out == manual_page(topic) == (ROOT / "docs" / TOPICS[topic]).read_text(encoding="utf-8")


def test_plan_help_names_every_manual_page() -> None:
    from plan_cli.cli.help import TOPICS

    code, out, _ = run_real("--help")
    assert code == 0
    flat = " ".join(out.split())
    assert [topic for topic in TOPICS if f"plan help {topic}" not in flat] == []
