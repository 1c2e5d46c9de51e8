"""Writing a document to a file without ever losing the one already there.

The bytes go to a temporary file beside the target, are flushed to disk, and
only then take the target's place in one step (``os.replace``, or ``os.link``
when overwriting is not allowed, which fails if the target appeared meanwhile).
Any failure before that step leaves the old file exactly as it was and removes
the temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import WriteError

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def write_document(path: Path | str, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; raise WriteError rather than overwrite or half-write.

    Without ``force`` an existing file is refused (and left untouched). A missing
    directory, a directory in the file's place and an unwritable folder are
    WriteErrors that say what to do.
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
    if target.exists() and not force:
        raise WriteError(target, "already exists; pass --force to overwrite it, or choose another file")
    temporary = _write_temporary(target, data)
    try:
        _move_into_place(temporary, target, force)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_temporary(target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file in the target's folder; return its name."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except PermissionError:
        raise WriteError(
            target, f"cannot write in '{target.parent}' (permission denied); choose another file"
        ) from None
    except OSError as error:
        raise WriteError(target, f"cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(target, temporary)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(
                target, f"cannot be written ({error.strerror or error}); the old file is unchanged"
            ) from None
        raise
    return temporary


def _copy_mode(target: Path, temporary: str) -> None:
    """Give the new file the old one's permissions, or the usual ones for a new file."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


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
