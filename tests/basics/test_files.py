"""Reading a named file: the size cap, the encoding rule and the messages, for every kind of file."""

from __future__ import annotations

import os
import signal
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from plan_cli.basics import files
from plan_cli.basics.files import FileKind, Unreadable, decode, is_utf16, read_bytes, read_text

KIND = FileKind("list of things", 1024 * 1024, "the list's own file", ", or give it with --list PATH")


@pytest.fixture(autouse=True)
def never_hangs() -> Iterator[None]:
    """Fail, rather than hang the suite, if a read ever blocks."""

    def stuck(signum: int, frame: object) -> None:
        raise AssertionError("the read blocked")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def refusal(path: Path | str, kind: FileKind = KIND) -> Unreadable:
    with pytest.raises(Unreadable) as caught:
        read_bytes(path, kind)
    return caught.value


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(b"one\ntwo\n" * 1000)
    assert read_bytes(path, KIND) == b"one\ntwo\n" * 1000
    path.write_bytes(b"")
    assert read_bytes(path, KIND) == b""


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(b"x" * KIND.limit)
    assert len(read_bytes(path, KIND)) == KIND.limit
    path.write_bytes(b"x" * (KIND.limit + 1))
    assert str(refusal(path)) == "is 1.0 MB; a list of things may be at most 1 MB. Is this the right file?"


def test_a_large_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: reading it would take a while
    assert str(refusal(path)) == "is 50.0 MB; a list of things may be at most 1 MB. Is this the right file?"


def test_an_endless_device_is_refused_within_bounded_memory() -> None:
    tracemalloc.start()
    try:
        error = refusal("/dev/zero")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(error) == "holds more than 1 MB; a list of things may be at most 1 MB. Is this the right file?"
    assert peak < 3 * KIND.limit, f"{peak:,} bytes held to refuse a 1 MB limit"


def test_an_empty_device_reads_as_empty() -> None:
    assert read_bytes("/dev/null", KIND) == b""


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert str(refusal(fifo)) == "is a FIFO (named pipe), not a list of things; give the list's own file"


def test_a_terminal_with_nothing_typed_is_refused_without_waiting() -> None:
    controller, terminal = os.openpty()
    try:
        error = refusal(os.ttyname(terminal))
    finally:
        os.close(controller)
        os.close(terminal)
    assert str(error) == (
        "is a character device with nothing to read now, not a list of things; give the list's own file"
    )


def test_a_missing_file_and_a_directory_say_what_to_give(tmp_path: Path) -> None:
    assert str(refusal(tmp_path / "nope.txt")) == (
        "the list of things is missing (no such file); check the path, or give it with --list PATH"
    )
    assert str(refusal(tmp_path)) == "is a directory, not a list of things; give the list's own file"


def test_a_file_that_may_not_be_read_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    real_open = os.open

    def refusing_open(file: str, *args: int) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args)

    monkeypatch.setattr(files.os, "open", refusing_open)
    assert str(refusal(path)) == "cannot be read (permission denied); check the file's permissions"


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["plain", "byte-order-mark"])
def test_utf8_is_read_with_or_without_a_byte_order_mark(tmp_path: Path, prefix: bytes) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(prefix + "26th\u00a0June \u2019quoted\u2019\n".encode())
    assert read_text(path, KIND) == "26th\u00a0June \u2019quoted\u2019\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_or_without_its_byte_order_mark(encoding: str) -> None:
    raw = "title: Plan \u2019quoted\u2019\nforce: Test Police\n".encode(encoding)
    assert is_utf16(raw)
    with pytest.raises(Unreadable) as caught:
        decode(raw)
    assert str(caught.value) == "is saved as UTF-16; save it as UTF-8 (in most editors: Save As, Encoding)"
    assert caught.value.line is None


def test_utf8_and_short_files_are_not_taken_for_utf16() -> None:
    assert not is_utf16(b"title: Plan\n")
    assert not is_utf16(b"a\x00")
    assert not is_utf16("\u0100\u0101\u0102".encode())


def test_a_byte_that_is_not_utf8_is_located() -> None:
    raw = "a: 1\nb: caf\u00e9\n".encode("cp1252")
    with pytest.raises(Unreadable) as caught:
        decode(raw)
    error = caught.value
    assert str(error) == "is not valid UTF-8 (byte 0xe9 at offset 11); save the file as UTF-8"
    assert (error.line, error.column) == (2, 7)
