"""Atomic, no-overwrite writes: nothing half-written, nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plan_cli.errors import WriteError
from plan_cli.writer import write_document


def test_writes_utf8_text_with_the_characters_intact(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    write_document(target, "title: Stalking – “plan” é\n")
    assert target.read_bytes() == "title: Stalking – “plan” é\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_refuses_to_overwrite_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("precious\n")
    with pytest.raises(WriteError, match="already exists; not overwritten") as caught:
        write_document(target, "new\n")
    assert caught.value.exit_code == 1
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_document(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_gets_the_umask_mode_not_the_temporary_files(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_document(tmp_path / "plan.yaml", "x\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "plan.yaml").stat().st_mode & 0o777 == 0o644


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist; create it first"):
        write_document(tmp_path / "nope" / "plan.yaml", "x\n")
    assert not (tmp_path / "nope").exists()


def test_directory_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a directory"):
        write_document(tmp_path, "x\n", force=True)
