"""Atomic writes: a new file appears whole, an old one is never lost or half-written."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from plan_cli import writer
from plan_cli.errors import WriteError
from plan_cli.writer import write_document


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writer left behind (there must be none)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_document(target, "# Report\n£ – ✓\n".encode())
    assert target.read_text(encoding="utf-8") == "# Report\n£ – ✓\n"
    assert leftovers(tmp_path) == []


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "report.md"
        write_document(target, b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.md"
    target.write_bytes(b"the owners' edits")
    before = target.stat().st_mtime_ns
    with pytest.raises(WriteError, match=r"draft\.md: already exists; pass --force"):
        write_document(target, b"new draft")
    assert target.read_bytes() == b"the owners' edits"
    assert target.stat().st_mtime_ns == before
    assert leftovers(tmp_path) == []


def test_overwrites_with_force_keeping_permissions(tmp_path: Path) -> None:
    target = tmp_path / "draft.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_document(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.md"
    with pytest.raises(WriteError, match=r"the directory '.*nowhere' does not exist; create it first"):
        write_document(target, b"x")
    assert not target.parent.exists()


def test_a_directory_in_the_files_place_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a directory"):
        write_document(tmp_path, b"x", force=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="permission denied"):
            write_document(folder / "report.md", b"x")
    finally:
        folder.chmod(0o700)


def test_unwritable_directory_is_a_clear_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=r"cannot write in '.*' \(permission denied\)"):
        write_document(tmp_path / "report.md", b"x")


def test_failure_while_moving_into_place_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.html"
    target.write_bytes(b"published version")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", fail)
    with pytest.raises(WriteError, match=r"\(No space left on device\); the old file is unchanged"):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.html"
    target.write_bytes(b"published version")

    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer.os, "fsync", fail)
    with pytest.raises(WriteError, match="Input/output error"):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.html"
    target.write_bytes(b"published version")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def race_in_after_the_temporary_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make another writer create ``target`` between our temporary file and the move into place."""
    real_write = writer._write_temporary

    def write_then_race(path: Path, data: bytes) -> str:
        temporary = real_write(path, data)
        target.write_bytes(b"someone else's file")
        return temporary

    monkeypatch.setattr(writer, "_write_temporary", write_then_race)


def test_file_appearing_meanwhile_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.md"
    race_in_after_the_temporary_file(target, monkeypatch)
    with pytest.raises(WriteError, match="already exists"):
        write_document(target, b"mine")
    assert target.read_bytes() == b"someone else's file"
    assert leftovers(tmp_path) == []


def test_without_hard_links_still_refuses_a_file_appearing_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(writer.os, "link", no_links)
    target = tmp_path / "draft.md"
    write_document(target, b"first")
    assert target.read_bytes() == b"first"
    target.unlink()
    race_in_after_the_temporary_file(target, monkeypatch)
    with pytest.raises(WriteError, match="already exists"):
        write_document(target, b"second")
    assert target.read_bytes() == b"someone else's file"
    assert leftovers(tmp_path) == []
