"""Writing documents to disk atomically, never overwriting by accident.

A document is written to a temporary file beside its target and moved into
place with ``os.replace``, so a reader (or a crash) never sees half a file and
an existing file is either left untouched or wholly replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import WriteError


def write_document(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; raise WriteError rather than overwrite without ``force``.

    Exists so every command that writes a file fails the same way: nothing
    written, nothing lost, and a message saying what to do next.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(
            path, f"the directory {folder} does not exist; create it first or choose another path"
        )
    if path.is_dir():
        raise WriteError(path, "is a directory; give a file name")
    if path.exists() and not force:
        raise WriteError(path, "already exists; not overwritten (give a path that does not exist yet)")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(path, f"cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(path, f"cannot be written ({error.strerror or error})") from None


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or what the umask gives a new file (mkstemp makes it 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
