"""The bad-input corpus: every file in tests/bad/ through every read command.

tests/bad/expected.toml holds, for each case, the exact stderr of plan check and
the exit code (``{file}`` stands for the path given to --plan); the other
commands print the same but for the file name in the summary line. A case the corpus cannot
hold as a small file (missing, a directory, unreadable, huge, deeply nested)
is generated into tmp_path by the function of the same name below.

Each command must print exactly the expected message, exit as expected,
print nothing on stdout when it fails, never show a traceback and write
nothing (the working directory is a fresh tmp_path).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from plan_cli.basics import files
from plan_cli.cli.app import app
from plan_cli.reading.loader import load_plan

from ..conftest import MINIMAL_FILE

BAD = Path(__file__).resolve().parent.parent / "bad"
EXPECTED: dict[str, dict[str, object]] = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": ""}
TODAY = "2026-11-28"
COMMANDS = {
    "check": ["check"],
    "status": ["status"],
    "outstanding-json": ["outstanding", "--json"],
    "show": ["show", "7.1"],
}


def invoke(args: list[str], path: Path) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner(env=ENV).invoke(app, [*args, "--plan", str(path), "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr, result.exception


# --- generated cases -------------------------------------------------------------


def missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return tmp_path / "missing-file.yaml"


def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "directory.yaml"
    path.mkdir()
    return path


def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "unreadable.yaml"
    path.write_text(MINIMAL_FILE.read_text())
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything (CI runs as root): simulate what a user would see
        real_open = os.open

        def refusing_open(file: str, *args: int) -> int:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args)

        monkeypatch.setattr(files.os, "open", refusing_open)
    return path


def too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "too-large-file.yaml"
    with path.open("wb") as file:
        file.truncate(65 * 1024 * 1024)  # sparse: the size is refused before anything is read
    return path


def very_long_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "very-long-value.yaml"
    text = MINIMAL_FILE.read_text().replace("title: Test plan", "title: " + "x" * 1_000_000, 1)
    path.write_text(text)
    return path


def deep_nesting_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "deep-nesting-flow.yaml"
    path.write_text(MINIMAL_FILE.read_text() + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n")
    return path


def deep_nesting_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "deep-nesting-block.yaml"
    lines = "".join(" " * level + "- \n" for level in range(0, 2 * 3000, 2))
    path.write_text(MINIMAL_FILE.read_text() + "notes:\n" + lines)
    return path


def dev_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return Path("/dev/zero")  # endless, and fstat says 0 bytes: only a bounded read refuses it


GENERATED: dict[str, Callable[[Path, pytest.MonkeyPatch], Path]] = {
    "missing-file": missing_file,
    "directory": directory,
    "unreadable": unreadable,
    "too-large-file": too_large_file,
    "very-long-value": very_long_value,
    "deep-nesting-flow": deep_nesting_flow,
    "deep-nesting-block": deep_nesting_block,
    "dev-zero": dev_zero,
}


def case_path(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if name in GENERATED:
        return GENERATED[name](tmp_path, monkeypatch)
    return BAD / f"{name}.yaml"


# --- the corpus ------------------------------------------------------------------


def expected_stderr(check_stderr: str, command: str, path: Path) -> str:
    """The table holds what plan check prints; check names the file in its summary line
    (it can check several files), the other commands do not, and print no summary for
    a file they cannot read at all."""
    lines = check_stderr.splitlines(keepends=True)
    if command != "check" and lines[-1] == "{file}: not checked.\n":
        lines.pop()  # a file that cannot be read: the other commands say only that
    elif command != "check":
        lines[-1] = lines[-1].removeprefix("{file}: ")
    return "".join(lines).replace("{file}", str(path))


def test_every_corpus_file_has_an_expected_outcome_and_back() -> None:
    files = {path.stem for path in BAD.glob("*.yaml")}
    assert files - set(EXPECTED) == set(), "corpus files without an entry in expected.toml"
    assert set(EXPECTED) - files - set(GENERATED) == set(), "expected.toml entries without a file"
    assert set(GENERATED) <= set(EXPECTED)


@pytest.fixture(scope="module")
def clean_outputs() -> dict[str, tuple[int, str, str, BaseException | None]]:
    """What each command prints for the clean minimal plan, to compare accepted cases with."""
    return {command: invoke(args, MINIMAL_FILE) for command, args in COMMANDS.items()}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(
    name: str,
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean_outputs: dict[str, tuple[int, str, str, BaseException | None]],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = case_path(name, tmp_path, monkeypatch)
    expected = EXPECTED[name]

    code, out, err, exception = invoke(COMMANDS[command], path)

    assert "Traceback" not in out + err
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert code == expected["exit"], err
    if code != 0:
        assert out == ""
        assert err == expected_stderr(str(expected["stderr"]), command, path)
    elif command == "check":
        assert err == str(expected["stderr"]).replace("{file}", str(path))
    else:  # accepted (a byte-order mark, CRLF): reads exactly like the clean plan
        clean_code, clean_out, clean_err, _ = clean_outputs[command]
        if name != "nbsp-in-text-value":
            assert (code, out, err) == (clean_code, clean_out, clean_err)
        else:
            assert err == "" and out
    assert list(work.iterdir()) == [], "a read command wrote something"


def test_accepted_encodings_read_as_the_same_plan() -> None:
    clean = load_plan(MINIMAL_FILE).plan
    for name in ("bom-at-start", "crlf-line-endings", "bom-and-crlf"):
        assert load_plan(BAD / f"{name}.yaml").plan == clean, name


def test_a_non_breaking_space_in_published_text_is_kept() -> None:
    plan = load_plan(BAD / "nbsp-in-text-value.yaml").plan
    item = plan.item("25.1")
    assert item is not None and item.latest_update is not None
    assert item.latest_update.text == "Funding has been extended to 26th\u00a0June 2026."


@pytest.mark.parametrize("name", ["python-object-apply", "python-object-new"])
def test_python_tags_run_nothing(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in COMMANDS.values():
        code, _, _, _ = invoke(args, BAD / f"{name}.yaml")
        assert code == 1
    assert not (tmp_path / "plan-was-executed").exists()


def test_the_python_tag_canary_fires_under_an_unsafe_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proves the test above could fail: PyYAML's unsafe loader runs the tag and creates the file."""
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load((BAD / "python-object-apply.yaml").read_text())
    assert (tmp_path / "plan-was-executed").exists()
