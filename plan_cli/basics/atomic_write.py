"""Writing a document to a file without ever losing the one already there.

The bytes go to a temporary file beside the target, are flushed to disk, and
only then take the target's place in one step (``os.replace``, or ``os.link``
when overwriting is not allowed, which fails if the target appeared meanwhile).
Any failure before that step, a short write, or SIGTERM or SIGHUP while it
happens, leaves the old file exactly as it was and removes the temporary file.

Only a regular file (or a symbolic link, which is replaced by the file) is
ever replaced: a device, a FIFO or a socket in the target's place is refused,
and so is a read-only file. The new file keeps the old one's permissions,
without set-user-id, set-group-id or sticky bits.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from plan_cli.basics.errors import WriteError

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}
# The most of the target's name kept in the temporary file's, in bytes: with the random part and
# the suffix the temporary name stays under the usual 255-byte limit whatever the target's length.
_NAME_KEPT = 64
_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def write_document(
    path: Path | str, data: bytes, force: bool = False, before_replace: Callable[[], None] | None = None
) -> None:
    """Write ``data`` to ``path`` atomically; raise WriteError rather than overwrite or half-write.

    Without ``force`` an existing file is refused (and left untouched). A missing
    directory, a directory in the file's place and an unwritable folder are
    WriteErrors that say what to do. ``before_replace`` runs once the new bytes
    are safely on disk, immediately before they take the file's place: an
    exception from it leaves the old file as it was (an edit checks there that
    nobody changed the file meanwhile).
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise WriteError(target, "is a directory; give a file name, e.g. --output report.md")
    if not folder.is_dir():
        if folder.exists():
            raise WriteError(target, f"'{folder}' is not a directory")
        raise WriteError(
            target, f"the directory '{folder}' does not exist; create it first (mkdir -p {folder})"
        )
    existing = _existing(target)
    if existing is not None:
        _check_replaceable(target, existing, force)
    with _terminating_raises():
        temporary = _write_temporary(target, data)
        try:
            existing = _existing(target)  # again: something else may have taken the name meanwhile
            if existing is not None and force:
                _check_replaceable(target, existing, force)
            if before_replace is not None:
                before_replace()
            _move_into_place(temporary, target, force)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _existing(target: Path) -> os.stat_result | None:
    """What is at ``target`` now (a link itself, not what it points to), or None."""
    try:
        return os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(target, f"cannot be written ({error.strerror or error})") from None


def _check_replaceable(target: Path, existing: os.stat_result, force: bool) -> None:
    """Raise WriteError unless ``force`` is given and what is at ``target`` is a writable regular file or a link."""
    mode = existing.st_mode
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            raise WriteError(target, f"is {kind}, not a regular file; plan writes only regular files")
    if not force:
        raise WriteError(target, "already exists; pass --force to overwrite it, or choose another file")
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(
            target,
            f"is read-only (mode {stat.S_IMODE(mode):04o}); make it writable first (chmod u+w) "
            "if it is meant to be replaced",
        )


class _Terminated(SystemExit):
    """Raised by SIGTERM or SIGHUP during a write, so the temporary file is removed on the way out."""


@contextlib.contextmanager
def _terminating_raises() -> Iterator[None]:
    """While writing, make SIGTERM and SIGHUP exit through Python (status 128 + signal), cleaning up."""
    import threading  # here, not at the top: every command's stdout goes through write_all

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(number: int, frame: FrameType | None) -> None:
        raise _Terminated(128 + number)

    signals = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {number: signal.signal(number, terminate) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _write_temporary(target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file in the target's folder, every byte checked; return its name."""
    import tempfile  # only when writing a file: every command's output is checked through write_all

    kept = os.fsencode(target.name)[:_NAME_KEPT].decode(errors="ignore") or "plan"
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{kept}.", suffix=".tmp")
    except PermissionError:
        raise WriteError(
            target, f"cannot write in '{target.parent}' (permission denied); choose another file"
        ) from None
    except OSError as error:
        raise WriteError(target, f"cannot be written ({error.strerror or error})") from None
    try:
        try:
            write_all(handle, data, str(target))
            os.fsync(handle)
        finally:
            os.close(handle)
        _copy_mode(target, temporary)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, WriteError):
            raise WriteError(target, f"{error.reason}; the old file is unchanged") from None
        if isinstance(error, OSError):
            raise WriteError(
                target, f"cannot be written ({error.strerror or error}); the old file is unchanged"
            ) from None
        raise
    return temporary


def write_all(descriptor: int, data: bytes, destination: str) -> None:
    """Write every byte of ``data`` to an open file descriptor; raise WriteError naming ``destination`` if any is not written.

    ``os.write`` may write less than it is given (a full disk, a file size
    limit, a pipe); the rest is retried until it is written or refused.
    """
    view = memoryview(data)
    written = 0
    while written < len(data):
        try:
            count = os.write(descriptor, view[written:])
        except InterruptedError:
            continue
        except BrokenPipeError:
            raise  # the reader has gone: the caller (stdout) decides whether that is an error
        except OSError as error:
            raise WriteError(destination, _short(written, len(data), error.strerror or str(error))) from None
        if count <= 0:
            raise WriteError(destination, _short(written, len(data), "nothing more was accepted"))
        written += count


def _short(written: int, total: int, why: str) -> str:
    return f"only {written:,} of {total:,} bytes could be written ({why})"


def _copy_mode(target: Path, temporary: str) -> None:
    """Give the new file the old one's permissions and, where allowed, owner; or the usual ones for a new file.

    Set-user-id, set-group-id and sticky bits are never carried over.
    """
    try:
        existing = target.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.chown(temporary, existing.st_uid, existing.st_gid)
    os.chmod(temporary, stat.S_IMODE(existing.st_mode) & 0o777)


def _move_into_place(temporary: str, target: Path, force: bool) -> None:
    """Put the temporary file at ``target`` in one step; raise WriteError if that cannot be done."""
    try:
        if force:
            os.replace(temporary, target)
        else:
            _link_without_overwriting(temporary, target)
    except FileExistsError:
        raise WriteError(
            target, "already exists; pass --force to overwrite it, or choose another file"
        ) from None
    except OSError as error:
        raise WriteError(
            target, f"cannot be written ({error.strerror or error}); the old file is unchanged"
        ) from None
    _sync_folder(target.parent)


def _link_without_overwriting(temporary: str, target: Path) -> None:
    """Create ``target`` from the temporary file, failing with FileExistsError if it exists."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if target.exists():  # a file system without hard links: check, then move
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the new name survives a crash (best effort: not every OS allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
