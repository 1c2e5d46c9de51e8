"""Nothing lost: a read command (or a writing one without --output) writes nothing, valid plan or not."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import MINIMAL_FILE, PLAN_FILE

ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": "2026-11-28"}
READ_COMMANDS = [
    ["status"],
    ["outstanding"],
    ["outstanding", "--json"],
    ["show", "7.1"],
    ["show", "7"],
    ["check"],
    ["check", "--strict"],
    ["deps"],
    ["deps", "--json"],
    ["deadlines"],
    ["deadlines", "--json"],
    ["deadlines", "--owner", "CCs"],
    ["deadlines", "--format", "ics"],
    ["schema"],
    # Without --output these print the document instead of writing it.
    ["report"],
    ["draft", "--due", "2027-03-27"],
    ["draft", "--all"],
    ["draft", "--format", "docx"],
    ["export", "--format", "md"],
    ["export", "--format", "html"],
    ["export", "--format", "html", "--fragment"],
    ["export", "--format", "docx"],
    ["report", "--format", "docx"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    # A dry run prints the change to the plan file instead of making it.
    ["apply", "--dry-run", "draft.md"],
    ["apply", "--dry-run", "draft.docx"],
]
REGISTERED = {
    command.name or (command.callback.__name__ if command.callback else "")
    for command in app.registered_commands
}


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under ``root``: size, mtime (ns) and content hash."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            found[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns, digest)
    return found


@pytest.mark.parametrize(
    "plan_file", [PLAN_FILE, MINIMAL_FILE, Path(__file__).parent / "bad" / "unknown-status.yaml"]
)
@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_commands_write_nothing(
    args: list[str], plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if args[0] not in REGISTERED:
        pytest.skip(f"plan {args[0]} does not exist on this branch")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_bytes(plan_file.read_bytes())
    monkeypatch.chdir(tmp_path)  # the plan is found as data/plan.yaml, as a user runs it
    before = snapshot(tmp_path)
    result = CliRunner(env=ENV).invoke(app, args)
    # a plan with no open round has nothing to draft or apply: a usage error, and still nothing written
    assert result.exit_code in ((0, 1, 2) if args[0] in ("draft", "apply") else (0, 1)), result.output
    assert snapshot(tmp_path) == before
