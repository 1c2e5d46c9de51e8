"""Reading a file a person names: one size cap per kind, one encoding rule, one set of messages.

Every file named on the command line or in a plan (the plan, drafts, a
published plan to import, a mapping file, a template) is read here, so each
gets the same answer whichever command reads it:

* never more than the kind's limit: a regular file says its size and is
  refused before it is read; a device says 0, so at most one byte more than
  the limit is read and a longer stream (``/dev/zero``) is refused too;
* opened without blocking: a FIFO or a socket is refused before anything is
  read, and a device with nothing to read now is refused, never waited on;
* text is UTF-8, with or without a byte-order mark; UTF-16 is recognised
  (with or without its byte-order mark) and named, and a byte that is not
  UTF-8 is located by line and column.

Why a file cannot be read comes back as :class:`Unreadable`, in words that
follow the file's name.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

_OTHER_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)
_DEVICE_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_CHUNK = 1024 * 1024
SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save As, Encoding)"


class FileKind(NamedTuple):
    """What a named file is for: its name in messages, the most it may hold, what to give instead.

    ``noun`` follows "a"/"the" ("plan file", "draft"); ``itself`` is what to
    give in place of a directory or a pipe ("the YAML file itself"); ``where``
    ends the message for a missing file (", or give it with --plan PATH").
    """

    noun: str
    limit: int
    itself: str
    where: str = ""


class Unreadable(Exception):
    """A file that could not be read or decoded; ``str()`` is why, worded to follow the file's name.

    ``line`` and ``column`` (1-based) say where, when the problem is at a place
    in the file; ``missing`` is True when there is no file by that name.
    """

    def __init__(
        self, reason: str, line: int | None = None, column: int | None = None, missing: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column
        self.missing = missing


def read_bytes(path: Path | str, kind: FileKind) -> bytes:
    """Return the file's bytes, at most ``kind.limit`` of them; raise Unreadable saying why not.

    Refused: a missing file, a directory, a FIFO or socket, a device with
    nothing to read now, a file or stream over the limit, a file this user may
    not read. Memory stays within the limit whatever the file is.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise _open_refusal(error, kind) from None
    try:
        found = os.fstat(descriptor)
        if stat.S_ISDIR(found.st_mode):
            raise Unreadable(f"is a directory, not a {kind.noun}; give {kind.itself}")
        for test, what in _OTHER_KINDS:
            if test(found.st_mode):
                raise Unreadable(f"is {what}, not a {kind.noun}; give {kind.itself}")
        if found.st_size > kind.limit:
            raise Unreadable(f"is {found.st_size / 1024 / 1024:.1f} MB; {too_large(kind)}")
        regular = stat.S_ISREG(found.st_mode)
        return _read_within(descriptor, kind, found.st_size + 1 if regular else _CHUNK, found.st_mode)
    finally:
        os.close(descriptor)


def read_text(path: Path | str, kind: FileKind) -> str:
    """Return the file's text (see :func:`decode`); raise Unreadable saying why it cannot be read."""
    return decode(read_bytes(path, kind))


def decode(raw: bytes) -> str:
    """Return ``raw`` as text: UTF-8, a leading byte-order mark dropped; raise Unreadable if it is not.

    UTF-16 is named as such (it is what some editors save as "Unicode"); any
    other byte that is not UTF-8 is located by line and column.
    """
    if is_utf16(raw):
        raise Unreadable(f"is saved as UTF-16; {SAVE_AS_UTF8}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise Unreadable(
            f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); save the file as UTF-8",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def is_utf16(raw: bytes) -> bool:
    """True when ``raw`` starts as UTF-16 text: a UTF-16 byte-order mark, or every other byte zero.

    Without a byte-order mark, text in a Latin script saved as UTF-16 has a zero
    byte in most second places (and none between), which UTF-8 text never has.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(
        zeros.count(0) * 2 >= len(zeros) and not other.count(0) for zeros, other in ((even, odd), (odd, even))
    )


def too_large(kind: FileKind) -> str:
    """What follows a file's size when it is over the limit: the limit, and a question."""
    return f"a {kind.noun} may be at most {kind.limit // 1024 // 1024} MB. Is this the right file?"


def missing(kind: FileKind) -> str:
    """The message for a file that is not there."""
    return f"the {kind.noun} is missing (no such file); check the path{kind.where}"


def _read_within(descriptor: int, kind: FileKind, first: int, mode: int) -> bytes:
    """Read to the end, at most ``kind.limit`` bytes; a stream that goes on is refused at limit + 1."""
    chunks: list[bytes] = []
    held = 0
    want = min(first, kind.limit + 1)
    while True:
        try:
            chunk = os.read(descriptor, want)
        except BlockingIOError:
            what = next((what for test, what in _DEVICE_KINDS if test(mode)), "a device")
            raise Unreadable(
                f"is {what} with nothing to read now, not a {kind.noun}; give {kind.itself}"
            ) from None
        except OSError as error:
            raise Unreadable(f"cannot be read ({error.strerror or error})") from None
        if not chunk:
            break
        chunks.append(chunk)
        held += len(chunk)
        if held > kind.limit:
            raise Unreadable(f"holds more than {kind.limit // 1024 // 1024} MB; {too_large(kind)}")
        want = min(_CHUNK, kind.limit + 1 - held)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _open_refusal(error: OSError, kind: FileKind) -> Unreadable:
    """Why ``os.open`` failed, as the message for a file of this kind."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return Unreadable(missing(kind), missing=True)
    if error.errno in (errno.EACCES, errno.EPERM):
        return Unreadable("cannot be read (permission denied); check the file's permissions")
    if error.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
        return Unreadable(f"cannot be opened as a {kind.noun} ({error.strerror}); give {kind.itself}")
    return Unreadable(f"cannot be read ({error.strerror or error})")
