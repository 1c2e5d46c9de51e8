"""Atomic writes: a new file appears whole, an old one is never lost or half-written."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from plan_cli.basics import atomic_write
from plan_cli.basics.atomic_write import write_document
from plan_cli.basics.errors import WriteError


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

    monkeypatch.setattr(atomic_write.os, "replace", fail)
    with pytest.raises(WriteError, match=r"\(No space left on device\); the old file is unchanged"):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.html"
    target.write_bytes(b"published version")

    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic_write.os, "fsync", fail)
    with pytest.raises(WriteError, match="Input/output error"):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.html"
    target.write_bytes(b"published version")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_write.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_document(target, b"new version", force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


def race_in_after_the_temporary_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make another writer create ``target`` between our temporary file and the move into place."""
    real_write = atomic_write._write_temporary

    def write_then_race(path: Path, data: bytes) -> str:
        temporary = real_write(path, data)
        target.write_bytes(b"someone else's file")
        return temporary

    monkeypatch.setattr(atomic_write, "_write_temporary", write_then_race)


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

    monkeypatch.setattr(atomic_write.os, "link", no_links)
    target = tmp_path / "draft.md"
    write_document(target, b"first")
    assert target.read_bytes() == b"first"
    target.unlink()
    race_in_after_the_temporary_file(target, monkeypatch)
    with pytest.raises(WriteError, match="already exists"):
        write_document(target, b"second")
    assert target.read_bytes() == b"someone else's file"
    assert leftovers(tmp_path) == []


# ---- what may be replaced -------------------------------------------------------


def special_files(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a socket and (where the machine allows mknod) a copy of /dev/null's device node."""
    found: dict[str, Path] = {}
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    found["FIFO"] = fifo
    listening = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(listening))
    server.close()
    found["socket"] = listening
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
    except (PermissionError, OSError):
        pass
    else:
        found["character device"] = device
    return found


@pytest.mark.parametrize("force", [False, True])
def test_force_never_replaces_a_device_fifo_or_socket(tmp_path: Path, force: bool) -> None:
    specials = special_files(tmp_path)
    for kind, path in specials.items():
        before = os.lstat(path)
        with pytest.raises(WriteError, match="not a regular file; plan writes only regular files"):
            write_document(path, b"x", force=force)
        after = os.lstat(path)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode), kind
        assert after.st_rdev == before.st_rdev
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mknod"), reason="no mknod")
def test_a_copied_device_node_is_refused_by_kind(tmp_path: Path) -> None:
    device = special_files(tmp_path).get("character device")
    if device is None:
        pytest.skip("this machine does not allow mknod")
    with pytest.raises(WriteError, match=r"null: is a character device, not a regular file"):
        write_document(device, b"x", force=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_symlink_is_replaced_by_the_file_and_its_target_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"kept")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    write_document(link, b"new", force=True)
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert target.read_bytes() == b"kept"


def test_a_read_only_file_is_refused_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "published.html"
    target.write_bytes(b"published")
    target.chmod(0o444)
    with pytest.raises(WriteError, match=r"is read-only \(mode 0444\); make it writable first"):
        write_document(target, b"new", force=True)
    assert target.read_bytes() == b"published"
    assert leftovers(tmp_path) == []


def test_set_id_bits_are_not_carried_over(tmp_path: Path) -> None:
    target = tmp_path / "tool"
    target.write_bytes(b"old")
    target.chmod(0o6755)
    write_document(target, b"new", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_a_name_at_the_length_limit_can_be_written(tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    target = tmp_path / ("r" * (limit - 3) + ".md")
    write_document(target, b"long name")
    assert target.read_bytes() == b"long name"
    assert leftovers(tmp_path) == []


def test_a_short_write_is_an_error_naming_the_file_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"published version")
    real_write = os.write

    def full_after_ten(descriptor: int, data: bytes | memoryview) -> int:
        if os.fstat(descriptor).st_size >= 10:
            raise OSError(28, "No space left on device")
        return real_write(descriptor, bytes(data)[:4])  # a short write first, then the disk fills

    monkeypatch.setattr(atomic_write.os, "write", full_after_ten)
    with pytest.raises(WriteError, match=r"plan\.json: only 12 of 1,000 bytes could be written \(No space"):
        write_document(target, b"x" * 1000, force=True)
    assert target.read_bytes() == b"published version"
    assert leftovers(tmp_path) == []


CHILD = """
import os, resource, signal, sys, time
from pathlib import Path
from plan_cli.basics import atomic_write
mode, target = sys.argv[1], Path(sys.argv[2])
if mode == "fsize":
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
    try:
        atomic_write.write_document(target, b"x" * 5000, force=True)
    except atomic_write.WriteError as error:
        print(error)
        sys.exit(1)
else:
    real = os.fsync
    def stall(descriptor):
        print("writing", flush=True)
        time.sleep(30)
        real(descriptor)
    os.fsync = stall
    atomic_write.write_document(target, b"new", force=True)
"""


def test_a_file_size_limit_is_an_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_bytes(b"published")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "fsize", str(target)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "out.html: only 1,000 of 5,000 bytes could be written (File too large)" in done.stdout
    assert "; the old file is unchanged" in done.stdout
    assert target.read_bytes() == b"published"
    assert leftovers(tmp_path) == []


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_bytes(b"published")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, "stall", str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    assert len(leftovers(tmp_path)) == 1
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"published"


def test_a_fifo_appearing_meanwhile_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.md"
    real_write = atomic_write._write_temporary

    def write_then_race(path: Path, data: bytes) -> str:
        temporary = real_write(path, data)
        os.mkfifo(target)
        return temporary

    monkeypatch.setattr(atomic_write, "_write_temporary", write_then_race)
    with pytest.raises(WriteError, match="is a FIFO"):
        write_document(target, b"mine", force=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert leftovers(tmp_path) == []


def test_a_pipe_whose_reader_has_gone_is_told_apart_from_a_failed_write() -> None:
    """stdout drops the rest quietly when its reader stops reading; other failures stay WriteErrors."""
    import os

    from plan_cli.basics.atomic_write import write_all

    reader, writer = os.pipe()
    os.close(reader)
    try:
        with pytest.raises(BrokenPipeError):
            write_all(writer, b"data", "<stdout>")
    finally:
        os.close(writer)
